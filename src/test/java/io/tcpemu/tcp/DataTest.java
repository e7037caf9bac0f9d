package io.tcpemu.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Data transfer in ESTABLISHED: segmentation, acknowledgment, out-of-order, duplicates, windows, wrap-around. */
class DataTest extends ConnectionFixtures {
    private static final int PA = Flags.PSH | Flags.ACK;
    /** MSS 10, receive window 20, send buffer 30: small enough to see every edge. */
    private static final TcpConfig SMALL = RFC.withWindow(10, 20, 30);

    private static int write(Tcb s, long time, String text) {
        return s.conn().send(bytes(text), 0, text.length(), time);
    }

    private static Segment ourSmall(int seq, int ack, int flags, int window, String text) {
        return withWindow(ours(seq, ack, flags), window).withPayload(bytes(text));
    }

    // ---- sending ----------------------------------------------------------------------------

    @Test
    void a_write_is_cut_into_mss_segments_with_psh_on_the_last() {
        Tcb s = established(SMALL);
        assertThat(write(s, ms(20), "0123456789abcdefghijKLMNO")).isEqualTo(25);
        recv(s, ourSmall(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK, 20, "0123456789"));
        recv(s, ourSmall(LOCAL_SEQ + 11, REMOTE_SEQ + 1, Flags.ACK, 20, "abcdefghij"));
        recv(s, ourSmall(LOCAL_SEQ + 21, REMOTE_SEQ + 1, PA, 20, "KLMNO"));
        recvNothing(s);
        assertThat(s.fx().deadline(TimerKind.RETRANSMIT)).isEqualTo(ms(20) + s.conn().rto());
    }

    @Test
    void the_mss_is_the_smaller_of_ours_and_the_peers() {
        Tcb s = synSent(SMALL);
        send(s, ms(10), withWindow(peerSynAck(), WINDOW));
        assertThat(s.conn().sendMss()).isEqualTo(10);
        Tcb t = synSent();
        send(t, ms(10), new Segment(REMOTE, LOCAL, REMOTE_SEQ, LOCAL_SEQ + 1, Flags.SYN | Flags.ACK, WINDOW, 4,
                Segment.NO_TIMESTAMP, Segment.NO_TIMESTAMP, Segment.NO_PAYLOAD, PEER_ID));
        assertThat(t.conn().sendMss()).isEqualTo(4);
    }

