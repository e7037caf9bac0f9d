package io.tcpemu.tcp.pair;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Notice;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 793 figures 7 to 14 (RFC 9293 §3.5, §3.6), replayed segment by segment on real
 * {@link io.tcpemu.tcp.Connection}s. Sequence numbers print relative, as in the figures: A's ISN
 * is 100 and B's 300, or, where the figure starts on an established connection
 * "(send 300, receive 100)", A's next byte is 100 and B's is 300. Each line reads
 * {@code A-state arrow <segment> arrow B-state}; {@code ...} marks a segment still in the network.
 */
class Rfc793FiguresTest {
    private static final TcpConfig RFC = Profile.RFC9293.config();

    /** A and B established, numbered as "(send 300, receive 100)" from here on. */
    private static CorePair established(TcpConfig config, long delay) {
        CorePair pair = CorePair.established(config, delay);
        return pair.showSeqAs(pair.a(), pair.a().isn(), 99).showSeqAs(pair.b(), pair.b().isn(), 299);
    }

    @Test
    void figure_7_basic_three_way_handshake() {
        CorePair pair = new CorePair(RFC);
        pair.b().listen();
        pair.a().connect();
        pair.run();
        pair.a().send("hello");
        pair.run();

        assertThat(pair.lines()).as(pair.trace().dump()).containsExactly(
                "SYN-SENT --> <SEQ=100><CTL=SYN> --> SYN-RECEIVED",
                "ESTABLISHED <-- <SEQ=300><ACK=101><CTL=SYN,ACK> <-- SYN-RECEIVED",
                "ESTABLISHED --> <SEQ=101><ACK=301><CTL=ACK> --> ESTABLISHED",
                "ESTABLISHED --> <SEQ=101><ACK=301><CTL=ACK><DATA=5> --> ESTABLISHED",
                // Not in the figure: B acknowledges the data.
                "ESTABLISHED <-- <SEQ=301><ACK=106><CTL=ACK> <-- ESTABLISHED");
        assertThat(pair.b().receiveAll()).isEqualTo("hello");
        assertThat(pair.a().notices()).contains(Notice.CONNECTED);
        assertThat(pair.b().notices()).contains(Notice.CONNECTED);
    }

    @Test
    void figure_8_simultaneous_open() {
        CorePair pair = new CorePair(RFC);
        // B's SYN must reach A before A's reaches B, as in the figure.
        pair.onNext(Dir.A_TO_B, Segment::isSyn, Fate.delay(CorePair.DEFAULT_DELAY / 2));
        pair.a().connect();
        pair.b().connect();
        pair.run();

        // The figure draws line 4 (B receives A's SYN) before line 5 (A sends its SYN,ACK);
        // on a link with delays the SYN,ACK leaves first. Segments and states are the figure's.
        assertThat(pair.lines()).as(pair.trace().dump()).containsExactly(
                "SYN-SENT --> <SEQ=100><CTL=SYN> ...",
                "SYN-RECEIVED <-- <SEQ=300><CTL=SYN> <-- SYN-SENT",
                "SYN-RECEIVED --> <SEQ=100><ACK=301><CTL=SYN,ACK> ...",
                "... <SEQ=100><CTL=SYN> --> SYN-RECEIVED",
                "... <SEQ=300><ACK=101><CTL=SYN,ACK> <-- SYN-RECEIVED",
                "... <SEQ=100><ACK=301><CTL=SYN,ACK> --> ESTABLISHED",
                "ESTABLISHED <-- <SEQ=300><ACK=101><CTL=SYN,ACK> ...");
    }

    @Test
    void figure_9_recovery_from_old_duplicate_syn() {
        // 100 us one way; A's real SYN is held 400 us more, so B's second ISN is 100 ticks
        // (of 4 us) after its first: 400 where the first was 300, as in the figure.
        CorePair pair = new CorePair(RFC, RFC, 100, 0);
        pair.b().listen();
        pair.onNext(Dir.A_TO_B, Segment::isSyn, Fate.delay(400));
        pair.a().connect();
        int isnA = pair.a().isn();
        pair.inject(Dir.A_TO_B, Segment.control(CorePair.A_ADDR, CorePair.B_ADDR, isnA - 10, 0, Flags.SYN, 65535), 0);
        pair.run();

        assertThat(pair.lines()).as(pair.trace().dump()).containsExactly(
                "SYN-SENT --> <SEQ=100><CTL=SYN> ...",
                "... <SEQ=90><CTL=SYN> --> SYN-RECEIVED",
                "SYN-SENT <-- <SEQ=300><ACK=91><CTL=SYN,ACK> <-- SYN-RECEIVED",
                "SYN-SENT --> <SEQ=91><CTL=RST> --> LISTEN",
                "... <SEQ=100><CTL=SYN> --> SYN-RECEIVED",
                "ESTABLISHED <-- <SEQ=400><ACK=101><CTL=SYN,ACK> <-- SYN-RECEIVED",
                "ESTABLISHED --> <SEQ=101><ACK=401><CTL=ACK> --> ESTABLISHED");
    }

