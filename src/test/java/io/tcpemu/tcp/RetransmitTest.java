package io.tcpemu.tcp;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6298 retransmission: timings, backoff, give-up, RTT estimation and Karn's rule. */
class RetransmitTest extends ConnectionFixtures {
    private static final int PA = Flags.PSH | Flags.ACK;
    /** RTO 1 s initially, 100 ms floor, 60 s ceiling: samples show through the floor. */
    private static final TcpConfig FAST_FLOOR = RFC.withRto(SECOND, 100 * MILLISECOND, 60 * SECOND);

    @Test
    void syn_is_retransmitted_with_doubling_timeouts_then_times_out() {
        Tcb s = synSent();
        List<Long> times = fireUntilClosed(s, T0);
        assertThat(times).containsExactly(1 * SECOND, 3 * SECOND, 7 * SECOND, 15 * SECOND, 31 * SECOND,
                63 * SECOND, 123 * SECOND); // the last wait, 64 s, is capped at rtoMax = 60 s
        assertThat(s.fx().sent).hasSize(6).allSatisfy(sent -> {
            assertThat(sent.segment()).isEqualTo(ourSyn());
            assertThat(sent.retransmission()).isTrue();
        });
        assertThat(s.fx().notices).containsExactly(Notice.TIMED_OUT, Notice.CLOSED);
        assertThat(s.fx().transitions).containsExactly("SYN-SENT -> CLOSED (retransmissions exhausted)");
    }

    @Test
    void linux_gives_up_on_a_syn_at_the_first_timeout_after_127_seconds() {
        Tcb s = synSent(Profile.LINUX.config().withTimestamps(false));
        assertThat(fireUntilClosed(s, T0)).last().isEqualTo(131 * SECOND); // 67 s + 64 s: the first timer past 127 s
    }

    @Test
    void syn_retries_follow_the_config() {
        Tcb s = synSent(RFC.withRetries(2, 6, 15));
        assertThat(fireUntilClosed(s, T0)).containsExactly(1 * SECOND, 3 * SECOND, 7 * SECOND);
        assertThat(s.fx().sent).hasSize(2);
    }

    @Test
    void a_half_open_passive_child_simply_ends_after_its_syn_ack_retries() {
        Tcb s = synReceived(RFC.withRetries(6, 2, 15));
        assertThat(fireUntilClosed(s, T0)).containsExactly(1 * SECOND, 3 * SECOND, 7 * SECOND);
        assertThat(s.fx().sent).hasSize(2).allSatisfy(sent -> assertThat(sent.segment()).isEqualTo(ourSynAck()));
        assertThat(s.fx().notices).containsExactly(Notice.CLOSED);
    }

    @Test
    void data_is_retransmitted_and_an_ack_stops_the_timer() {
        Tcb s = established();
        s.conn().send(bytes("data"), 0, 4, ms(20));
        recv(s, oursData(LOCAL_SEQ + 1, REMOTE_SEQ + 1, PA, "data"));
        long rto = s.conn().rto();
        assertThat(fire(s, TimerKind.RETRANSMIT)).isEqualTo(ms(20) + rto);
        recvRetransmission(s, oursData(LOCAL_SEQ + 1, REMOTE_SEQ + 1, PA, "data"));
        assertThat(s.fx().deadline(TimerKind.RETRANSMIT)).isEqualTo(ms(20) + rto + 2 * rto);
        send(s, ms(20) + rto + 5, peer(REMOTE_SEQ + 1, LOCAL_SEQ + 5, Flags.ACK));
        assertThat(s.fx().timers).doesNotContainKey(TimerKind.RETRANSMIT);
    }

    @Test
    void data_retransmission_gives_up_with_timed_out() {
        Tcb s = established(RFC.withRetries(6, 6, 3));
        s.conn().send(bytes("data"), 0, 4, ms(20));
        s.fx().clear();
        long rto = s.conn().rto();
        assertThat(fireUntilClosed(s, ms(20))).containsExactly(rto, 3 * rto, 7 * rto, 15 * rto);
        assertThat(s.fx().sent).hasSize(3);
        assertThat(s.fx().notices).containsExactly(Notice.TIMED_OUT, Notice.CLOSED);
    }

    @Test
    void backoff_is_capped_at_rto_max() {
        Tcb s = established(RFC.withRto(SECOND, SECOND, 4 * SECOND).withRetries(6, 6, 5));
        s.conn().send(bytes("x"), 0, 1, ms(20));
        List<Long> times = fireUntilClosed(s, ms(20));
        // 1, 2, 4, 4, 4, 4 seconds apart
        assertThat(times).containsExactly(1 * SECOND, 3 * SECOND, 7 * SECOND, 11 * SECOND, 15 * SECOND, 19 * SECOND);
    }

