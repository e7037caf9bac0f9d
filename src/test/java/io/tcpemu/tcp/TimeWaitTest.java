package io.tcpemu.tcp;

import org.junit.jupiter.api.Test;

import static io.tcpemu.tcp.NoSocketTest.A;
import static io.tcpemu.tcp.NoSocketTest.B;
import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the TIME-WAIT state, on a host-table entry. A (us) closed first: our FIN was 500,
 * acknowledged, so SND.NXT = 501; the peer B's FIN was 900, so RCV.NXT = 901.
 */
class TimeWaitTest {
    private static final TcpConfig RFC = Profile.RFC9293.config();
    private static final long T0 = 10 * SECOND;
    private static final TimeWaitEntry ENTRY = new TimeWaitEntry(new FourTuple(A, B), 501, 901,
            Segment.NO_TIMESTAMP, T0, T0 + RFC.timeWait(), 7);
    private static final Segment OUR_ACK = Segment.control(A, B, 501, 901, Flags.ACK, RFC.receiveWindow()).withOrigin(7);

    private static Segment fromPeer(int seq, int ack, int flags) {
        return Segment.control(B, A, seq, ack, flags, 1000);
    }

    private static TimeWait.Result arrive(Segment seg, long now, TcpConfig config) {
        return TimeWait.handleSegment(ENTRY, seg, now, config);
    }

    @Test
    void the_ack_segment_acknowledges_the_peers_fin() {
        assertThat(TimeWait.ack(ENTRY, T0, RFC)).isEqualTo(OUR_ACK);
    }

    @Test
    void a_retransmitted_fin_is_acked_and_restarts_the_timer() {
        long later = T0 + 30 * SECOND;
        TimeWait.Result r = arrive(fromPeer(900, 501, Flags.FIN | Flags.ACK), later, RFC);
        assertThat(r.verdict()).isEqualTo(TimeWait.Verdict.REPLY);
        assertThat(r.reply()).isEqualTo(OUR_ACK);
        assertThat(r.entry().expiresAt()).isEqualTo(later + RFC.timeWait());
        assertThat(r.entry().enteredAt()).isEqualTo(T0);
    }

    @Test
    void a_retransmitted_fin_with_data_is_acked_and_restarts_the_timer() {
        Segment finWithData = fromPeer(890, 501, Flags.FIN | Flags.ACK).withPayload(new byte[10]);
        TimeWait.Result r = arrive(finWithData, T0 + 1, RFC);
        assertThat(r.reply()).isEqualTo(OUR_ACK);
        assertThat(r.entry().expiresAt()).isEqualTo(T0 + 1 + RFC.timeWait());
    }

    @Test
    void an_old_segment_outside_the_window_is_acked_without_restart() {
        TimeWait.Result r = arrive(fromPeer(100, 501, Flags.ACK).withPayload(new byte[10]), T0 + 5, RFC);
        assertThat(r.verdict()).isEqualTo(TimeWait.Verdict.REPLY);
        assertThat(r.reply()).isEqualTo(OUR_ACK);
        assertThat(r.entry()).isEqualTo(ENTRY);
    }

    @Test
    void an_out_of_window_rst_is_ignored() {
        TimeWait.Result r = arrive(fromPeer(100, 0, Flags.RST), T0 + 5, RFC);
        assertThat(r.verdict()).isEqualTo(TimeWait.Verdict.IGNORE);
        assertThat(r.reply()).isNull();
    }

    @Test
    void an_exact_rst_closes_under_rfc9293() {
        TimeWait.Result r = arrive(fromPeer(901, 0, Flags.RST), T0 + 5, RFC);
        assertThat(r).isEqualTo(new TimeWait.Result(TimeWait.Verdict.CLOSE, null, null));
    }

    @Test
    void an_in_window_rst_closes_under_rfc9293_without_challenge_acks() {
        assertThat(arrive(fromPeer(950, 0, Flags.RST), T0, RFC).verdict()).isEqualTo(TimeWait.Verdict.CLOSE);
    }

    @Test
    void an_inexact_in_window_rst_gets_a_challenge_ack_under_rfc5961() {
        TimeWait.Result r = arrive(fromPeer(950, 0, Flags.RST), T0, RFC.withChallengeAcks(true));
        assertThat(r.verdict()).isEqualTo(TimeWait.Verdict.REPLY);
        assertThat(r.reply()).isEqualTo(OUR_ACK);
    }