    @Test
    void figure_10_half_open_connection_discovery() {
        // The figure assumes A's new SYN falls outside B's window: a 200-byte window makes it so.
        CorePair pair = established(RFC.withWindow(1460, 200, 65536), 100);
        // A crashes and, 1204 us after its first SYN, tries again: its new ISN is 301 ticks on, 400.
        pair.a().crash();
        pair.runUntil(1204);
        int mark = pair.trace().mark();
        pair.a().connect();
        pair.runUntil(() -> pair.b().state() == State.CLOSED);

        assertThat(pair.trace().linesSince(mark)).as(pair.trace().dump()).containsExactly(
                "SYN-SENT --> <SEQ=400><CTL=SYN> --> ESTABLISHED",
                "SYN-SENT <-- <SEQ=300><ACK=100><CTL=ACK> <-- ESTABLISHED",
                "SYN-SENT --> <SEQ=100><CTL=RST> --> CLOSED");
        assertThat(pair.b().notices()).contains(Notice.RESET);

        // Line 7: A's SYN, retransmitted, now opens a connection with B listening again.
        pair.b().listen();
        pair.run();
        assertThat(pair.a().state()).isEqualTo(State.ESTABLISHED);
        assertThat(pair.b().state()).isEqualTo(State.ESTABLISHED);
        assertThat(pair.trace().linesSince(mark).get(3)).isEqualTo("SYN-SENT --> <SEQ=400><CTL=SYN> --> SYN-RECEIVED");
    }

    @Test
    void figure_11_active_side_causes_half_open_connection_discovery() {
        CorePair pair = established(RFC, CorePair.DEFAULT_DELAY);
        pair.a().crash();
        int mark = pair.trace().mark();
        pair.b().send("0123456789");
        pair.run();

        assertThat(pair.trace().linesSince(mark)).as(pair.trace().dump()).containsExactly(
                "CLOSED <-- <SEQ=300><ACK=100><CTL=ACK><DATA=10> <-- ESTABLISHED",
                "CLOSED --> <SEQ=100><CTL=RST> --> CLOSED");
        assertThat(pair.b().notices()).contains(Notice.RESET);
    }

    @Test
    void figure_12_old_duplicate_syn_initiates_a_reset_on_two_passive_sockets() {
        CorePair pair = new CorePair(RFC);
        pair.a().listen();
        pair.b().listen();
        int z = 0x1234_5678;
        pair.showSeqAs(pair.a(), z, 100);
        pair.inject(Dir.A_TO_B, Segment.control(CorePair.A_ADDR, CorePair.B_ADDR, z, 0, Flags.SYN, 65535), 0);
        pair.run();

        assertThat(pair.lines()).as(pair.trace().dump()).containsExactly(
                "... <SEQ=100><CTL=SYN> --> SYN-RECEIVED",
                "LISTEN <-- <SEQ=300><ACK=101><CTL=SYN,ACK> <-- SYN-RECEIVED",
                "LISTEN --> <SEQ=101><CTL=RST> --> LISTEN");
        assertThat(pair.b().timers()).isEmpty();
    }

    @Test
    void figure_13_normal_close_sequence() {
        CorePair pair = established(RFC, CorePair.DEFAULT_DELAY);
        int mark = pair.trace().mark();
        pair.a().close();
        pair.run();
        pair.b().close();
        long finSent = pair.now();
        pair.run();

        assertThat(pair.trace().linesSince(mark)).as(pair.trace().dump()).containsExactly(
                "FIN-WAIT-1 --> <SEQ=100><ACK=300><CTL=FIN,ACK> --> CLOSE-WAIT",
                "FIN-WAIT-2 <-- <SEQ=300><ACK=101><CTL=ACK> <-- CLOSE-WAIT",
                "TIME-WAIT <-- <SEQ=300><ACK=101><CTL=FIN,ACK> <-- LAST-ACK",
                "TIME-WAIT --> <SEQ=101><ACK=301><CTL=ACK> --> CLOSED",
                "CLOSED (TIME_WAIT)");
        long timeWaitFrom = finSent + pair.delay();
        assertThat(pair.now()).isEqualTo(timeWaitFrom + RFC.timeWait());
    }

    @Test
    void figure_14_simultaneous_close_sequence() {
        CorePair pair = established(RFC, CorePair.DEFAULT_DELAY);
        int mark = pair.trace().mark();
        pair.a().close();
        pair.b().close();
        pair.run();

        assertThat(pair.trace().linesSince(mark)).as(pair.trace().dump()).containsExactly(
                "FIN-WAIT-1 --> <SEQ=100><ACK=300><CTL=FIN,ACK> ...",
                "... <SEQ=300><ACK=100><CTL=FIN,ACK> <-- FIN-WAIT-1",
                "... <SEQ=100><ACK=300><CTL=FIN,ACK> --> CLOSING",
                "... <SEQ=301><ACK=101><CTL=ACK> <-- CLOSING",
                "CLOSING <-- <SEQ=300><ACK=100><CTL=FIN,ACK> ...",
                "CLOSING --> <SEQ=101><ACK=301><CTL=ACK> ...",
                "TIME-WAIT <-- <SEQ=301><ACK=101><CTL=ACK> ...",
                "... <SEQ=101><ACK=301><CTL=ACK> --> TIME-WAIT",
                "CLOSED (TIME_WAIT)",
                "(TIME_WAIT) CLOSED");
    }
}
