package io.tcpemu.tcp;

import org.junit.jupiter.api.Test;

import static io.tcpemu.tcp.ConnectionFixtures.*;
import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Linux's delayed ACKs under the {@code linux} profile, each rule as the kernel showed it with
 * packetdrill (src/test/resources/pkt/delack-*.pkt and close-*.pkt): quick-ACK for the first
 * segments, a 40 ms delay once the connection is interactive, ACKs riding on our data and FIN, and
 * an ACK at once for anything out of order. The {@code rfc9293} profile ACKs every segment at once.
 */
class DelayedAckTest {
    /** Linux without timestamps, so segments compare by numbers and flags alone. */
    private static final TcpConfig LINUX = Profile.LINUX.config().withTimestamps(false);
    private static final int PEER = REMOTE_SEQ + 1;
    private static final int US = LOCAL_SEQ + 1;

    private static Segment data(int offset, int len) {
        return peerData(PEER + offset, US, "x".repeat(len));
    }

    // ---- quick-ACK ----------------------------------------------------------------------------

    @Test
    void the_first_segments_are_acked_at_once_then_acks_wait_40_ms() {
        Tcb s = established(LINUX);
        for (int i = 0; i < DelayedAck.MAX_QUICKACKS; i++) {
            send(s, ms(100 + 100L * i), data(100 * i, 100));
            recvControl(s, US, PEER + 100 * (i + 1), Flags.ACK);
        }
        send(s, ms(1700), data(1600, 100));
        recvNothing(s);
        assertThat(s.fx().deadline(TimerKind.DELAYED_ACK)).isEqualTo(ms(1700) + DelayedAck.ATO_MIN);
        fire(s, TimerKind.DELAYED_ACK);
        recvControl(s, US, PEER + 1700, Flags.ACK);
    }

    @Test
    void more_than_one_full_segment_unacknowledged_is_acked_at_once() {
        Tcb s = interactive();
        send(s, ms(300), data(100, 1460));
        recvNothing(s);
        send(s, ms(301), data(1560, 1460));
        recvControl(s, US + 50, PEER + 3020, Flags.ACK);
        assertThat(s.fx().timers).doesNotContainKey(TimerKind.DELAYED_ACK);
    }

    // ---- interactive (pingpong) -----------------------------------------------------------------

    @Test
    void once_we_answered_data_quickly_the_next_ack_waits_40_ms_and_its_timer_ends_the_wait() {
        Tcb s = interactive();
        send(s, ms(300), data(100, 100));
        recvNothing(s);
        assertThat(s.fx().deadline(TimerKind.DELAYED_ACK)).isEqualTo(ms(340));
        fire(s, TimerKind.DELAYED_ACK);
        recvControl(s, US + 50, PEER + 200, Flags.ACK);
        // The lone ACK ended the interactive mode: quick-ACKs are left, so the next goes at once.
        send(s, ms(400), data(200, 100));
        recvControl(s, US + 50, PEER + 300, Flags.ACK);
    }

    @Test
    void the_ack_rides_on_our_answer() {
        Tcb s = interactive();
        send(s, ms(300), data(100, 100));
        recvNothing(s);
        s.conn().send(bytes("y".repeat(50)), 0, 50, ms(310));
        Segment answer = recvControl(s, US + 50, PEER + 200, Flags.ACK | Flags.PSH);
        assertThat(answer.length()).isEqualTo(50);
        assertThat(s.fx().timers).doesNotContainKey(TimerKind.DELAYED_ACK);
        recvNothing(s);
    }

    @Test
    void out_of_order_data_is_acked_at_once_with_the_gap_and_so_is_the_segment_that_fills_it() {
        Tcb s = interactive();
        send(s, ms(300), data(200, 100));
        recvControl(s, US + 50, PEER + 100, Flags.ACK);
        send(s, ms(301), data(100, 100));
        recvControl(s, US + 50, PEER + 300, Flags.ACK);
    }

    @Test
    void a_duplicate_is_acked_at_once() {
        Tcb s = interactive();
        send(s, ms(300), data(0, 100));
        recvControl(s, US + 50, PEER + 100, Flags.ACK);
    }

    // ---- the FIN --------------------------------------------------------------------------------

