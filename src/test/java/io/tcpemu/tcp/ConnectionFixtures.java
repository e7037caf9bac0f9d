package io.tcpemu.tcp;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fixtures per state and packet-trace helpers for {@link Connection} tests (as smoltcp's
 * {@code tcp.rs}). We are LOCAL with ISS {@link #LOCAL_SEQ}; the peer is REMOTE with ISS
 * {@link #REMOTE_SEQ}. Every fixture returns a connection with no output pending.
 */
abstract class ConnectionFixtures {
    static final SockAddr LOCAL = SockAddr.of("10.0.0.1", 40000);
    static final SockAddr REMOTE = SockAddr.of("10.0.0.2", 80);
    static final FourTuple TUPLE = new FourTuple(LOCAL, REMOTE);
    static final long ID = 1;
    static final long PEER_ID = 2;
    static final IsnGenerator ISN = new IsnGenerator(42);
    static final int LOCAL_SEQ = 10_000;
    static final int REMOTE_SEQ = 50_000;
    static final int WINDOW = 65535;
    static final TcpConfig RFC = Profile.RFC9293.config();
    /** The time at which the ISN generator picks {@link #LOCAL_SEQ} for {@link #TUPLE}: fixtures start here. */
    static final long T0 = timeForIss(LOCAL_SEQ);

    /** The earliest time at which {@link #ISN} picks {@code iss} for {@link #TUPLE} (its clock ticks every 4 us). */
    static long timeForIss(int iss) {
        return IsnGenerator.CLOCK_TICK_MICROS * ((iss - ISN.offset(TUPLE)) & 0xFFFF_FFFFL);
    }

    static long ms(long millis) { return T0 + millis * MILLISECOND; }

    // ---- inputs and outputs ---------------------------------------------------------------

    static Tcb closed(TcpConfig config) {
        RecordingEffects fx = new RecordingEffects();
        return new Tcb(new Connection(ID, config, ISN, fx), fx);
    }

    static void send(Tcb s, long time, Segment seg) { s.conn().handleSegment(seg, time); }

    static void recv(Tcb s, Segment expected) {
        RecordingEffects.Sent sent = s.fx().sent.poll();
        assertThat(sent).as("a segment was sent").isNotNull();
        assertThat(sent.segment()).isEqualTo(expected);
    }

    static void recvRetransmission(Tcb s, Segment expected) {
        RecordingEffects.Sent sent = s.fx().sent.poll();
        assertThat(sent).as("a segment was sent").isNotNull();
        assertThat(sent.segment()).isEqualTo(expected);
        assertThat(sent.retransmission()).as("marked as a retransmission").isTrue();
    }

    /** The next segment sent has these numbers and flags (window and options not compared). */
    static Segment recvControl(Tcb s, int seq, int ack, int flags) {
        RecordingEffects.Sent sent = s.fx().sent.poll();
        assertThat(sent).as("a segment was sent").isNotNull();
        Segment seg = sent.segment();
        assertThat(Flags.tcpdump(seg.flags()) + " seq=" + seg.seq() + " ack=" + seg.ack())
                .isEqualTo(Flags.tcpdump(flags) + " seq=" + seq + " ack=" + ack);
        return seg;
    }

    static void recvNothing(Tcb s) {
        assertThat(s.fx().sent).as("nothing more sent").isEmpty();
    }

    /** Fires the armed timer of {@code kind} at its deadline; returns that deadline. */
    static long fire(Tcb s, TimerKind kind) {
        long at = s.fx().deadline(kind);
        s.fx().timers.remove(kind);
        s.conn().handleTimer(kind, at);
        return at;
    }

    // ---- segment templates ----------------------------------------------------------------

    /** From the peer, no options, its full window, its incarnation id. */
    /** Fires RETRANSMIT until the connection closes; the firing times after {@code start}. */
    static java.util.List<Long> fireUntilClosed(Tcb s, long start) {
        java.util.List<Long> times = new java.util.ArrayList<>();
        while (s.state() != State.CLOSED) times.add(fire(s, TimerKind.RETRANSMIT) - start);
        return times;
    }

    static Segment peer(int seq, int ack, int flags) {
        return new Segment(REMOTE, LOCAL, seq, ack, flags, WINDOW, 0, Segment.NO_TIMESTAMP,
                Segment.NO_TIMESTAMP, Segment.NO_PAYLOAD, PEER_ID);
    }

    static Segment peerData(int seq, int ack, String text) {
        return peer(seq, ack, Flags.ACK | Flags.PSH).withPayload(bytes(text));
    }

    static Segment peerSyn() {
        return new Segment(REMOTE, LOCAL, REMOTE_SEQ, 0, Flags.SYN, WINDOW, 1460, Segment.NO_TIMESTAMP,
                Segment.NO_TIMESTAMP, Segment.NO_PAYLOAD, PEER_ID);
    }

    static Segment peerSynAck() {
        return new Segment(REMOTE, LOCAL, REMOTE_SEQ, LOCAL_SEQ + 1, Flags.SYN | Flags.ACK, WINDOW, 1460,
                Segment.NO_TIMESTAMP, Segment.NO_TIMESTAMP, Segment.NO_PAYLOAD, PEER_ID);
    }

    /** From us: no options, our full window, our id. */
    static Segment ours(int seq, int ack, int flags) {
        return new Segment(LOCAL, REMOTE, seq, ack, flags, WINDOW, 0, Segment.NO_TIMESTAMP,
                Segment.NO_TIMESTAMP, Segment.NO_PAYLOAD, ID);
    }

    static Segment oursData(int seq, int ack, int flags, String text) {
        return ours(seq, ack, flags).withPayload(bytes(text));
    }

    static Segment ourSyn() {
        return new Segment(LOCAL, REMOTE, LOCAL_SEQ, 0, Flags.SYN, WINDOW, 1460, Segment.NO_TIMESTAMP,
                Segment.NO_TIMESTAMP, Segment.NO_PAYLOAD, ID);
    }

    static Segment ourSynAck() {
        return new Segment(LOCAL, REMOTE, LOCAL_SEQ, REMOTE_SEQ + 1, Flags.SYN | Flags.ACK, WINDOW, 1460,
                Segment.NO_TIMESTAMP, Segment.NO_TIMESTAMP, Segment.NO_PAYLOAD, ID);
    }

    static Segment ourRst(int seq) {
        return Segment.control(LOCAL, REMOTE, seq, 0, Flags.RST, 0).withOrigin(ID);
    }

    static Segment withWindow(Segment s, int window) {
        return new Segment(s.src(), s.dst(), s.seq(), s.ack(), s.flags(), window, s.mss(), s.tsVal(), s.tsEcr(),
                s.payload(), s.origin());
    }

    static byte[] bytes(String text) { return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII); }

    static String text(byte[] bytes) { return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII); }

    // ---- fixtures per state -----------------------------------------------------------------
    // Sequence numbers once established: ours LOCAL_SEQ + 1, the peer's REMOTE_SEQ + 1.

    static Tcb synSent(TcpConfig config) {
        Tcb s = closed(config);
        s.conn().connect(LOCAL, REMOTE, T0);
        recvControl(s, LOCAL_SEQ, 0, Flags.SYN);
        s.fx().clear();
        return s;
    }

    static Tcb synReceived(TcpConfig config) {
        Tcb s = closed(config);
        s.conn().listen(LOCAL);
        send(s, T0, peerSyn());
        recvControl(s, LOCAL_SEQ, REMOTE_SEQ + 1, Flags.SYN | Flags.ACK);
        s.fx().clear();
        return s;
    }

    static Tcb established(TcpConfig config) {
        Tcb s = synSent(config);
        send(s, ms(10), peerSynAck());
        recvControl(s, LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.ACK);
        s.fx().clear();
        return s;
    }

    static Tcb finWait1(TcpConfig config) {
        Tcb s = established(config);
        s.conn().close(ms(20));
        recvControl(s, LOCAL_SEQ + 1, REMOTE_SEQ + 1, Flags.FIN | Flags.ACK);
        s.fx().clear();
        return s;
    }

    static Tcb finWait2(TcpConfig config) {
        Tcb s = finWait1(config);
        send(s, ms(30), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 2, Flags.ACK));
        recvNothing(s);
        s.fx().clear();
        return s;
    }

    static Tcb closeWait(TcpConfig config) {
        Tcb s = established(config);
        send(s, ms(20), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.FIN | Flags.ACK));
        recvControl(s, LOCAL_SEQ + 1, REMOTE_SEQ + 2, Flags.ACK);
        s.fx().clear();
        return s;
    }

    static Tcb closing(TcpConfig config) {
        Tcb s = finWait1(config);
        send(s, ms(30), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 1, Flags.FIN | Flags.ACK));
        recvControl(s, LOCAL_SEQ + 2, REMOTE_SEQ + 2, Flags.ACK);
        s.fx().clear();
        return s;
    }

    static Tcb lastAck(TcpConfig config) {
        Tcb s = closeWait(config);
        s.conn().close(ms(30));
        recvControl(s, LOCAL_SEQ + 1, REMOTE_SEQ + 2, Flags.FIN | Flags.ACK);
        s.fx().clear();
        return s;
    }

    static Tcb timeWait(TcpConfig config) {
        Tcb s = finWait2(config);
        send(s, ms(40), peer(REMOTE_SEQ + 1, LOCAL_SEQ + 2, Flags.FIN | Flags.ACK));
        recvControl(s, LOCAL_SEQ + 2, REMOTE_SEQ + 2, Flags.ACK);
        s.fx().clear();
        return s;
    }

    static Tcb synSent() { return synSent(RFC); }
    static Tcb synReceived() { return synReceived(RFC); }
    static Tcb established() { return established(RFC); }
    static Tcb finWait1() { return finWait1(RFC); }
    static Tcb finWait2() { return finWait2(RFC); }
    static Tcb closeWait() { return closeWait(RFC); }
    static Tcb closing() { return closing(RFC); }
    static Tcb lastAck() { return lastAck(RFC); }
    static Tcb timeWait() { return timeWait(RFC); }
}
