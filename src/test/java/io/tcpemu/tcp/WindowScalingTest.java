package io.tcpemu.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 7323 window scaling and RFC 2018 SACK-permitted: offered on the SYNs as the profile says, used
 * only when both ends offer them; Linux's windows (the numbers are the kernel's, see wscale-*.pkt).
 */
class WindowScalingTest extends ConnectionFixtures {
    private static final TcpConfig LINUX = Profile.LINUX.config().withTimestamps(false);

    private static Segment withOptions(Segment s, int wscale, boolean sackOk) {
        return new Segment(s.src(), s.dst(), s.seq(), s.ack(), s.flags(), s.window(), s.mss(), s.tsVal(), s.tsEcr(),
                s.payload(), s.origin(), wscale, sackOk);
    }

    private static Segment sent(Tcb s) { return s.fx().sent.poll().segment(); }

    @Test
    void linux_offers_window_scale_10_and_sack_on_its_syn_with_the_unscaled_window_64240() {
        assertThat(Profile.LINUX.config().windowScale()).as("ilog2(32 MiB) - 15").isEqualTo(10);
        Tcb s = closed(LINUX);
        s.conn().connect(LOCAL, REMOTE, T0);
        Segment syn = sent(s);
        assertThat(syn.window()).as("65536 rounded down to 44 segments of 1460").isEqualTo(64240);
        assertThat(syn.wscale()).isEqualTo(10);
        assertThat(syn.sackPermitted()).isTrue();
    }