    @Test
    void only_the_earliest_segment_is_resent_on_timeout_and_the_rest_follows_the_ack() {
        Tcb s = established(RFC.withWindow(10, 100, 100));
        s.conn().send(bytes("0123456789abcdefghij"), 0, 20, ms(20));
        s.fx().sent.clear();
        fire(s, TimerKind.RETRANSMIT);
        recvRetransmission(s, withWindow(oursData(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK, "0123456789"), 100));
        recvNothing(s);
        send(s, ms(5000), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 11, Flags.ACK));
        recvRetransmission(s, withWindow(oursData(LOCAL_SEQ + 11, REMOTE_SEQ + 1, PA, "abcdefghij"), 100));
    }

    @Test
    void fin_is_retransmitted_in_fin_wait_1_and_last_ack() {
        Tcb s = finWait1();
        fire(s, TimerKind.RETRANSMIT);
        recvRetransmission(s, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.FIN | Flags.ACK));
        Tcb t = lastAck(RFC.withRetries(6, 6, 1));
        fire(t, TimerKind.RETRANSMIT);
        recvRetransmission(t, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 2, Flags.FIN | Flags.ACK));
        fire(t, TimerKind.RETRANSMIT);
        assertThat(t.state()).isEqualTo(State.CLOSED);
        assertThat(t.fx().notices).containsExactly(Notice.TIMED_OUT, Notice.CLOSED);
    }

    @Test
    void a_stale_timer_firing_is_ignored() {
        Tcb s = established();
        s.conn().send(bytes("x"), 0, 1, ms(20));
        s.fx().sent.clear();
        s.conn().handleTimer(TimerKind.RETRANSMIT, ms(21));
        s.conn().handleTimer(TimerKind.TIME_WAIT, ms(5000));
        recvNothing(s);
    }

    // ---- RTT estimation ---------------------------------------------------------------------

    @Test
    void the_first_sample_sets_srtt_and_rto_to_srtt_plus_4_rttvar() {
        Tcb s = synSent(FAST_FLOOR);
        send(s, T0 + 200 * MILLISECOND, peerSynAck());
        assertThat(s.conn().srtt()).isEqualTo(200 * MILLISECOND);
        assertThat(s.conn().rto()).isEqualTo(600 * MILLISECOND); // 200 + 4 * 100
    }

    @Test
    void later_samples_are_smoothed() {
        Tcb s = synSent(FAST_FLOOR);
        send(s, T0 + 200 * MILLISECOND, peerSynAck());
        s.conn().send(bytes("x"), 0, 1, ms(1000));
        send(s, ms(1100), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 2, Flags.ACK));
        // RTTVAR = 3/4 * 100 + 1/4 * |200 - 100| = 100; SRTT = 7/8 * 200 + 1/8 * 100 = 187.5
        assertThat(s.conn().srtt()).isEqualTo(187_500);
        assertThat(s.conn().rto()).isEqualTo(587_500);
    }

    @Test
    void the_rto_has_a_floor() {
        Tcb s = synSent(FAST_FLOOR);
        send(s, T0 + 10 * MILLISECOND, peerSynAck());
        assertThat(s.conn().rto()).isEqualTo(100 * MILLISECOND);
    }

    @Test
    void karn_no_sample_from_a_retransmitted_segment_and_the_backoff_stays() {
        Tcb s = synSent(FAST_FLOOR);
        send(s, T0 + 200 * MILLISECOND, peerSynAck());
        s.conn().send(bytes("x"), 0, 1, ms(1000));
        long at = fire(s, TimerKind.RETRANSMIT);
        assertThat(s.conn().rto()).isEqualTo(1_200 * MILLISECOND);
        send(s, at + 5 * MILLISECOND, peer(REMOTE_SEQ + 1, LOCAL_SEQ + 2, Flags.ACK));
        assertThat(s.conn().srtt()).isEqualTo(200 * MILLISECOND); // the ambiguous ACK gave no sample
        assertThat(s.conn().rto()).isEqualTo(1_200 * MILLISECOND);
        // a fresh segment gives a valid sample, which clears the backoff
        s.conn().send(bytes("y"), 0, 1, ms(5000));
        send(s, ms(5200), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 3, Flags.ACK));
        assertThat(s.conn().rto()).isEqualTo(500 * MILLISECOND); // SRTT 200 + 4 * RTTVAR 75
    }

    @Test
    void a_syn_ack_after_a_retransmitted_syn_gives_no_sample() {
        Tcb s = synSent(FAST_FLOOR);
        fire(s, TimerKind.RETRANSMIT);
        send(s, T0 + 1_050 * MILLISECOND, peerSynAck());
        assertThat(s.conn().srtt()).isEqualTo(-1);
        assertThat(s.state()).isEqualTo(State.ESTABLISHED);
    }
}
