package io.tcpemu.tcp;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RST and SYN acceptability in every synchronized state, RFC 5961 on and off, abort and close-with-unread. */
class ResetTest extends ConnectionFixtures {

    /** A synchronized state, its fixture, RCV.NXT there, SND.NXT there, and the notice a RST gives. */
    record Case(String name, Supplier<Tcb> fixture, int rcvNxt, int sndNxt, Notice notice) {
        @Override public String toString() { return name; }
    }

    static Stream<Case> states() {
        return Stream.of(
                new Case("ESTABLISHED", ConnectionFixtures::established, REMOTE_SEQ + 1, LOCAL_SEQ + 1, Notice.RESET),
                new Case("FIN-WAIT-1", ConnectionFixtures::finWait1, REMOTE_SEQ + 1, LOCAL_SEQ + 2, Notice.RESET),
                new Case("FIN-WAIT-2", ConnectionFixtures::finWait2, REMOTE_SEQ + 1, LOCAL_SEQ + 2, Notice.RESET),
                new Case("CLOSE-WAIT", ConnectionFixtures::closeWait, REMOTE_SEQ + 2, LOCAL_SEQ + 1, Notice.RESET),
                new Case("CLOSING", ConnectionFixtures::closing, REMOTE_SEQ + 2, LOCAL_SEQ + 2, null),
                new Case("LAST-ACK", ConnectionFixtures::lastAck, REMOTE_SEQ + 2, LOCAL_SEQ + 2, null));
    }