    @Test
    void a_rst_is_ignored_under_rfc1337() {
        TcpConfig rfc1337 = RFC.withRstInTimeWait(TcpConfig.RstInTimeWait.IGNORE);
        TimeWait.Result r = arrive(fromPeer(901, 0, Flags.RST), T0, rfc1337);
        assertThat(r.verdict()).isEqualTo(TimeWait.Verdict.IGNORE);
        assertThat(r.entry()).isEqualTo(ENTRY);
    }

    @Test
    void a_new_syn_beyond_rcv_nxt_reopens() {
        TimeWait.Result r = arrive(fromPeer(5_000_000, 0, Flags.SYN), T0, RFC);
        assertThat(r).isEqualTo(new TimeWait.Result(TimeWait.Verdict.REOPEN, null, null));
    }

    @Test
    void a_new_syn_beyond_rcv_nxt_across_the_wrap_reopens() {
        TimeWaitEntry nearWrap = new TimeWaitEntry(ENTRY.tuple(), 501, 0xFFFF_FFF0, Segment.NO_TIMESTAMP, T0, T0 + 1, 7);
        TimeWait.Result r = TimeWait.handleSegment(nearWrap, fromPeer(0x10, 0, Flags.SYN), T0, RFC);
        assertThat(r.verdict()).isEqualTo(TimeWait.Verdict.REOPEN);
    }

    @Test
    void an_old_syn_below_rcv_nxt_gets_an_ack() {
        TimeWait.Result r = arrive(fromPeer(100, 0, Flags.SYN), T0, RFC);
        assertThat(r.verdict()).isEqualTo(TimeWait.Verdict.REPLY);
        assertThat(r.reply()).isEqualTo(OUR_ACK);
    }

    @Test
    void a_new_syn_gets_an_ack_when_reopening_is_off() {
        TimeWait.Result r = arrive(fromPeer(5_000_000, 0, Flags.SYN), T0, RFC.withSynReopensTimeWait(false));
        assertThat(r.verdict()).isEqualTo(TimeWait.Verdict.REPLY);
        assertThat(r.reply()).isEqualTo(OUR_ACK);
    }

    @Test
    void an_in_window_syn_gets_a_challenge_ack() {
        TimeWait.Result r = arrive(fromPeer(901, 0, Flags.SYN), T0, RFC);
        assertThat(r.verdict()).isEqualTo(TimeWait.Verdict.REPLY);
        assertThat(r.reply()).isEqualTo(OUR_ACK);
    }

    @Test
    void a_syn_ack_never_reopens() {
        assertThat(arrive(fromPeer(5_000_000, 501, Flags.SYN | Flags.ACK), T0, RFC).verdict())
                .isEqualTo(TimeWait.Verdict.REPLY);
    }

    @Test
    void data_in_window_is_acked_without_restart() {
        TimeWait.Result r = arrive(fromPeer(901, 501, Flags.ACK).withPayload(new byte[3]), T0 + 5, RFC);
        assertThat(r.verdict()).isEqualTo(TimeWait.Verdict.REPLY);
        assertThat(r.entry()).isEqualTo(ENTRY);
    }

    @Test
    void a_bare_in_window_ack_is_not_answered() {
        // Answering it could make two TIME-WAIT ends acknowledge each other for ever.
        assertThat(arrive(fromPeer(901, 501, Flags.ACK), T0, RFC).verdict()).isEqualTo(TimeWait.Verdict.IGNORE);
    }

    @Test
    void an_in_window_segment_without_ack_is_dropped() {
        assertThat(arrive(fromPeer(901, 0, 0).withPayload(new byte[3]), T0, RFC).verdict())
                .isEqualTo(TimeWait.Verdict.IGNORE);
    }

    // ---- RFC 6191: timestamps ---------------------------------------------------------

    private static final TcpConfig LINUX = Profile.LINUX.config();
    private static final TimeWaitEntry TS_ENTRY = new TimeWaitEntry(new FourTuple(A, B), 501, 901,
            5_000, T0, T0 + LINUX.timeWait(), 7);

    private static Segment synWithTs(int seq, long tsVal) {
        return new Segment(B, A, seq, 0, Flags.SYN, 1000, 1460, tsVal, Segment.NO_TIMESTAMP, Segment.NO_PAYLOAD, 8);
    }

