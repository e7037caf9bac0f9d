package io.tcpemu.tcp;

import org.junit.jupiter.api.Test;

import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for the closing states: FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT. */
class ClosingTest extends ConnectionFixtures {
    private static final int FIN_ACK = Flags.FIN | Flags.ACK;

    // ---- ESTABLISHED → FIN-WAIT-1 / CLOSE-WAIT --------------------------------------------

    @Test
    void close_in_established_sends_fin_and_enters_fin_wait_1() {
        Tcb s = established();
        s.conn().close(ms(20));
        recv(s, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 1, FIN_ACK));
        assertThat(s.state()).isEqualTo(State.FIN_WAIT_1);
        assertThat(s.conn().orphaned()).isTrue();
        assertThat(s.fx().deadline(TimerKind.RETRANSMIT)).isEqualTo(ms(20) + s.conn().rto());
    }

    @Test
    void fin_in_established_enters_close_wait_and_ends_the_stream() {
        Tcb s = established();
        send(s, ms(20), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, FIN_ACK));
        recv(s, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 2, Flags.ACK));
        assertThat(s.state()).isEqualTo(State.CLOSE_WAIT);
        assertThat(s.fx().notices).containsExactly(Notice.END_OF_STREAM);
        assertThat(s.fx().transitions).containsExactly("ESTABLISHED -> CLOSE-WAIT (rcv FIN,ACK)");
    }

    @Test
    void a_fin_beyond_a_gap_is_held_and_counts_once_the_gap_fills() {
        Tcb s = established();
        send(s, ms(20), peerData(REMOTE_SEQ + 4, LOCAL_SEQ + 1, "de"));
        send(s, ms(20), peer(REMOTE_SEQ + 6, LOCAL_SEQ + 1, FIN_ACK));
        recv(s, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK));
        recv(s, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK));
        assertThat(s.state()).isEqualTo(State.ESTABLISHED);
        send(s, ms(21), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 1, "abc"));
        recv(s, withWindow(ours(LOCAL_SEQ + 1, REMOTE_SEQ + 7, Flags.ACK), WINDOW - 5));
        assertThat(s.state()).isEqualTo(State.CLOSE_WAIT);
        assertThat(s.fx().notices).containsExactly(Notice.READABLE, Notice.END_OF_STREAM);
        assertThat(text(s.conn().receive(10, ms(22)))).isEqualTo("abcde");
    }

    @Test
    void a_fin_beyond_a_gap_is_dropped_when_out_of_order_buffering_is_off() {
        Tcb s = established(RFC.withBufferOutOfOrder(false));
        send(s, ms(20), peer(REMOTE_SEQ + 4, LOCAL_SEQ + 1, FIN_ACK));
        recv(s, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK));
        send(s, ms(21), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 1, "abc"));
        assertThat(s.state()).isEqualTo(State.ESTABLISHED);
    }

    // ---- FIN-WAIT-1 -------------------------------------------------------------------------

    @Test
    void fin_wait_1_ack_of_fin_enters_fin_wait_2() {
        Tcb s = finWait1();
        send(s, ms(30), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 2, Flags.ACK));
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.FIN_WAIT_2);
        assertThat(s.fx().timers).doesNotContainKey(TimerKind.RETRANSMIT);
    }

    @Test
    void fin_wait_1_ack_short_of_the_fin_stays() {
        Tcb s = finWait1();
        send(s, ms(30), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.ACK));
        assertThat(s.state()).isEqualTo(State.FIN_WAIT_1);
    }

    @Test
    void fin_wait_1_fin_enters_closing() {
        Tcb s = finWait1();
        send(s, ms(30), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, FIN_ACK));
        recv(s, ours(LOCAL_SEQ + 2, REMOTE_SEQ + 2, Flags.ACK));
        assertThat(s.state()).isEqualTo(State.CLOSING);
    }

    @Test
    void fin_wait_1_fin_that_acks_our_fin_enters_time_wait_directly() {
        Tcb s = finWait1();
        send(s, ms(30), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 2, FIN_ACK));
        recv(s, ours(LOCAL_SEQ + 2, REMOTE_SEQ + 2, Flags.ACK));
        assertThat(s.state()).isEqualTo(State.TIME_WAIT);
        assertThat(s.fx().transitions).containsExactly("FIN-WAIT-1 -> TIME-WAIT (rcv FIN,ACK)");
        assertThat(s.fx().deadline(TimerKind.TIME_WAIT)).isEqualTo(ms(30) + RFC.timeWait());
    }

    @Test
    void new_data_after_close_is_answered_by_rst_when_the_policy_says_so() {
        Tcb s = finWait2();
        send(s, ms(40), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 2, "nobody reads this"));
        recv(s, ourRst(LOCAL_SEQ + 2));
        assertThat(s.state()).isEqualTo(State.CLOSED);
        assertThat(s.fx().transitions).containsExactly("FIN-WAIT-2 -> CLOSED (rcv data after close)");
    }

    @Test
    void fin_wait_1_still_receives_data() {
        Tcb s = finWait1(RFC.withRstOnCloseWithUnread(false));
        send(s, ms(30), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 2, "late"));
        recv(s, withWindow(ours(LOCAL_SEQ + 2, REMOTE_SEQ + 5, Flags.ACK), WINDOW - 4));
        assertThat(s.state()).isEqualTo(State.FIN_WAIT_2);
        assertThat(s.conn().readable()).isEqualTo(4);
    }

    // ---- FIN-WAIT-2 -------------------------------------------------------------------------

    @Test
    void fin_wait_2_fin_enters_time_wait() {
        Tcb s = finWait2();
        send(s, ms(40), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 2, FIN_ACK));
        recv(s, ours(LOCAL_SEQ + 2, REMOTE_SEQ + 2, Flags.ACK));
        assertThat(s.state()).isEqualTo(State.TIME_WAIT);
        assertThat(s.fx().notices).containsExactly(Notice.END_OF_STREAM);
    }

    @Test
    void fin_wait_2_without_timeout_policy_waits_for_ever() {
        Tcb s = finWait2();
        assertThat(s.fx().timers).isEmpty();
    }

    @Test
    void orphaned_fin_wait_2_times_out() {
        TcpConfig config = RFC.withFinWait2Timeout(60 * SECOND);
        Tcb s = finWait2(config);
        assertThat(s.fx().deadline(TimerKind.FIN_WAIT_2)).isEqualTo(ms(30) + 60 * SECOND);
        s.conn().handleTimer(TimerKind.FIN_WAIT_2, ms(30) + 59 * SECOND); // early: stale
        assertThat(s.state()).isEqualTo(State.FIN_WAIT_2);
        fire(s, TimerKind.FIN_WAIT_2);
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.CLOSED);
        assertThat(s.fx().transitions).containsExactly("FIN-WAIT-2 -> CLOSED (FIN-WAIT-2 timeout)");
        assertThat(s.fx().notices).containsExactly(Notice.CLOSED);
    }

    @Test
    void half_closed_fin_wait_2_has_no_timeout_and_keeps_receiving() {
        TcpConfig config = RFC.withFinWait2Timeout(60 * SECOND);
        Tcb s = established(config);
        s.conn().shutdown(ms(20));
        recv(s, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 1, FIN_ACK));
        assertThat(s.conn().send(bytes("x"), 0, 1, ms(21))).isEqualTo(-1);
        send(s, ms(30), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 2, Flags.ACK));
        assertThat(s.state()).isEqualTo(State.FIN_WAIT_2);
        assertThat(s.fx().timers).doesNotContainKey(TimerKind.FIN_WAIT_2);
        send(s, ms(40), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 2, "more"));
        assertThat(text(s.conn().receive(100, ms(41)))).isEqualTo("more");
        // a later close() makes it an orphan, and then the timeout applies
        s.conn().close(ms(50));
        assertThat(s.fx().deadline(TimerKind.FIN_WAIT_2)).isEqualTo(ms(50) + 60 * SECOND);
    }

    // ---- CLOSE-WAIT and LAST-ACK ----------------------------------------------------------

    @Test
    void close_in_close_wait_sends_fin_and_enters_last_ack() {
        Tcb s = closeWait();
        s.conn().close(ms(30));
        recv(s, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 2, FIN_ACK));
        assertThat(s.state()).isEqualTo(State.LAST_ACK);
    }

    @Test
    void close_wait_can_still_send() {
        Tcb s = closeWait();
        assertThat(s.conn().send(bytes("bye"), 0, 3, ms(25))).isEqualTo(3);
        recv(s, oursData(LOCAL_SEQ + 1, REMOTE_SEQ + 2, Flags.ACK | Flags.PSH, "bye"));
    }

    @Test
    void last_ack_ack_of_fin_closes() {
        Tcb s = lastAck();
        send(s, ms(40), peer(REMOTE_SEQ + 2, LOCAL_SEQ + 2, Flags.ACK));
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.CLOSED);
        assertThat(s.fx().notices).containsExactly(Notice.CLOSED);
        assertThat(s.fx().timers).isEmpty();
    }

    @Test
    void last_ack_retransmitted_fin_is_acked_again() {
        Tcb s = lastAck();
        send(s, ms(40), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, FIN_ACK));
        recv(s, ours(LOCAL_SEQ + 2, REMOTE_SEQ + 2, Flags.ACK));
        assertThat(s.state()).isEqualTo(State.LAST_ACK);
    }

    // ---- CLOSING ----------------------------------------------------------------------------

    @Test
    void closing_ack_of_fin_enters_time_wait() {
        Tcb s = closing();
        send(s, ms(40), peer(REMOTE_SEQ + 2, LOCAL_SEQ + 2, Flags.ACK));
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.TIME_WAIT);
        assertThat(s.fx().transitions).containsExactly("CLOSING -> TIME-WAIT (rcv ACK)");
    }

    @Test
    void closing_retransmits_its_fin() {
        Tcb s = closing();
        fire(s, TimerKind.RETRANSMIT);
        recvRetransmission(s, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 2, FIN_ACK));
    }

    // ---- TIME-WAIT --------------------------------------------------------------------------

    @Test
    void time_wait_expires_after_the_configured_time() {
        Tcb s = timeWait();
        assertThat(s.fx().timers).containsOnlyKeys(TimerKind.TIME_WAIT);
        long at = fire(s, TimerKind.TIME_WAIT);
        assertThat(at).isEqualTo(ms(40) + 240 * SECOND);
        assertThat(s.state()).isEqualTo(State.CLOSED);
        assertThat(s.fx().transitions).containsExactly("TIME-WAIT -> CLOSED (TIME-WAIT timeout)");
        assertThat(s.fx().notices).containsExactly(Notice.CLOSED);
        assertThat(s.conn().timeWaitEntry()).isNull();
    }

    @Test
    void time_wait_entry_describes_the_connection() {
        Tcb s = timeWait();
        assertThat(s.conn().timeWaitEntry()).isEqualTo(new TimeWaitEntry(TUPLE, LOCAL_SEQ + 2, REMOTE_SEQ + 2,
                Segment.NO_TIMESTAMP, ms(40), ms(40) + RFC.timeWait(), ID, ISN.timestampOffset(TUPLE), RFC.receiveWindow()));
    }

    @Test
    void retransmitted_fin_in_time_wait_is_acked_and_restarts_the_timer() {
        Tcb s = timeWait();
        long later = ms(40) + 100 * SECOND;
        send(s, later, peer(REMOTE_SEQ + 1, LOCAL_SEQ + 2, FIN_ACK));
        recv(s, ours(LOCAL_SEQ + 2, REMOTE_SEQ + 2, Flags.ACK));
        assertThat(s.fx().deadline(TimerKind.TIME_WAIT)).isEqualTo(later + RFC.timeWait());
        // the old deadline now fires stale
        s.conn().handleTimer(TimerKind.TIME_WAIT, ms(40) + RFC.timeWait());
        assertThat(s.state()).isEqualTo(State.TIME_WAIT);
        fire(s, TimerKind.TIME_WAIT);
        assertThat(s.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void rst_closes_time_wait_by_default_and_is_ignored_under_rfc_1337() {
        Tcb s = timeWait();
        send(s, ms(50), peer(REMOTE_SEQ + 2, 0, Flags.RST));
        assertThat(s.state()).isEqualTo(State.CLOSED);
        Tcb guarded = timeWait(RFC.withRstInTimeWait(TcpConfig.RstInTimeWait.IGNORE));
        send(guarded, ms(50), peer(REMOTE_SEQ + 2, 0, Flags.RST));
        assertThat(guarded.state()).isEqualTo(State.TIME_WAIT);
    }

    @Test
    void a_newer_syn_frees_the_tuple_in_time_wait() {
        Tcb s = timeWait();
        send(s, ms(50), peer(REMOTE_SEQ + 100_000, 0, Flags.SYN));
        assertThat(s.state()).isEqualTo(State.CLOSED);
        assertThat(s.fx().timers).isEmpty();
    }

    @Test
    void without_reopening_a_syn_in_time_wait_is_answered_by_an_ack() {
        Tcb s = timeWait(RFC.withSynReopensTimeWait(false));
        send(s, ms(50), peer(REMOTE_SEQ + 100_000, 0, Flags.SYN));
        recv(s, ours(LOCAL_SEQ + 2, REMOTE_SEQ + 2, Flags.ACK));
        assertThat(s.state()).isEqualTo(State.TIME_WAIT);
    }

    @Test
    void time_wait_sends_nothing_on_user_calls() {
        Tcb s = timeWait();
        assertThat(s.conn().send(bytes("x"), 0, 1, ms(50))).isEqualTo(-1);
        s.conn().close(ms(50));
        s.conn().shutdown(ms(50));
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.TIME_WAIT);
    }

    // ---- the whole lifecycle ----------------------------------------------------------------

    @Test
    void closed_is_noticed_once() {
        Tcb s = lastAck();
        send(s, ms(40), peer(REMOTE_SEQ + 2, LOCAL_SEQ + 2, Flags.ACK));
        s.conn().close(ms(41));
        s.conn().abort(ms(42));
        assertThat(s.fx().notices).containsExactly(Notice.CLOSED);
    }

    @Test
    void a_closed_connection_object_can_open_again_from_scratch() {
        Tcb s = established();
        send(s, ms(20), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 1, "left over"));
        s.conn().abort(ms(30));
        s.fx().clear();
        long later = timeForIss(LOCAL_SEQ);
        s.conn().connect(LOCAL, REMOTE, later);
        recv(s, ourSyn());
        assertThat(s.conn().readable()).isZero();
        assertThat(s.state()).isEqualTo(State.SYN_SENT);
    }
}
