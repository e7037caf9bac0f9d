package io.tcpemu.tcp;

import org.junit.jupiter.api.Test;

import static io.tcpemu.tcp.TcpConfig.Handshake.TWO_WAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for CLOSED, LISTEN, SYN-SENT and SYN-RECEIVED: opening a connection. */
class HandshakeTest extends ConnectionFixtures {

    // ---- CLOSED ---------------------------------------------------------------------------

    @Test
    void closed_answers_a_segment_with_ack_by_rst_at_its_ack() {
        Tcb s = closed(RFC);
        send(s, T0, peer(REMOTE_SEQ, 1234, Flags.ACK));
        recv(s, ourRst(1234));
        assertThat(s.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void closed_does_not_answer_a_rst() {
        Tcb s = closed(RFC);
        send(s, T0, peer(REMOTE_SEQ, 1234, Flags.RST | Flags.ACK));
        recvNothing(s);
    }

    @Test
    void connect_when_not_closed_is_a_clear_error() {
        Tcb s = established();
        assertThatThrownBy(() -> s.conn().connect(LOCAL, REMOTE, ms(50)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ESTABLISHED").hasMessageContaining("expected CLOSED");
    }

    // ---- LISTEN ---------------------------------------------------------------------------

    @Test
    void listen_accepts_a_syn_and_answers_syn_ack_from_its_iss() {
        Tcb s = closed(RFC);
        s.conn().listen(LOCAL);
        assertThat(s.conn().tuple().remote()).isNull();
        send(s, T0, peerSyn());
        recv(s, ourSynAck());
        assertThat(s.state()).isEqualTo(State.SYN_RECEIVED);
        assertThat(s.conn().tuple()).isEqualTo(TUPLE);
        assertThat(s.conn().passive()).isTrue();
        assertThat(s.fx().transitions).containsExactly("CLOSED -> LISTEN (listen)", "LISTEN -> SYN-RECEIVED (rcv SYN)");
        assertThat(s.fx().timers).containsKey(TimerKind.RETRANSMIT);
    }

    @Test
    void listen_ignores_rst_and_resets_an_ack() {
        Tcb s = closed(RFC);
        s.conn().listen(LOCAL);
        send(s, T0, peer(REMOTE_SEQ, 777, Flags.RST));
        recvNothing(s);
        send(s, T0, peer(REMOTE_SEQ, 777, Flags.ACK));
        recv(s, ourRst(777));
        assertThat(s.state()).isEqualTo(State.LISTEN);
    }

    @Test
    void close_in_listen_goes_to_closed() {
        Tcb s = closed(RFC);
        s.conn().listen(LOCAL);
        s.conn().close(T0);
        assertThat(s.state()).isEqualTo(State.CLOSED);
        assertThat(s.fx().notices).containsExactly(Notice.CLOSED);
    }

    // ---- SYN-SENT -------------------------------------------------------------------------

    @Test
    void connect_sends_syn_with_mss_and_arms_the_initial_rto() {
        Tcb s = closed(RFC);
        s.conn().connect(LOCAL, REMOTE, T0);
        recv(s, ourSyn());
        assertThat(s.state()).isEqualTo(State.SYN_SENT);
        assertThat(s.fx().deadline(TimerKind.RETRANSMIT)).isEqualTo(T0 + RFC.rtoInitial());
    }

    @Test
    void syn_ack_establishes_and_is_acknowledged() {
        Tcb s = synSent();
        send(s, ms(10), peerSynAck());
        recv(s, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK));
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.ESTABLISHED);
        assertThat(s.fx().notices).containsExactly(Notice.CONNECTED);
        assertThat(s.fx().transitions).containsExactly("SYN-SENT -> ESTABLISHED (rcv SYN,ACK)");
        assertThat(s.fx().timers).doesNotContainKey(TimerKind.RETRANSMIT);
        assertThat(s.conn().srtt()).isEqualTo(10_000);
    }

    @Test
    void syn_sent_resets_an_unacceptable_ack() {
        Tcb s = synSent();
        send(s, ms(10), peer(REMOTE_SEQ, LOCAL_SEQ + 5, Flags.ACK));
        recv(s, ourRst(LOCAL_SEQ + 5));
        send(s, ms(10), peer(REMOTE_SEQ, LOCAL_SEQ, Flags.ACK));
        recv(s, ourRst(LOCAL_SEQ));
        assertThat(s.state()).isEqualTo(State.SYN_SENT);
    }

    @Test
    void syn_sent_resets_an_old_duplicate_syn_ack() {
        Tcb s = synSent();
        send(s, ms(10), new Segment(REMOTE, LOCAL, 7, LOCAL_SEQ - 300, Flags.SYN | Flags.ACK, WINDOW, 1460,
                Segment.NO_TIMESTAMP, Segment.NO_TIMESTAMP, Segment.NO_PAYLOAD, 77));
        recv(s, ourRst(LOCAL_SEQ - 300));
        assertThat(s.state()).isEqualTo(State.SYN_SENT);
        send(s, ms(11), peerSynAck());
        assertThat(s.state()).isEqualTo(State.ESTABLISHED);
    }

    @Test
    void syn_sent_refused_by_rst_with_acceptable_ack() {
        Tcb s = synSent();
        send(s, ms(10), peer(0, LOCAL_SEQ + 1, Flags.RST | Flags.ACK));
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.CLOSED);
        assertThat(s.fx().notices).containsExactly(Notice.REFUSED, Notice.CLOSED);
        assertThat(s.fx().timers).isEmpty();
    }

    @Test
    void syn_sent_ignores_rst_without_ack_or_with_bad_ack() {
        Tcb s = synSent();
        send(s, ms(10), peer(0, 0, Flags.RST));
        send(s, ms(10), peer(0, LOCAL_SEQ + 9, Flags.RST | Flags.ACK));
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.SYN_SENT);
    }

