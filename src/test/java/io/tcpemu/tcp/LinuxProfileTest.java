package io.tcpemu.tcp;

import org.junit.jupiter.api.Test;

import static io.tcpemu.tcp.ConnectionFixtures.*;
import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The values issue 2 lists for the {@code linux} profile, each shown by what a connection does
 * (not by reading the config back): initial RTO 1 s, 6 SYN retries, 5 SYN-ACK retries, FIN-WAIT-2
 * timeout 60 s, TIME-WAIT 60 s, minimum RTO 200 ms.
 */
class LinuxProfileTest {
    private static final TcpConfig LINUX = Profile.LINUX.config();

    @Test
    void a_syn_is_retransmitted_1_s_apart_four_times_then_with_backoff_and_the_connect_times_out_past_127_s() {
        // Linux 6.18, tcp_syn_linear_timeouts 4 and tcp_syn_retries 6 (syn-linear-timeouts.pkt on the kernel)
        Tcb s = synSent(LINUX);
        assertThat(fireUntilClosed(s, T0)).containsExactly(1 * SECOND, 2 * SECOND, 3 * SECOND, 4 * SECOND, 5 * SECOND,
                7 * SECOND, 11 * SECOND, 19 * SECOND, 35 * SECOND, 67 * SECOND, 131 * SECOND);
        assertThat(s.fx().sent).hasSize(10).allSatisfy(sent -> assertThat(sent.segment().isSyn()).isTrue());
        assertThat(s.fx().notices).containsExactly(Notice.TIMED_OUT, Notice.CLOSED);
    }

    @Test
    void without_linear_timeouts_a_syn_backs_off_from_the_first_and_gives_up_after_six() {
        Tcb s = synSent(LINUX.withSynLinearTimeouts(0));
        assertThat(fireUntilClosed(s, T0))
                .containsExactly(1 * SECOND, 3 * SECOND, 7 * SECOND, 15 * SECOND, 31 * SECOND, 63 * SECOND, 127 * SECOND);
        assertThat(s.fx().sent).hasSize(6);
    }

    @Test
    void after_answering_a_bad_ack_in_syn_sent_with_rst_linux_resends_its_syn_8_ms_later() {
        // tcp_rcv_synsent_state_process: TCP_TIMEOUT_MIN (2 jiffies) when no SYN was retransmitted yet
        // (grid/syn-sent--ack-out-of-window.pkt, --ack-unsent, --rst-out-of-window on the kernel)
        Tcb s = synSent(LINUX);
        send(s, ms(100), peer(REMOTE_SEQ, LOCAL_SEQ + 5000, Flags.ACK));
        recvControl(s, LOCAL_SEQ + 5000, 0, Flags.RST);
        assertThat(fire(s, TimerKind.RETRANSMIT)).isEqualTo(ms(108));
        recvControl(s, LOCAL_SEQ, 0, Flags.SYN);
        assertThat(fire(s, TimerKind.RETRANSMIT)).as("then the linear timeouts go on").isEqualTo(ms(1108));

        Tcb rst = synSent(LINUX);
        send(rst, ms(100), peer(REMOTE_SEQ, LOCAL_SEQ + 5000, Flags.RST | Flags.ACK));
        recvNothing(rst);
        assertThat(fire(rst, TimerKind.RETRANSMIT)).isEqualTo(ms(108));

        Tcb rfc = synSent(RFC);
        send(rfc, ms(100), peer(REMOTE_SEQ, LOCAL_SEQ + 5000, Flags.ACK));
        recvControl(rfc, LOCAL_SEQ + 5000, 0, Flags.RST);
        assertThat(fire(rfc, TimerKind.RETRANSMIT)).as("RFC 9293: the RTO").isEqualTo(T0 + SECOND);
    }

    @Test
    void a_syn_ack_is_retransmitted_five_times_then_the_half_open_child_ends() {
        Tcb s = synReceived(LINUX);
        assertThat(fireUntilClosed(s, T0))
                .containsExactly(1 * SECOND, 3 * SECOND, 7 * SECOND, 15 * SECOND, 31 * SECOND, 63 * SECOND);
        assertThat(s.fx().sent).hasSize(5).allSatisfy(sent -> assertThat(sent.segment().isSyn() && sent.segment().isAck()).isTrue());
        assertThat(s.fx().notices).containsExactly(Notice.CLOSED);
    }

    @Test
    void an_orphaned_fin_wait_2_closes_after_60_s() {
        Tcb s = finWait2(LINUX); // close() was called: orphaned
        assertThat(s.fx().deadline(TimerKind.FIN_WAIT_2)).isEqualTo(ms(30) + 60 * SECOND);
        fire(s, TimerKind.FIN_WAIT_2);
        assertThat(s.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void time_wait_lasts_60_s() {
        Tcb s = timeWait(LINUX);
        assertThat(s.fx().deadline(TimerKind.TIME_WAIT)).isEqualTo(ms(40) + 60 * SECOND);
        fire(s, TimerKind.TIME_WAIT);
        assertThat(s.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void a_fast_path_brings_the_rto_down_to_the_200_ms_floor() {
        Tcb s = established(LINUX); // one RTT sample of 10 ms: RTO = max(200 ms, 10 + 4 * 5 ms)
        assertThat(s.conn().rto()).isEqualTo(200 * MILLISECOND);
    }

    @Test
    void abort_sends_rst_ack_acknowledging_what_was_received_where_rfc_9293_sends_a_bare_rst() {
        Tcb linux = established(LINUX);
        linux.conn().abort(ms(50));
        recvControl(linux, LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.RST | Flags.ACK);
        assertThat(linux.state()).isEqualTo(State.CLOSED);

        Tcb rfc = established(RFC);
        rfc.conn().abort(ms(50));
        recvControl(rfc, LOCAL_SEQ + 1, 0, Flags.RST);
    }

    @Test
    void close_with_unread_data_also_sends_rst_ack_under_linux() {
        Tcb s = established(LINUX);
        send(s, ms(20), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 1, "unread"));
        s.fx().clear();
        s.conn().close(ms(30));
        recvControl(s, LOCAL_SEQ + 1, REMOTE_SEQ + 7, Flags.RST | Flags.ACK);
        assertThat(s.state()).isEqualTo(State.CLOSED);
    }
}
