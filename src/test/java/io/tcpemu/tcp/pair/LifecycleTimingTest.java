package io.tcpemu.tcp.pair;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Notice;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.Seq;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.tcp.TimerKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/** Retransmission and TIME-WAIT timings, and where the RFC9293 and LINUX profiles differ. */
class LifecycleTimingTest {
    private static final TcpConfig RFC = Profile.RFC9293.config();
    private static final TcpConfig LINUX = Profile.LINUX.config();

    private static List<Long> sendTimes(CorePair pair, Dir dir) {
        return pair.trace().sent(dir).stream().map(PairTrace.Event::time).toList();
    }

    /**
     * A closes first; B closes as soon as A is in FIN-WAIT-2 (before Linux's 60 s FIN-WAIT-2
     * timeout would end an orphaned A); returns when A entered TIME-WAIT.
     */
    private static long closeToTimeWait(CorePair pair) {
        pair.a().close();
        pair.runUntil(() -> pair.a().state() == State.FIN_WAIT_2);
        pair.b().close();
        pair.runUntil(() -> pair.a().state() == State.TIME_WAIT);
        return pair.now();
    }

    private static long timeOfTimer(CorePair pair, Dir side) {
        return pair.trace().events().stream()
                .filter(e -> e.kind() == PairTrace.Kind.TIMER && e.dir() == side)
                .mapToLong(PairTrace.Event::time).findFirst().orElseThrow();
    }

    // ---- SYN retransmission ----------------------------------------------------------------

    /** A connects and every SYN it sends is lost; runs until A gives up. */
    private static CorePair everySynLost(TcpConfig config) {
        CorePair pair = new CorePair(config);
        pair.onEvery(Dir.A_TO_B, Segment::isSyn, Fate.DROP);
        pair.a().connect();
        return pair.run();
    }

    @Test
    void a_lost_syn_is_retransmitted_after_1_2_4_8_16_32_s_then_gives_up_at_the_rto_ceiling() {
        CorePair pair = everySynLost(RFC);

        assertThat(sendTimes(pair, Dir.A_TO_B)).containsExactly(
                0L, 1 * SECOND, 3 * SECOND, 7 * SECOND, 15 * SECOND, 31 * SECOND, 63 * SECOND);
        assertThat(pair.trace().sent(Dir.A_TO_B)).extracting(e -> e.segment().seq()).containsOnly(pair.a().isn());
        // RFC 9293 profile: the seventh wait, 64 s, is capped at rtoMax = 60 s.
        assertThat(pair.now()).isEqualTo(123 * SECOND);
        assertThat(pair.a().state()).isEqualTo(State.CLOSED);
        assertThat(pair.a().notices()).containsExactly(Notice.TIMED_OUT, Notice.CLOSED);
    }

    @Test
    void linux_gives_up_on_a_syn_at_the_first_timeout_past_127_s() {
        CorePair pair = everySynLost(LINUX);

        // tcp_syn_linear_timeouts 4: ten retransmissions fit in the 127 s that six exponential ones would take
        assertThat(sendTimes(pair, Dir.A_TO_B)).containsExactly(0L, 1 * SECOND, 2 * SECOND, 3 * SECOND, 4 * SECOND,
                5 * SECOND, 7 * SECOND, 11 * SECOND, 19 * SECOND, 35 * SECOND, 67 * SECOND);
        assertThat(pair.now()).isEqualTo(131 * SECOND);
        assertThat(pair.a().notices()).containsExactly(Notice.TIMED_OUT, Notice.CLOSED);
    }

    @Test
    void syn_retries_sets_the_number_of_retransmissions() {
        CorePair pair = everySynLost(RFC.withRetries(2, 5, 15));

        assertThat(sendTimes(pair, Dir.A_TO_B)).containsExactly(0L, 1 * SECOND, 3 * SECOND);
        assertThat(pair.now()).isEqualTo(7 * SECOND);
        assertThat(pair.a().notices()).containsExactly(Notice.TIMED_OUT, Notice.CLOSED);
    }

    // ---- TIME-WAIT -------------------------------------------------------------------------