    private static Tcb withChallengeAcks(Case c) {
        // Same fixtures, with RFC 5961 on: rebuild through the named fixture with the policy.
        TcpConfig config = RFC.withChallengeAcks(true);
        return switch (c.name()) {
            case "ESTABLISHED" -> established(config);
            case "FIN-WAIT-1" -> finWait1(config);
            case "FIN-WAIT-2" -> finWait2(config);
            case "CLOSE-WAIT" -> closeWait(config);
            case "CLOSING" -> closing(config);
            default -> lastAck(config);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void exact_rst_closes(Case c) {
        Tcb s = c.fixture().get();
        send(s, ms(100), peer(c.rcvNxt(), 0, Flags.RST));
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.CLOSED);
        if (c.notice() != null) assertThat(s.fx().notices).containsExactly(c.notice(), Notice.CLOSED);
        else assertThat(s.fx().notices).containsExactly(Notice.CLOSED);
        assertThat(s.fx().timers).isEmpty();
    }

    @Test
    void linux_reset_errors_are_econnreset_in_every_synchronized_state_but_close_wait_which_gets_epipe() {
        // tcp_reset (rst-errno-*.pkt on the kernel): EPIPE in CLOSE-WAIT, ECONNRESET elsewhere, CLOSING and LAST-ACK too
        TcpConfig linux = RFC.withResetErrors(TcpConfig.ResetErrors.LINUX);
        record Linux(Tcb tcb, int rcvNxt, Notice notice) {}
        for (Linux c : java.util.List.of(
                new Linux(established(linux), REMOTE_SEQ + 1, Notice.RESET),
                new Linux(closeWait(linux), REMOTE_SEQ + 2, Notice.RESET_AFTER_PEER_FIN),
                new Linux(closing(linux), REMOTE_SEQ + 2, Notice.RESET),
                new Linux(lastAck(linux), REMOTE_SEQ + 2, Notice.RESET))) {
            send(c.tcb(), ms(100), peer(c.rcvNxt(), 0, Flags.RST));
            assertThat(c.tcb().state()).isEqualTo(State.CLOSED);
            assertThat(c.tcb().fx().notices).containsExactly(c.notice(), Notice.CLOSED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void in_window_rst_closes_without_rfc_5961(Case c) {
        Tcb s = c.fixture().get();
        send(s, ms(100), peer(c.rcvNxt() + 1000, 0, Flags.RST));
        assertThat(s.state()).isEqualTo(State.CLOSED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void in_window_rst_gets_a_challenge_ack_with_rfc_5961(Case c) {
        Tcb s = withChallengeAcks(c);
        State before = s.state();
        send(s, ms(100), peer(c.rcvNxt() + 1000, 0, Flags.RST));
        recv(s, ours(c.sndNxt(), c.rcvNxt(), Flags.ACK));
        assertThat(s.state()).isEqualTo(before);
        send(s, ms(101), peer(c.rcvNxt(), 0, Flags.RST));
        assertThat(s.state()).isEqualTo(State.CLOSED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void out_of_window_rst_is_ignored(Case c) {
        Tcb s = c.fixture().get();
        State before = s.state();
        send(s, ms(100), peer(c.rcvNxt() - 1, 0, Flags.RST));
        send(s, ms(100), peer(c.rcvNxt() + WINDOW, 0, Flags.RST));
        recvNothing(s);
        assertThat(s.state()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void in_window_syn_resets_without_rfc_5961(Case c) {
        Tcb s = c.fixture().get();
        send(s, ms(100), peer(c.rcvNxt() + 10, 0, Flags.SYN));
        // RFC 9293 §3.10.7.1 form, as for a segment without ACK: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
        recv(s, Segment.control(LOCAL, REMOTE, 0, c.rcvNxt() + 11, Flags.RST | Flags.ACK, 0).withOrigin(ID));
        assertThat(s.state()).isEqualTo(State.CLOSED);
        assertThat(s.fx().notices).containsExactly(Notice.RESET, Notice.CLOSED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void syn_gets_a_challenge_ack_with_rfc_5961(Case c) {
        Tcb s = withChallengeAcks(c);
        State before = s.state();
        send(s, ms(100), peer(c.rcvNxt() + 10, 0, Flags.SYN));
        recv(s, ours(c.sndNxt(), c.rcvNxt(), Flags.ACK));
        assertThat(s.state()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void out_of_window_segment_is_acked_and_dropped(Case c) {
        Tcb s = c.fixture().get();
        State before = s.state();
        send(s, ms(100), peerData(c.rcvNxt() + WINDOW + 5, c.sndNxt(), "zzz"));
        recv(s, ours(c.sndNxt(), c.rcvNxt(), Flags.ACK));
        assertThat(s.state()).isEqualTo(before);
    }

    @Test
    void rst_in_syn_received_is_checked_against_the_window() {
        Tcb s = synReceived();
        send(s, ms(10), peer(REMOTE_SEQ + WINDOW + 10, 0, Flags.RST));
        assertThat(s.state()).isEqualTo(State.SYN_RECEIVED);
        Tcb t = synReceived(RFC.withChallengeAcks(true));
        send(t, ms(10), peer(REMOTE_SEQ + 5, 0, Flags.RST));
        recv(t, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK));
        assertThat(t.state()).isEqualTo(State.SYN_RECEIVED);
    }

    @Test
    void an_ack_older_than_the_largest_window_is_challenged_with_rfc_5961() {
        int tooOld = LOCAL_SEQ + 1 - WINDOW - 1;
        Tcb s = established(RFC.withChallengeAcks(true));
        send(s, ms(20), peerData(REMOTE_SEQ + 1, tooOld, "inject"));
        recv(s, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK));
        assertThat(s.conn().readable()).isZero();
        Tcb t = established();
        send(t, ms(20), peerData(REMOTE_SEQ + 1, tooOld, "inject"));
        assertThat(t.conn().readable()).isEqualTo(6);
    }

    // ---- abort and close with unread data ---------------------------------------------------

    @Test
    void abort_in_established_sends_rst_and_closes() {
        Tcb s = established();
        s.conn().abort(ms(50));
        recv(s, ourRst(LOCAL_SEQ + 1));
        assertThat(s.state()).isEqualTo(State.CLOSED);
        assertThat(s.fx().transitions).containsExactly("ESTABLISHED -> CLOSED (abort)");
        assertThat(s.fx().timers).isEmpty();
    }

    @Test
    void abort_in_syn_sent_and_last_ack_sends_nothing() {
        Tcb s = synSent();
        s.conn().abort(ms(1));
        recvNothing(s);
        assertThat(s.state()).isEqualTo(State.CLOSED);
        Tcb t = lastAck();
        t.conn().abort(ms(50));
        recvNothing(t);
        assertThat(t.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void close_with_unread_data_sends_rst_when_the_policy_says_so() {
        Tcb s = established();
        send(s, ms(20), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 1, "unread"));
        s.fx().clear();
        s.conn().close(ms(30));
        recv(s, ourRst(LOCAL_SEQ + 1));
        assertThat(s.state()).isEqualTo(State.CLOSED);
        assertThat(s.fx().transitions).containsExactly("ESTABLISHED -> CLOSED (close with unread data)");
    }

    @Test
    void close_with_unread_data_sends_fin_when_the_policy_is_off() {
        Tcb s = established(RFC.withRstOnCloseWithUnread(false));
        send(s, ms(20), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 1, "unread"));
        s.fx().clear();
        s.conn().close(ms(30));
        recv(s, withWindow(ours(LOCAL_SEQ + 1, REMOTE_SEQ + 7, Flags.FIN | Flags.ACK), WINDOW - 6));
        assertThat(s.state()).isEqualTo(State.FIN_WAIT_1);
    }
}