    @Test
    void a_fin_waits_for_the_application_so_a_prompt_close_answers_with_fin_ack_three_segment_close() {
        Tcb s = established(LINUX);
        send(s, ms(20), peer(PEER, US, Flags.FIN | Flags.ACK));
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.CLOSE_WAIT);
        s.conn().close(ms(20));
        recvControl(s, US, PEER + 1, Flags.FIN | Flags.ACK);
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.LAST_ACK);
    }

    @Test
    void a_fin_before_any_data_is_acked_alone_at_the_next_tick_if_the_application_does_not_close() {
        Tcb s = established(LINUX);
        send(s, ms(20), peer(PEER, US, Flags.FIN | Flags.ACK));
        assertThat(s.fx().deadline(TimerKind.DELAYED_ACK)).isEqualTo(ms(20) + DelayedAck.TICK);
        fire(s, TimerKind.DELAYED_ACK);
        recvControl(s, US, PEER + 1, Flags.ACK);
        s.conn().close(ms(500));
        recvControl(s, US, PEER + 1, Flags.FIN | Flags.ACK);
    }

    @Test
    void a_fin_after_data_is_acked_alone_after_the_40_ms_ato() {
        Tcb s = established(LINUX);
        send(s, ms(20), data(0, 100));
        recvControl(s, US, PEER + 100, Flags.ACK);
        send(s, ms(100), peer(PEER + 100, US, Flags.FIN | Flags.ACK));
        recvNothing(s);
        assertThat(s.fx().deadline(TimerKind.DELAYED_ACK)).isEqualTo(ms(140));
    }

    @Test
    void a_fin_in_fin_wait_2_is_acked_at_once() {
        Tcb s = finWait2(LINUX);
        send(s, ms(40), peer(PEER, LOCAL_SEQ + 2, Flags.FIN | Flags.ACK));
        recvControl(s, LOCAL_SEQ + 2, PEER + 1, Flags.ACK);
        assertThat(s.state()).isEqualTo(State.TIME_WAIT);
    }

    @Test
    void rfc9293_acks_data_and_fin_at_once() {
        Tcb s = established(RFC);
        send(s, ms(20), data(0, 100));
        recvControl(s, US, PEER + 100, Flags.ACK);
        send(s, ms(30), peer(PEER + 100, US, Flags.FIN | Flags.ACK));
        recvControl(s, US, PEER + 101, Flags.ACK);
    }

    // ---- ato ------------------------------------------------------------------------------------

    @Test
    void ato_doubles_when_the_lone_ack_was_not_interactive_and_follows_close_segments_down() {
        DelayedAck d = new DelayedAck(1460, 65535);
        d.dataReceived(0, 100, 65535, 1_000 * MILLISECOND);
        assertThat(d.ato()).isEqualTo(40 * MILLISECOND);
        d.timerFired(1_000 * MILLISECOND);
        assertThat(d.ato()).isEqualTo(80 * MILLISECOND);
        d.dataReceived(30 * MILLISECOND, 100, 65535, 1_000 * MILLISECOND); // gap 30 ms < ato: ato/2 + gap
        assertThat(d.ato()).isEqualTo(70 * MILLISECOND);
        d.dataReceived(40 * MILLISECOND, 100, 65535, 1_000 * MILLISECOND); // gap 10 ms <= 20 ms: ato/2 + 20 ms
        assertThat(d.ato()).isEqualTo(55 * MILLISECOND);
        // srtt 100 ms, not interactive: the delay is min(ato, 500 ms, max(srtt, 40 ms))
        assertThat(d.deadline(1_000 * MILLISECOND, 100 * MILLISECOND)).isEqualTo(1_055 * MILLISECOND);
    }

    /**
     * Established, the peer's first 100 bytes quick-ACKed at 100 ms, and our 50-byte answer at
     * 100 ms: within ato of receiving, so the connection is interactive.
     */
    private static Tcb interactive() {
        Tcb s = established(LINUX);
        send(s, ms(100), data(0, 100));
        recvControl(s, US, PEER + 100, Flags.ACK);
        assertThat(s.conn().receive(1000, ms(100))).hasSize(100);
        s.conn().send(bytes("y".repeat(50)), 0, 50, ms(100));
        recvControl(s, US, PEER + 100, Flags.ACK | Flags.PSH);
        send(s, ms(110), peer(PEER + 100, US + 50, Flags.ACK));
        s.fx().clear();
        return s;
    }
}