    @Test
    void time_wait_lasts_two_msl_under_rfc9293_and_60_s_under_linux() {
        CorePair rfc = CorePair.established(RFC, CorePair.DEFAULT_DELAY);
        long rfcEntered = closeToTimeWait(rfc);
        rfc.run();
        assertThat(timeOfTimer(rfc, Dir.A_TO_B) - rfcEntered).isEqualTo(2 * RFC.msl()).isEqualTo(240 * SECOND);

        CorePair linux = CorePair.established(LINUX, CorePair.DEFAULT_DELAY);
        long linuxEntered = closeToTimeWait(linux);
        linux.run();
        assertThat(timeOfTimer(linux, Dir.A_TO_B) - linuxEntered).isEqualTo(60 * SECOND);
        assertThat(linux.a().state()).isEqualTo(State.CLOSED);
    }

    @Test
    void a_lost_final_ack_is_answered_from_time_wait_which_restarts() {
        CorePair pair = CorePair.established(RFC, CorePair.DEFAULT_DELAY);
        pair.showSeqAs(pair.a(), pair.a().isn(), 99).showSeqAs(pair.b(), pair.b().isn(), 299);
        pair.a().close();
        pair.run();
        int mark = pair.trace().mark();
        pair.onNext(Dir.A_TO_B, s -> true, Fate.DROP);
        pair.b().close();
        pair.runUntil(() -> pair.a().state() == State.TIME_WAIT);
        long entered = pair.now();
        assertThat(pair.a().timers()).containsEntry(TimerKind.TIME_WAIT, entered + RFC.timeWait());

        pair.runUntil(() -> pair.b().state() == State.CLOSED);
        // B's FIN comes back after its RTO (1 s, the RFC 6298 floor) and reaches A 50 ms later.
        long again = entered + 1 * SECOND;
        assertThat(pair.a().timers()).containsEntry(TimerKind.TIME_WAIT, again + RFC.timeWait());
        pair.run();

        assertThat(pair.trace().linesSince(mark)).as(pair.trace().dump()).containsExactly(
                "TIME-WAIT <-- <SEQ=300><ACK=101><CTL=FIN,ACK> <-- LAST-ACK",
                "TIME-WAIT --> <SEQ=101><ACK=301><CTL=ACK> (lost)",
                "TIME-WAIT <-- <SEQ=300><ACK=101><CTL=FIN,ACK> <-- LAST-ACK",
                "TIME-WAIT --> <SEQ=101><ACK=301><CTL=ACK> --> CLOSED",
                "CLOSED (TIME_WAIT)");
        assertThat(pair.now()).isEqualTo(again + RFC.timeWait());
    }

    // ---- RST in TIME-WAIT ------------------------------------------------------------------

    /** A in TIME-WAIT receives a RST {@code offset} past its RCV.NXT. */
    private static CorePair rstInTimeWait(TcpConfig config, int offset) {
        CorePair pair = CorePair.established(config, CorePair.DEFAULT_DELAY);
        closeToTimeWait(pair);
        int rcvNxt = pair.a().conn().timeWaitEntry().rcvNxt();
        pair.deliverNow(Dir.B_TO_A, Segment.control(CorePair.B_ADDR, CorePair.A_ADDR,
                Seq.add(rcvNxt, offset), 0, Flags.RST, 0));
        return pair;
    }

    private static List<Segment> lastReplies(CorePair pair) {
        List<PairTrace.Event> events = pair.trace().events();
        PairTrace.Event last = events.get(events.size() - 1);
        return last.kind() == PairTrace.Kind.SEND ? List.of(last.segment()) : List.of();
    }

    @Test
    void an_exact_rst_ends_time_wait_in_both_profiles() {
        assertThat(rstInTimeWait(RFC, 0).a().state()).isEqualTo(State.CLOSED);
        assertThat(rstInTimeWait(LINUX, 0).a().state()).isEqualTo(State.CLOSED);
    }