    @Test
    void a_syn_below_rcv_nxt_with_a_newer_timestamp_reopens() {
        TimeWait.Result r = TimeWait.handleSegment(TS_ENTRY, synWithTs(100, 5_001), T0, LINUX);
        assertThat(r.verdict()).isEqualTo(TimeWait.Verdict.REOPEN);
    }

    @Test
    void a_syn_below_rcv_nxt_with_an_old_timestamp_gets_an_ack_echoing_ts_recent() {
        TimeWait.Result r = TimeWait.handleSegment(TS_ENTRY, synWithTs(100, 4_000), T0, LINUX);
        assertThat(r.verdict()).isEqualTo(TimeWait.Verdict.REPLY);
        assertThat(r.reply().tsEcr()).isEqualTo(5_000);
        assertThat(r.reply().tsVal()).isEqualTo(TimeWait.timestampClock(T0));
    }

    @Test
    void timestamps_reopen_only_when_we_use_them_too() {
        TimeWait.Result r = TimeWait.handleSegment(TS_ENTRY, synWithTs(100, 5_001), T0, LINUX.withTimestamps(false));
        assertThat(r.verdict()).isEqualTo(TimeWait.Verdict.REPLY);
        assertThat(r.reply().hasTimestamp()).isFalse();
    }

    @Test
    void a_retransmitted_fin_with_a_newer_timestamp_updates_ts_recent_under_rfc9293_rules() {
        Segment fin = new Segment(B, A, 900, 501, Flags.FIN | Flags.ACK, 1000, 0, 6_000, 1, Segment.NO_PAYLOAD, 8);
        TimeWait.Result r = TimeWait.handleSegment(TS_ENTRY, fin, T0, RFC.withTimestamps(true));
        assertThat(r.entry().tsRecent()).isEqualTo(6_000);
        assertThat(r.reply().tsEcr()).isEqualTo(6_000);
    }

    @Test
    void linux_takes_a_timestamp_only_from_a_segment_at_rcv_nxt() {
        // tcp_timewait_state_process updates tw_ts_recent only in its "seq == rcv_nxt" branch
        Segment fin = new Segment(B, A, 900, 501, Flags.FIN | Flags.ACK, 1000, 0, 6_000, 1, Segment.NO_PAYLOAD, 8);
        TimeWait.Result r = TimeWait.handleSegment(TS_ENTRY, fin, T0, LINUX);
        assertThat(r.entry().tsRecent()).isEqualTo(5_000);
        assertThat(r.reply().tsEcr()).isEqualTo(5_000);
        Segment ack = new Segment(B, A, 901, 501, Flags.ACK, 1000, 0, 6_000, 1, Segment.NO_PAYLOAD, 8);
        assertThat(TimeWait.handleSegment(TS_ENTRY, ack, T0, LINUX).entry().tsRecent()).isEqualTo(6_000);
    }

    // ---- Linux's rules (tcp_timewait_state_process) ----------------------------------------

    private static final TimeWaitEntry LINUX_ENTRY = new TimeWaitEntry(new FourTuple(A, B), 501, 901,
            Segment.NO_TIMESTAMP, T0, T0 + LINUX.timeWait(), 7);

    private static TimeWait.Result linux(Segment seg, long now) {
        return TimeWait.handleSegment(LINUX_ENTRY, seg, now, LINUX);
    }

    @Test
    void linux_restarts_the_timer_silently_on_a_bare_ack_at_rcv_nxt() {
        long later = T0 + 20 * SECOND;
        TimeWait.Result r = linux(fromPeer(901, 501, Flags.ACK), later);
        assertThat(r.verdict()).isEqualTo(TimeWait.Verdict.IGNORE);
        assertThat(r.entry().expiresAt()).isEqualTo(later + 60 * SECOND);
    }

    @Test
    void linux_acks_an_ack_elsewhere_in_the_window_and_restarts_the_timer() {
        long later = T0 + 20 * SECOND;
        TimeWait.Result r = linux(fromPeer(950, 501, Flags.ACK), later);
        assertThat(r.verdict()).isEqualTo(TimeWait.Verdict.REPLY);
        assertThat(r.reply().seq()).isEqualTo(501);
        assertThat(r.reply().ack()).isEqualTo(901);
        assertThat(r.entry().expiresAt()).isEqualTo(later + 60 * SECOND);
        // RFC 9293's rules: an acceptable bare ACK gets nothing
        assertThat(arrive(fromPeer(950, 501, Flags.ACK), later, RFC).verdict()).isEqualTo(TimeWait.Verdict.IGNORE);
    }