    @Test
    void syn_sent_drops_a_segment_with_neither_syn_nor_rst() {
        Tcb s = synSent();
        send(s, ms(10), peer(REMOTE_SEQ, LOCAL_SEQ + 1, Flags.ACK));
        send(s, ms(10), peer(REMOTE_SEQ, 0, Flags.FIN));
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.SYN_SENT);
    }

    @Test
    void simultaneous_open_goes_through_syn_received() {
        Tcb s = synSent();
        send(s, ms(10), peerSyn());
        recv(s, ourSynAck());
        assertThat(s.state()).isEqualTo(State.SYN_RECEIVED);
        // RFC 9293 Figure 8: the peer's SYN-ACK completes our side.
        send(s, ms(20), peer(REMOTE_SEQ, LOCAL_SEQ + 1, Flags.SYN | Flags.ACK));
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.ESTABLISHED);
        assertThat(s.fx().notices).containsExactly(Notice.CONNECTED);
    }

    @Test
    void simultaneous_open_completes_with_a_plain_ack_too() {
        Tcb s = synSent();
        send(s, ms(10), peerSyn());
        recv(s, ourSynAck());
        send(s, ms(20), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.ACK));
        assertThat(s.state()).isEqualTo(State.ESTABLISHED);
    }

    @Test
    void close_in_syn_sent_goes_to_closed_without_a_segment() {
        Tcb s = synSent();
        s.conn().close(ms(5));
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.CLOSED);
        assertThat(s.fx().timers).isEmpty();
    }

    @Test
    void syn_ack_with_data_and_fin_is_established_then_close_wait() {
        Tcb s = synSent();
        send(s, ms(10), peer(REMOTE_SEQ, LOCAL_SEQ + 1, Flags.SYN | Flags.ACK | Flags.FIN).withPayload(bytes("hi")));
        recv(s, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK));
        recv(s, withWindow(ours(LOCAL_SEQ + 1, REMOTE_SEQ + 4, Flags.ACK), WINDOW - 2));
        assertThat(s.state()).isEqualTo(State.CLOSE_WAIT);
        assertThat(s.fx().notices).containsExactly(Notice.CONNECTED, Notice.READABLE, Notice.END_OF_STREAM);
        assertThat(text(s.conn().receive(10, ms(11)))).isEqualTo("hi");
    }

    @Test
    void peer_without_mss_option_gets_536() {
        Tcb s = synSent();
        send(s, ms(10), peer(REMOTE_SEQ, LOCAL_SEQ + 1, Flags.SYN | Flags.ACK));
        assertThat(s.conn().sendMss()).isEqualTo(Connection.DEFAULT_MSS);
    }

    // ---- SYN-RECEIVED ---------------------------------------------------------------------

    @Test
    void syn_received_ack_establishes() {
        Tcb s = synReceived();
        send(s, ms(10), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.ACK));
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.ESTABLISHED);
        assertThat(s.fx().notices).containsExactly(Notice.CONNECTED);
        assertThat(s.fx().timers).doesNotContainKey(TimerKind.RETRANSMIT);
    }

    @Test
    void syn_received_resets_an_unacceptable_ack() {
        Tcb s = synReceived();
        send(s, ms(10), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 99, Flags.ACK));
        recv(s, ourRst(LOCAL_SEQ + 99));
        assertThat(s.state()).isEqualTo(State.SYN_RECEIVED);
    }

    @Test
    void syn_received_answers_a_retransmitted_syn_with_the_syn_ack_again() {
        Tcb s = synReceived();
        send(s, ms(10), peerSyn());
        recvRetransmission(s, ourSynAck());
        assertThat(s.state()).isEqualTo(State.SYN_RECEIVED);
    }

    @Test
    void passive_syn_received_returns_to_listen_on_rst() {
        Tcb s = synReceived();
        send(s, ms(10), peer(REMOTE_SEQ + 1, 0, Flags.RST));
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.LISTEN);
        assertThat(s.conn().tuple().remote()).isNull();
        assertThat(s.fx().notices).isEmpty();
        assertThat(s.fx().timers).isEmpty();
        // and it can accept again
        send(s, ms(20), peerSyn());
        assertThat(s.state()).isEqualTo(State.SYN_RECEIVED);
    }

    @Test
    void passive_syn_received_returns_to_listen_on_an_in_window_syn() {
        Tcb s = synReceived();
        send(s, ms(10), peer(REMOTE_SEQ + 100, 0, Flags.SYN));
        assertThat(s.state()).isEqualTo(State.LISTEN);
    }

    @Test
    void active_syn_received_is_refused_by_rst() {
        Tcb s = synSent();
        send(s, ms(10), peerSyn());
        s.fx().clear();
        send(s, ms(20), peer(REMOTE_SEQ + 1, 0, Flags.RST));
        assertThat(s.state()).isEqualTo(State.CLOSED);
        assertThat(s.fx().notices).containsExactly(Notice.REFUSED, Notice.CLOSED);

        // Linux's tcp_reset: ECONNREFUSED only in SYN-SENT; here the reset of a connection (rst-errno-simultaneous-open.pkt)
        Tcb linux = synSent(RFC.withResetErrors(TcpConfig.ResetErrors.LINUX));
        send(linux, ms(10), peerSyn());
        send(linux, ms(20), peer(REMOTE_SEQ + 1, 0, Flags.RST));
        assertThat(linux.fx().notices).containsExactly(Notice.RESET, Notice.CLOSED);
    }

    @Test
    void close_in_syn_received_sends_fin_at_once_when_nothing_is_queued() {
        Tcb s = synReceived();
        s.conn().close(ms(5));
        recv(s, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.FIN | Flags.ACK));
        assertThat(s.state()).isEqualTo(State.FIN_WAIT_1);
        send(s, ms(10), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 2, Flags.ACK));
        assertThat(s.state()).isEqualTo(State.FIN_WAIT_2);
    }

    @Test
    void close_in_syn_received_with_queued_data_waits_for_established() {
        Tcb s = synReceived();
        assertThat(s.conn().send(bytes("abc"), 0, 3, ms(1))).isEqualTo(3);
        recvNothing(s);
        s.conn().close(ms(5));
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.SYN_RECEIVED);
        send(s, ms(10), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.ACK));
        recv(s, oursData(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK | Flags.PSH | Flags.FIN, "abc"));
        assertThat(s.fx().transitions).containsExactly(
                "SYN-RECEIVED -> ESTABLISHED (rcv ACK)", "ESTABLISHED -> FIN-WAIT-1 (rcv ACK)");
    }

    // ---- the broken two-way handshake -----------------------------------------------------

    @Test
    void two_way_server_is_established_on_the_syn() {
        Tcb s = closed(RFC.withHandshake(TWO_WAY));
        s.conn().listen(LOCAL);
        send(s, T0, peerSyn());
        recv(s, ourSynAck());
        assertThat(s.state()).isEqualTo(State.ESTABLISHED);
        assertThat(s.fx().notices).containsExactly(Notice.CONNECTED);
    }

    @Test
    void two_way_client_is_established_on_the_syn_ack_and_sends_no_ack() {
        Tcb s = synSent(RFC.withHandshake(TWO_WAY));
        send(s, ms(10), peerSynAck());
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.ESTABLISHED);
    }

    @Test
    void two_way_server_accepts_an_old_duplicate_syn_as_a_connection() {
        // The point of the experiment: nothing confirms the SYN is current.
        Tcb s = closed(RFC.withHandshake(TWO_WAY));
        s.conn().listen(LOCAL);
        send(s, T0, peerSyn().withOrigin(12345));
        assertThat(s.state()).isEqualTo(State.ESTABLISHED);
        // The old client is gone; its RST (in window) finally kills the bogus connection.
        send(s, ms(10), peer(REMOTE_SEQ + 1, 0, Flags.RST));
        assertThat(s.fx().notices).containsExactly(Notice.CONNECTED, Notice.RESET, Notice.CLOSED);
    }
}