    @Test
    void an_inexact_rst_ends_time_wait_under_rfc9293_but_linux_ignores_it() {
        assertThat(rstInTimeWait(RFC, 10).a().state()).isEqualTo(State.CLOSED);

        CorePair linux = rstInTimeWait(LINUX, 10);
        assertThat(linux.a().state()).isEqualTo(State.TIME_WAIT);
        assertThat(lastReplies(linux)).as("no challenge ACK in TIME-WAIT (tcp_timewait_state_process)").isEmpty();

        // RFC 5961 with RFC 9293's TIME-WAIT rules: a challenge ACK
        CorePair challenged = rstInTimeWait(RFC.withChallengeAcks(true), 10);
        assertThat(challenged.a().state()).isEqualTo(State.TIME_WAIT);
        assertThat(lastReplies(challenged)).singleElement().satisfies(ack -> {
            assertThat(ack.flags()).isEqualTo(Flags.ACK);
            assertThat(ack.ack()).isEqualTo(challenged.a().conn().timeWaitEntry().rcvNxt());
        });
    }

    @Test
    void rfc1337_ignores_a_rst_in_time_wait() {
        CorePair pair = rstInTimeWait(RFC.withRstInTimeWait(TcpConfig.RstInTimeWait.IGNORE), 0);
        assertThat(pair.a().state()).isEqualTo(State.TIME_WAIT);
        assertThat(lastReplies(pair)).isEmpty();
    }

    /**
     * RFC 1337's hazard H1: an old segment reaches A in TIME-WAIT, A's ACK reaches B (CLOSED),
     * B's RST comes back exactly at A's RCV.NXT and ends TIME-WAIT early — unless RST is ignored.
     */
    private static CorePair oldSegmentInTimeWait(TcpConfig config) {
        CorePair pair = CorePair.established(config, CorePair.DEFAULT_DELAY);
        closeToTimeWait(pair);
        pair.runUntil(() -> pair.b().state() == State.CLOSED);
        int rcvNxt = pair.a().conn().timeWaitEntry().rcvNxt();
        Segment old = Segment.control(CorePair.B_ADDR, CorePair.A_ADDR, Seq.add(rcvNxt, -20), 0, Flags.ACK, 1000);
        pair.inject(Dir.B_TO_A, old.withPayload(new byte[10]), 0);
        pair.runFor(10 * SECOND);
        return pair;
    }

    @Test
    void time_wait_assassination_rfc1337_hazard_1() {
        CorePair assassinated = oldSegmentInTimeWait(LINUX);
        assertThat(assassinated.a().state()).isEqualTo(State.CLOSED);
        assertThat(assassinated.b().state()).isEqualTo(State.CLOSED);

        CorePair protectedByRfc1337 = oldSegmentInTimeWait(LINUX.withRstInTimeWait(TcpConfig.RstInTimeWait.IGNORE));
        assertThat(protectedByRfc1337.a().state()).isEqualTo(State.TIME_WAIT);
    }

    // ---- minimum RTO -----------------------------------------------------------------------

    /** After a 20 ms RTT was measured, how long until lost data is sent again. */
    private static long dataRetransmissionDelay(TcpConfig config) {
        CorePair pair = CorePair.established(config, 10 * MILLISECOND);
        pair.a().send("first");
        pair.run();
        pair.onNext(Dir.A_TO_B, s -> s.length() > 0, Fate.DROP);
        pair.a().send("second");
        long sent = pair.now();
        pair.runUntil(() -> pair.b().conn().readable() == "firstsecond".length());
        List<PairTrace.Event> data = pair.trace().sent(Dir.A_TO_B).stream()
                .filter(e -> e.segment().length() > 0).toList();
        assertThat(data.get(data.size() - 1).retransmission()).isTrue();
        return data.get(data.size() - 1).time() - sent;
    }

    @Test
    void the_rto_floor_is_1_s_under_rfc6298_and_200_ms_under_linux() {
        assertThat(dataRetransmissionDelay(RFC)).isEqualTo(1 * SECOND);
        assertThat(dataRetransmissionDelay(LINUX)).isEqualTo(200 * MILLISECOND);
    }

    // ---- two-way handshake -----------------------------------------------------------------