    @Test
    void linux_ignores_an_inexact_rst_and_closes_on_an_exact_one() {
        assertThat(linux(fromPeer(950, 0, Flags.RST), T0).verdict()).isEqualTo(TimeWait.Verdict.IGNORE);
        assertThat(linux(fromPeer(901, 0, Flags.RST), T0).verdict()).isEqualTo(TimeWait.Verdict.CLOSE);
        TcpConfig rfc1337 = LINUX.withRstInTimeWait(TcpConfig.RstInTimeWait.IGNORE);
        assertThat(TimeWait.handleSegment(LINUX_ENTRY, fromPeer(901, 0, Flags.RST), T0, rfc1337).verdict())
                .isEqualTo(TimeWait.Verdict.IGNORE);
    }

    @Test
    void linux_acks_an_old_syn_without_restarting_and_reopens_on_a_new_one_with_isn_snd_nxt_plus_65537() {
        TimeWait.Result old = linux(fromPeer(100, 0, Flags.SYN), T0 + SECOND);
        assertThat(old.verdict()).isEqualTo(TimeWait.Verdict.REPLY);
        assertThat(old.entry().expiresAt()).isEqualTo(LINUX_ENTRY.expiresAt());
        assertThat(linux(fromPeer(2_000, 0, Flags.SYN), T0).verdict()).isEqualTo(TimeWait.Verdict.REOPEN);
        assertThat(TimeWait.reopenIsn(LINUX_ENTRY, LINUX)).isEqualTo(501 + 65537);
        assertThat(TimeWait.reopenIsn(ENTRY, RFC)).isEqualTo(-1);
        TimeWaitEntry wraps = new TimeWaitEntry(new FourTuple(A, B), -65537, 901, Segment.NO_TIMESTAMP, T0, T0, 7);
        assertThat(TimeWait.reopenIsn(wraps, LINUX)).isEqualTo(1);
    }

    private static Segment ackWithTs(int seq, long tsVal) {
        return new Segment(B, A, seq, 501, Flags.ACK, 1000, 0, tsVal, 300, Segment.NO_PAYLOAD, 8);
    }

    @Test
    void linux_answers_a_bare_ack_at_rcv_nxt_that_paws_rejects_and_restarts_time_wait() {
        assertThat(TimeWait.handleSegment(TS_ENTRY, ackWithTs(901, 5_001), T0, LINUX).verdict()).isEqualTo(TimeWait.Verdict.IGNORE);
        TimeWait.Result old = TimeWait.handleSegment(TS_ENTRY, ackWithTs(901, 4_000), T0 + SECOND, LINUX);
        assertThat(old.verdict()).isEqualTo(TimeWait.Verdict.REPLY);
        assertThat(old.entry().expiresAt()).isEqualTo(T0 + SECOND + LINUX.timeWait());
        assertThat(old.reply().tsEcr()).as("echoes TS.Recent, not the old value").isEqualTo(5_000);
    }

    @Test
    void linux_rate_limits_time_wait_acks_to_segments_without_data_or_fin_to_one_per_500_ms() {
        TimeWait.Result first = TimeWait.handleSegment(ENTRY, fromPeer(100_000, 501, Flags.ACK), T0, LINUX);
        assertThat(first.verdict()).isEqualTo(TimeWait.Verdict.REPLY);
        TimeWaitEntry after = first.entry();
        long soon = T0 + TcpConfig.INVALID_RATELIMIT - 1;
        assertThat(TimeWait.handleSegment(after, fromPeer(100_000, 501, Flags.ACK), soon, LINUX).verdict())
                .isEqualTo(TimeWait.Verdict.IGNORE);
        Segment data = fromPeer(100_000, 501, Flags.ACK).withPayload(new byte[10]);
        assertThat(TimeWait.handleSegment(after, data, soon, LINUX).verdict()).as("data is never limited").isEqualTo(TimeWait.Verdict.REPLY);
        assertThat(TimeWait.handleSegment(after, fromPeer(100_000, 501, Flags.ACK), T0 + TcpConfig.INVALID_RATELIMIT, LINUX).verdict())
                .isEqualTo(TimeWait.Verdict.REPLY);
        assertThat(TimeWait.handleSegment(after, fromPeer(100_000, 501, Flags.ACK), soon, RFC).verdict())
                .as("RFC 9293's rules have no limit").isEqualTo(TimeWait.Verdict.REPLY);
    }
}