    @Test
    void the_peers_window_limits_what_is_in_flight() {
        Tcb s = established(SMALL);
        send(s, ms(15), withWindow(peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.ACK), 12));
        write(s, ms(20), "0123456789abcdefghij");
        recv(s, ourSmall(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK, 20, "0123456789"));
        recv(s, ourSmall(LOCAL_SEQ + 11, REMOTE_SEQ + 1, Flags.ACK, 20, "ab"));
        recvNothing(s);
        // the ACK slides the window on
        send(s, ms(30), withWindow(peer(REMOTE_SEQ + 1, LOCAL_SEQ + 13, Flags.ACK), 12));
        recv(s, ourSmall(LOCAL_SEQ + 13, REMOTE_SEQ + 1, PA, 20, "cdefghij"));
        assertThat(s.conn().unacknowledged()).isEqualTo(8);
    }

    @Test
    void the_send_buffer_fills_and_frees_with_writable() {
        Tcb s = established(SMALL);
        send(s, ms(15), withWindow(peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.ACK), 0));
        assertThat(write(s, ms(20), "0123456789abcdefghij0123456789XYZ")).isEqualTo(30);
        assertThat(write(s, ms(20), "more")).isZero();
        assertThat(s.fx().notices).isEmpty();
        send(s, ms(30), withWindow(peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.ACK), 10));
        recv(s, ourSmall(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK, 20, "0123456789"));
        send(s, ms(40), withWindow(peer(REMOTE_SEQ + 1, LOCAL_SEQ + 11, Flags.ACK), 0));
        assertThat(s.fx().notices).containsExactly(Notice.WRITABLE);
        assertThat(write(s, ms(41), "more")).isEqualTo(4);
    }

    @Test
    void data_queued_in_syn_sent_goes_after_the_handshake_ack() {
        Tcb s = synSent();
        assertThat(write(s, ms(5), "early")).isEqualTo(5);
        recvNothing(s);
        send(s, ms(10), peerSynAck());
        recv(s, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK));
        recv(s, oursData(LOCAL_SEQ + 1, REMOTE_SEQ + 1, PA, "early"));
    }

    @Test
    void an_ack_of_unsent_data_is_answered_and_dropped() {
        Tcb s = established();
        send(s, ms(20), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 100, "x"));
        recv(s, ours(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK));
        assertThat(s.conn().readable()).isZero();
    }

    @Test
    void a_duplicate_ack_changes_nothing() {
        Tcb s = established();
        write(s, ms(20), "abc");
        recv(s, oursData(LOCAL_SEQ + 1, REMOTE_SEQ + 1, PA, "abc"));
        send(s, ms(30), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.ACK));
        recvNothing(s);
        assertThat(s.conn().unacknowledged()).isEqualTo(3);
        send(s, ms(40), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 4, Flags.ACK));
        assertThat(s.conn().unacknowledged()).isZero();
        assertThat(s.fx().timers).doesNotContainKey(TimerKind.RETRANSMIT);
    }

    // ---- receiving --------------------------------------------------------------------------

    @Test
    void in_order_data_is_acked_and_readable() {
        Tcb s = established();
        send(s, ms(20), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 1, "hello"));
        recv(s, withWindow(ours(LOCAL_SEQ + 1, REMOTE_SEQ + 6, Flags.ACK), WINDOW - 5));
        assertThat(s.fx().notices).containsExactly(Notice.READABLE);
        assertThat(text(s.conn().receive(3, ms(21)))).isEqualTo("hel");
        assertThat(text(s.conn().receive(10, ms(21)))).isEqualTo("lo");
        assertThat(s.conn().receive(10, ms(21))).isEmpty();
    }

    @Test
    void out_of_order_data_is_buffered_until_the_gap_fills() {
        Tcb s = established(SMALL);
        send(s, ms(20), peerData(REMOTE_SEQ + 4, LOCAL_SEQ + 1, "def"));
        recv(s, ourSmall(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK, 20, ""));
        send(s, ms(21), peerData(REMOTE_SEQ + 9, LOCAL_SEQ + 1, "ij"));
        recv(s, ourSmall(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK, 20, ""));
        assertThat(s.conn().outOfOrderBytes()).isEqualTo(5);
        assertThat(s.fx().notices).isEmpty();
        send(s, ms(22), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 1, "abc"));
        recv(s, ourSmall(LOCAL_SEQ + 1, REMOTE_SEQ + 7, Flags.ACK, 14, ""));
        send(s, ms(23), peerData(REMOTE_SEQ + 7, LOCAL_SEQ + 1, "gh"));
        recv(s, ourSmall(LOCAL_SEQ + 1, REMOTE_SEQ + 11, Flags.ACK, 10, ""));
        assertThat(text(s.conn().receive(100, ms(24)))).isEqualTo("abcdefghij");
        assertThat(s.conn().outOfOrderBytes()).isZero();
    }

    @Test
    void out_of_order_data_is_dropped_when_the_policy_is_off() {
        Tcb s = established(SMALL.withBufferOutOfOrder(false));
        send(s, ms(20), peerData(REMOTE_SEQ + 4, LOCAL_SEQ + 1, "def"));
        recv(s, ourSmall(LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK, 20, ""));
        send(s, ms(22), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 1, "abc"));
        recv(s, ourSmall(LOCAL_SEQ + 1, REMOTE_SEQ + 4, Flags.ACK, 17, ""));
        assertThat(text(s.conn().receive(100, ms(24)))).isEqualTo("abc");
    }

    @Test
    void duplicate_data_is_acked_and_ignored_and_overlaps_are_trimmed() {
        Tcb s = established();
        send(s, ms(20), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 1, "abc"));
        s.fx().clear();
        send(s, ms(21), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 1, "abc"));
        recv(s, withWindow(ours(LOCAL_SEQ + 1, REMOTE_SEQ + 4, Flags.ACK), WINDOW - 3));
        send(s, ms(22), peerData(REMOTE_SEQ + 2, LOCAL_SEQ + 1, "bcde"));
        recv(s, withWindow(ours(LOCAL_SEQ + 1, REMOTE_SEQ + 6, Flags.ACK), WINDOW - 5));
        assertThat(text(s.conn().receive(100, ms(23)))).isEqualTo("abcde");
        assertThat(s.fx().notices).containsExactly(Notice.READABLE);
    }

    @Test
    void the_receive_window_shrinks_with_unread_data_and_closes() {
        Tcb s = established(SMALL);
        send(s, ms(20), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 1, "0123456789abcdefghijEXTRA"));
        recv(s, ourSmall(LOCAL_SEQ + 1, REMOTE_SEQ + 21, Flags.ACK, 0, ""));
        // more data at a zero window: not taken, ACKed with the zero window
        send(s, ms(21), peerData(REMOTE_SEQ + 21, LOCAL_SEQ + 1, "EXTRA"));
        recv(s, ourSmall(LOCAL_SEQ + 1, REMOTE_SEQ + 21, Flags.ACK, 0, ""));
        assertThat(s.conn().readable()).isEqualTo(20);
        // reading reopens the window, and we say so at once
        s.conn().receive(15, ms(30));
        recv(s, ourSmall(LOCAL_SEQ + 1, REMOTE_SEQ + 21, Flags.ACK, 15, ""));
        s.conn().receive(5, ms(31));
        recvNothing(s);
    }

    @Test
    void a_zero_window_keeps_acks_flowing_both_ways() {
        // At a zero window, the ACK field of a segment at RCV.NXT is still processed.
        Tcb s = established(SMALL);
        write(s, ms(15), "abc");
        recv(s, ourSmall(LOCAL_SEQ + 1, REMOTE_SEQ + 1, PA, 20, "abc"));
        send(s, ms(20), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 1, "0123456789abcdefghij"));
        recv(s, ourSmall(LOCAL_SEQ + 4, REMOTE_SEQ + 21, Flags.ACK, 0, ""));
        assertThat(s.conn().unacknowledged()).isEqualTo(3);
        send(s, ms(21), peerData(REMOTE_SEQ + 21, LOCAL_SEQ + 4, "X"));
        recv(s, ourSmall(LOCAL_SEQ + 4, REMOTE_SEQ + 21, Flags.ACK, 0, ""));
        assertThat(s.conn().unacknowledged()).isZero();
    }

    // ---- zero-window probing ----------------------------------------------------------------

    @Test
    void a_shut_window_is_probed_until_it_opens() {
        Tcb s = established(SMALL);
        send(s, ms(15), withWindow(peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.ACK), 0));
        write(s, ms(20), "waiting");
        recvNothing(s);
        long first = s.fx().deadline(TimerKind.PERSIST);
        assertThat(first).isEqualTo(ms(20) + s.conn().rto());
        fire(s, TimerKind.PERSIST);
        recv(s, ourSmall(LOCAL_SEQ, REMOTE_SEQ + 1, Flags.ACK, 20, ""));
        long second = s.fx().deadline(TimerKind.PERSIST);
        assertThat(second - first).isEqualTo(2 * s.conn().rto());
        // the peer answers with a still-shut window: probing continues, no give-up
        send(s, second - 1, withWindow(peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.ACK), 0));
        for (int i = 0; i < 20; i++) fire(s, TimerKind.PERSIST);
        assertThat(s.state()).isEqualTo(State.ESTABLISHED);
        s.fx().sent.clear();
        // the window opens: data goes, probing stops
        send(s, ms(900_000), withWindow(peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.ACK), 20));
        recv(s, ourSmall(LOCAL_SEQ + 1, REMOTE_SEQ + 1, PA, 20, "waiting"));
        assertThat(s.fx().timers).containsOnlyKeys(TimerKind.RETRANSMIT);
    }

    @Test
    void the_persist_backoff_saturates_at_the_rto_cap_instead_of_wrapping() {
        // rto 3 h doubled 30 times is past Long.MAX_VALUE µs: it wrapped to a probe every µs
        long hours3 = 3 * 3_600 * TcpConfig.SECOND, years100 = TimeHorizon.MICROS;
        Tcb s = established(SMALL.withRto(hours3, hours3, years100));
        send(s, ms(15), withWindow(peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.ACK), 0));
        write(s, ms(20), "waiting");
        long previous = s.fx().deadline(TimerKind.PERSIST);
        for (int i = 0; i < 40; i++) {
            fire(s, TimerKind.PERSIST);
            long next = s.fx().deadline(TimerKind.PERSIST);
            assertThat(next - previous).as("probe interval after %d probes", i + 1)
                    .isBetween(hours3, years100);
            previous = next;
        }
        assertThat(s.state()).isEqualTo(State.ESTABLISHED);
    }

    @Test
    void a_stalled_reader_does_not_deadlock_a_pair() {
        // Receiver side of the probe: the probe (old sequence number) is answered with the current window.
        Tcb s = established(SMALL);
        send(s, ms(20), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 1, "0123456789abcdefghij"));
        recv(s, ourSmall(LOCAL_SEQ + 1, REMOTE_SEQ + 21, Flags.ACK, 0, ""));
        s.conn().receive(20, ms(30));
        recv(s, ourSmall(LOCAL_SEQ + 1, REMOTE_SEQ + 21, Flags.ACK, 20, ""));
        send(s, ms(40), peer(REMOTE_SEQ + 20, LOCAL_SEQ + 1, Flags.ACK));
        recv(s, ourSmall(LOCAL_SEQ + 1, REMOTE_SEQ + 21, Flags.ACK, 20, ""));
    }

    // ---- sequence numbers wrapping around 2^32 -----------------------------------------------

    @Test
    void sequence_numbers_wrap_around_mid_connection() {
        int iss = 0xFFFF_FFF8;
        int peerIss = 0xFFFF_FFFC;
        long t0 = timeForIss(iss);
        Tcb s = closed(SMALL);
        s.conn().connect(LOCAL, REMOTE, t0);
        recvControl(s, iss, 0, Flags.SYN);
        send(s, t0 + 10, peer(peerIss, iss + 1, Flags.SYN | Flags.ACK));
        recvControl(s, iss + 1, peerIss + 1, Flags.ACK);
        // our 20 bytes cross 2^32 at the 8th byte
        s.conn().send(bytes("0123456789abcdefghij"), 0, 20, t0 + 20);
        recv(s, ourSmall(iss + 1, peerIss + 1, Flags.ACK, 20, "0123456789"));
        recv(s, ourSmall(iss + 11, peerIss + 1, PA, 20, "abcdefghij"));
        assertThat(Seq.unsigned(iss + 11)).isEqualTo(3);
        // their 10 bytes cross it too, first out of order
        send(s, t0 + 30, peerData(peerIss + 6, iss + 21, "fghij"));
        recv(s, ourSmall(iss + 21, peerIss + 1, Flags.ACK, 20, ""));
        send(s, t0 + 31, peerData(peerIss + 1, iss + 21, "abcde"));
        recv(s, ourSmall(iss + 21, peerIss + 11, Flags.ACK, 10, ""));
        assertThat(text(s.conn().receive(100, t0 + 32))).isEqualTo("abcdefghij");
        assertThat(s.conn().unacknowledged()).isZero();
        // and the close works across the wrap
        s.conn().close(t0 + 40);
        recvControl(s, iss + 21, peerIss + 11, Flags.FIN | Flags.ACK);
        send(s, t0 + 50, peer(peerIss + 11, iss + 22, Flags.FIN | Flags.ACK));
        recvControl(s, iss + 22, peerIss + 12, Flags.ACK);
        assertThat(s.state()).isEqualTo(State.TIME_WAIT);
    }

    // ---- stale data from an older incarnation -----------------------------------------------

    @Test
    void in_window_data_from_another_incarnation_is_reported() {
        Tcb s = established();
        send(s, ms(20), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 1, "old").withOrigin(555));
        assertThat(s.fx().stale).containsExactly(new RecordingEffects.Stale(555, 3));
        send(s, ms(21), peerData(REMOTE_SEQ + 4, LOCAL_SEQ + 1, "new"));
        assertThat(s.fx().stale).hasSize(1);
    }

    @Test
    void every_segment_we_send_carries_our_id() {
        Tcb s = established(SMALL);
        write(s, ms(20), "0123456789abcdefghij");
        send(s, ms(21), peerData(REMOTE_SEQ + 1, LOCAL_SEQ + 1, "x"));
        s.conn().close(ms(22));
        assertThat(s.fx().sent).isNotEmpty().allSatisfy(sent -> assertThat(sent.segment().origin()).isEqualTo(ID));
    }
}