    @Test
    void both_offering_scales_our_windows_and_the_peers() {
        Tcb s = closed(LINUX);
        s.conn().connect(LOCAL, REMOTE, T0);
        s.fx().sent.clear();
        send(s, ms(10), withOptions(withWindow(peerSynAck(), 5792), 2, true));
        Segment ack = sent(s);
        assertThat(ack.window()).as("64240 rounded up to 1024s, >> 10").isEqualTo(63);
        assertThat(ack.hasWscale()).as("options only on SYNs").isFalse();
        assertThat(s.conn().windowScalingOn()).isTrue();
        assertThat(s.conn().sackOn()).isTrue();
        assertThat(s.conn().sendWindow()).as("a SYN's window is not scaled").isEqualTo(5792);

        send(s, ms(20), withWindow(peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.ACK), 100));
        assertThat(s.conn().sendWindow()).as("100 << 2").isEqualTo(400);
        s.conn().send(new byte[1000], 0, 1000, ms(30));
        assertThat(sent(s).length()).as("the scaled window limits what goes").isEqualTo(400);
    }

    @Test
    void a_peer_that_does_not_offer_scaling_gets_none_and_unscaled_windows() {
        Tcb s = closed(LINUX);
        s.conn().listen(LOCAL);
        send(s, T0, withOptions(peerSyn(), Segment.NO_WSCALE, false));
        Segment synAck = sent(s);
        assertThat(synAck.hasWscale()).isFalse();
        assertThat(synAck.sackPermitted()).isFalse();
        assertThat(synAck.window()).isEqualTo(64240);
        send(s, ms(10), withWindow(peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.ACK), 100));
        assertThat(s.conn().windowScalingOn()).isFalse();
        assertThat(s.conn().sendWindow()).isEqualTo(100);
        s.conn().send(bytes("hi"), 0, 2, ms(20));
        assertThat(sent(s).window()).as("Linux keeps its window within a segment of the free space").isEqualTo(64240);
    }

    @Test
    void a_listeners_syn_ack_with_timestamps_rounds_to_segments_of_1448_and_answers_only_what_was_offered() {
        Tcb s = closed(Profile.LINUX.config());
        s.conn().listen(LOCAL);
        Segment syn = new Segment(REMOTE, LOCAL, REMOTE_SEQ, 0, Flags.SYN, WINDOW, 1000, 100, 0, Segment.NO_PAYLOAD, PEER_ID, 7, false);
        send(s, T0, syn);
        Segment synAck = sent(s);
        assertThat(synAck.window()).as("45 segments of 1460 - 12").isEqualTo(65160);
        assertThat(synAck.wscale()).isEqualTo(10);
        assertThat(synAck.sackPermitted()).as("the peer did not offer SACK").isFalse();
        send(s, ms(10), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.ACK));
        s.conn().send(bytes("hi"), 0, 2, ms(20));
        assertThat(sent(s).window()).as("65160 rounded up to 1024s, >> 10").isEqualTo(64);
    }

    @Test
    void the_right_edge_of_the_window_never_moves_left() {
        Tcb s = closed(LINUX);
        s.conn().connect(LOCAL, REMOTE, T0);
        send(s, ms(10), withOptions(peerSynAck(), 7, false));
        s.fx().sent.clear();
        int seq = REMOTE_SEQ + 1;
        for (int i = 0; i < 20; i++) {
            send(s, ms(20 + i), peerData(seq, LOCAL_SEQ + 1, "x".repeat(1000)));
            seq += 1000;
        }
        int lastEdge = REMOTE_SEQ + 1 + 63 * 1024;
        Segment last = null;
        for (RecordingEffects.Sent each : s.fx().sent) {
            int edge = each.segment().ack() + (each.segment().window() << 10);
            assertThat(Seq.ge(edge, lastEdge)).as("edge %d after %d", edge, lastEdge).isTrue();
            lastEdge = edge;
            last = each.segment();
        }
        assertThat(last.window()).as("20000 bytes held: the window shrank").isLessThan(63);
    }

    @Test
    void rfc9293_offers_neither_and_ignores_a_peers_offer() {
        Tcb s = closed(RFC);
        s.conn().listen(LOCAL);
        send(s, T0, withOptions(peerSyn(), 7, true));
        Segment synAck = sent(s);
        assertThat(synAck.hasWscale()).isFalse();
        assertThat(synAck.sackPermitted()).isFalse();
        assertThat(synAck.window()).isEqualTo(65535);
        send(s, ms(10), withWindow(peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.ACK), 100));
        assertThat(s.conn().sendWindow()).isEqualTo(100);
    }

    @Test
    void options_go_on_the_wire_in_linuxs_order() {
        Segment all = new Segment(LOCAL, REMOTE, 1, 0, Flags.SYN, 64240, 1460, 7, 0, Segment.NO_PAYLOAD, ID, 10, true);
        assertThat(TcpOptions.encode(all)).containsExactly(2, 4, 5, 180, 4, 2, 8, 10, 0, 0, 0, 7, 0, 0, 0, 0, 1, 3, 3, 10);
        Segment sackOnly = new Segment(LOCAL, REMOTE, 1, 0, Flags.SYN, 64240, 1460, Segment.NO_TIMESTAMP, Segment.NO_TIMESTAMP,
                Segment.NO_PAYLOAD, ID, Segment.NO_WSCALE, true);
        assertThat(TcpOptions.encode(sackOnly)).containsExactly(2, 4, 5, 180, 1, 1, 4, 2);
    }

    @Test
    void with_sack_on_the_ack_of_out_of_order_data_carries_blocks_the_latest_first() {
        Tcb s = closed(LINUX);
        s.conn().connect(LOCAL, REMOTE, T0);
        send(s, ms(10), withOptions(peerSynAck(), 7, true));
        s.fx().sent.clear();
        int base = REMOTE_SEQ + 1;
        send(s, ms(20), peerData(base + 1000, LOCAL_SEQ + 1, "x".repeat(1000)));
        assertThat(sent(s).sackBlocks()).containsExactly(base + 1000, base + 2000);
        send(s, ms(30), peerData(base + 3000, LOCAL_SEQ + 1, "x".repeat(1000)));
        assertThat(sent(s).sackBlocks()).containsExactly(base + 3000, base + 4000, base + 1000, base + 2000);
        send(s, ms(40), peerData(base, LOCAL_SEQ + 1, "x".repeat(1000)));
        Segment ack = sent(s);
        assertThat(ack.ack()).isEqualTo(base + 2000);
        assertThat(ack.sackBlocks()).containsExactly(base + 3000, base + 4000);
    }

    @Test
    void after_crossed_syns_linux_keeps_its_scale_though_the_peer_offered_none() {
        Tcb s = closed(LINUX);
        s.conn().connect(LOCAL, REMOTE, T0);
        s.fx().sent.clear();
        send(s, ms(10), peerSyn());                                      // no wscale: simultaneous open
        assertThat(sent(s).window()).as("a SYN-ACK's window is never scaled").isEqualTo(64240);
        send(s, ms(20), withWindow(peerSynAck(), 5792));
        s.conn().send(new byte[10], 0, 10, ms(20));
        Segment data = sent(s);
        assertThat(data.window()).as("tcp_rcv_synsent_state_process keeps rcv_wscale: 64240 >> 10, rounded up").isEqualTo(63);
    }

    @Test
    void linux_active_reset_carries_the_window_as_any_segment_of_the_socket() {
        Tcb s = established(LINUX);                                       // peer offered no scale: unscaled
        s.conn().abort(ms(50));
        Segment rst = sent(s);
        assertThat(rst.flags()).isEqualTo(Flags.RST | Flags.ACK);
        assertThat(rst.window()).as("the kernel's R. in linger-zero.pkt").isEqualTo(64240);
        Tcb rfc = established(Profile.RFC9293.config());
        rfc.conn().abort(ms(50));
        assertThat(sent(rfc).window()).as("RFC 9293's bare RST").isZero();
    }

    @Test
    void a_fin_reaching_a_closed_socket_in_fin_wait_2_does_not_shrink_linuxs_window() {
        Tcb s = finWait2(LINUX);                                          // closed by the user: orphaned
        send(s, ms(30), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 2, Flags.FIN | Flags.ACK));
        assertThat(s.state()).isEqualTo(State.TIME_WAIT);
        assertThat(sent(s).window()).as("the mini socket's window, fixed when our FIN was acked (close-active.pkt)").isEqualTo(64240);
        assertThat(s.conn().timeWaitEntry().window()).isEqualTo(64240);
    }
}