    /** Figure 9's old duplicate SYN, with the handshake under test on both sides. */
    private static CorePair oldDuplicateSyn(TcpConfig.Handshake handshake) {
        TcpConfig config = RFC.withHandshake(handshake);
        CorePair pair = new CorePair(config, config, 100, 0);
        pair.b().listen();
        pair.onNext(Dir.A_TO_B, Segment::isSyn, Fate.delay(400));
        pair.a().connect();
        pair.inject(Dir.A_TO_B, Segment.control(CorePair.A_ADDR, CorePair.B_ADDR,
                pair.a().isn() - 10, 0, Flags.SYN, 65535), 0);
        pair.runUntil(150);
        return pair;
    }

    @Test
    void the_three_way_handshake_refuses_an_old_duplicate_syn() {
        CorePair pair = oldDuplicateSyn(TcpConfig.Handshake.THREE_WAY);
        assertThat(pair.b().state()).isEqualTo(State.SYN_RECEIVED);
        assertThat(pair.b().notices()).doesNotContain(Notice.CONNECTED);
        pair.run();
        assertThat(pair.lines()).contains("SYN-SENT --> <SEQ=91><CTL=RST> --> LISTEN");
        assertThat(pair.a().state()).isEqualTo(State.ESTABLISHED);
        assertThat(pair.b().state()).isEqualTo(State.ESTABLISHED);
        assertThat(pair.b().notices()).containsOnlyOnce(Notice.CONNECTED);
    }

    @Test
    void the_two_way_handshake_opens_a_ghost_connection_on_an_old_duplicate_syn() {
        CorePair pair = oldDuplicateSyn(TcpConfig.Handshake.TWO_WAY);
        // The old SYN alone made B ESTABLISHED and told its user "connected", to a peer that never asked.
        assertThat(pair.b().state()).isEqualTo(State.ESTABLISHED);
        assertThat(pair.b().notices()).contains(Notice.CONNECTED);
        assertThat(pair.lines()).contains("... <SEQ=90><CTL=SYN> --> ESTABLISHED");
        pair.run();
        // A's RST kills the ghost, too late: the listener is gone and A's real SYN is refused.
        assertThat(pair.b().notices()).contains(Notice.RESET);
        assertThat(pair.a().state()).isEqualTo(State.CLOSED);
        assertThat(pair.a().notices()).contains(Notice.REFUSED);
        assertThat(pair.lines()).as(pair.trace().dump()).endsWith(
                "... <SEQ=100><CTL=SYN> --> CLOSED",
                "CLOSED <-- <SEQ=0><ACK=101><CTL=RST,ACK> <-- CLOSED");
    }

    // ---- sequence numbers wrapping ---------------------------------------------------------

    @Test
    void a_connection_whose_isn_is_just_below_two_to_the_32_wraps_cleanly() {
        CorePair pair = new CorePair(RFC);
        // Start the clock where A's RFC 6528 ISN is 2^32 - 100: the clock part adds one per 4 us.
        long ticks = Integer.toUnsignedLong(-100 - pair.a().isnAt(0));
        pair.runUntil(ticks * 4);
        pair.b().listen();
        pair.a().connect();
        assertThat(pair.a().isn()).isEqualTo(-100);
        pair.run();
        String text = "x".repeat(3000);
        pair.a().send(text);
        pair.run();
        assertThat(pair.b().receiveAll()).isEqualTo(text);

        closeToTimeWait(pair);
        pair.run();
        List<Integer> seqs = pair.trace().sent(Dir.A_TO_B).stream().map(e -> e.segment().seq()).toList();
        assertThat(Seq.unsigned(seqs.get(0))).isEqualTo((1L << 32) - 100);
        assertThat(Seq.unsigned(seqs.get(seqs.size() - 1))).isEqualTo(3000 - 100 + 2);
        assertThat(pair.a().state()).isEqualTo(State.CLOSED);
        assertThat(pair.b().state()).isEqualTo(State.CLOSED);
        assertThat(pair.b().notices()).doesNotContain(Notice.RESET);
    }
}
