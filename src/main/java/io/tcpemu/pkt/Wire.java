package io.tcpemu.pkt;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.TcpOptions;

import java.nio.ByteBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Between script packets and real segments: the two sequence spaces and the 4-tuple. The script's
 * own numbers are offset by the peer's ISN ({@link Conventions#remoteIsn}); the host's numbers are
 * relative to the ISN of its latest SYN (the current connection's), learned when that SYN is captured.
 */
final class Wire {
    private static final long U32 = 0xFFFF_FFFFL;

    private final Conventions conv;
    private SockAddr local;
    private SockAddr remote;
    private Long localIsn;

    Wire(Conventions conv) {
        this.conv = conv;
        this.local = new SockAddr(conv.localIp(), conv.bindPort());
        this.remote = new SockAddr(conv.remoteIp(), conv.remotePort());
    }

    /** An active open toward the peer: the peer is at connectPort; our port comes with our SYN. */
    void connecting(SockAddr peer) { remote = peer; }

    void bound(SockAddr address) { local = address; }

    /** The peer's port of the script's connection. */
    int peerPort() { return remote.port(); }

    /** The segment the script injects. */
    Segment toSegment(Event.Packet p) {
        int seq = (int) (p.startSeq() + conv.remoteIsn());
        int ack = p.ack() < 0 ? 0 : (int) (p.ack() + (localIsn == null ? 0 : localIsn));
        int mss = 0;
        int wscale = Segment.NO_WSCALE;
        boolean sackOk = false;
        long tsVal = Segment.NO_TIMESTAMP;
        long tsEcr = Segment.NO_TIMESTAMP;
        for (TcpOption o : p.options()) {
            if (o instanceof TcpOption.Mss m) mss = m.bytes();
            if (o instanceof TcpOption.WindowScale w) wscale = w.shift();
            if (o instanceof TcpOption.SackPermitted) sackOk = true;
            if (o instanceof TcpOption.Timestamp t) { tsVal = t.val(); tsEcr = t.ecr(); }
        }
        SockAddr src = p.srcPort() == 0 ? remote : new SockAddr(remote.ip(), p.srcPort());
        SockAddr dst = p.dstPort() == 0 ? local : new SockAddr(local.ip(), p.dstPort());
        return new Segment(src, dst, seq, ack, p.flags(), p.window(), mss, tsVal, tsEcr, new byte[p.length()], 0, wscale, sackOk);
    }

    /** Learns our ISN and port from each SYN the host sends: every connection has its own ISN. */
    void observe(Segment s, Event.Packet expected) {
        if (s.isSyn()) localIsn = ((s.seq() & U32) - expected.startSeq()) & U32;
        if (s.src().ip() == conv.localIp()) local = s.src();
    }

    /** What differs between the expected packet and the captured segment; empty if they match. */
    List<String> differences(Event.Packet p, Segment s) {
        List<String> diffs = new ArrayList<>();
        if (s.flags() != p.flags()) diffs.add("flags " + Event.Packet.flagsText(s.flags()) + " instead of " + Event.Packet.flagsText(p.flags()));
        long seq = relative(s.seq(), localIsn == null ? 0 : localIsn);
        if (seq != p.startSeq()) diffs.add("seq " + seq + " instead of " + p.startSeq());
        if (s.length() != p.length()) diffs.add("length " + s.length() + " instead of " + p.length());
        if (p.ack() >= 0 && s.isAck()) {
            long ack = relative(s.ack(), conv.remoteIsn());
            if (ack != p.ack()) diffs.add("ack " + ack + " instead of " + p.ack());
        }
        if (p.window() >= 0 && s.window() != p.window()) diffs.add("win " + s.window() + " instead of " + p.window());
        if (!p.optionsUnchecked()) {
            String options = optionDifference(p.options(), options(s, conv.remoteIsn()));
            if (options != null) diffs.add(options);
        }
        if (s.dst().ip() != conv.remoteIp()) diffs.add("sent to " + SockAddr.formatIp(s.dst().ip()));
        if (p.srcPort() != 0 && s.src().port() != p.srcPort()) diffs.add("from port " + s.src().port() + " instead of " + p.srcPort());
        if (p.dstPort() != 0 && s.dst().port() != p.dstPort()) diffs.add("to port " + s.dst().port() + " instead of " + p.dstPort());
        return diffs;
    }

    /**
     * As packetdrill compares options: the same kinds in the same order (NOPs too), and equal values but
     * for timestamps, whose value and echo it does not compare (no --tcp_ts_tick_usecs). Null if they match.
     */
    private static String optionDifference(List<TcpOption> expected, List<TcpOption> sent) {
        boolean same = expected.size() == sent.size();
        for (int i = 0; same && i < expected.size(); i++) {
            TcpOption e = expected.get(i);
            TcpOption a = sent.get(i);
            same = e instanceof TcpOption.Timestamp ? a instanceof TcpOption.Timestamp : e.equals(a);
        }
        return same ? null : "options " + text(sent) + " instead of " + text(expected);
    }

    private static String text(List<TcpOption> options) {
        return options.isEmpty() ? "none" : "<" + options.stream().map(Object::toString).collect(Collectors.joining(",")) + ">";
    }

    /**
     * The segment's options as they go on the wire ({@link TcpOptions}), read back as a script writes them
     * (SACK blocks relative to the peer's ISN {@code peerIsn}).
     */
    static List<TcpOption> options(Segment s, long peerIsn) {
        ByteBuffer b = ByteBuffer.wrap(TcpOptions.encode(s));
        List<TcpOption> options = new ArrayList<>();
        while (b.hasRemaining()) {
            int kind = b.get() & 0xFF;
            switch (kind) {
                case TcpOptions.NOP -> options.add(new TcpOption.Nop());
                case TcpOptions.EOL -> options.add(new TcpOption.Eol());
                case TcpOptions.MSS -> { b.get(); options.add(new TcpOption.Mss(b.getShort() & 0xFFFF)); }
                case TcpOptions.WSCALE -> { b.get(); options.add(new TcpOption.WindowScale(b.get() & 0xFF)); }
                case TcpOptions.SACK_PERMITTED -> { b.get(); options.add(new TcpOption.SackPermitted()); }
                case TcpOptions.TIMESTAMP -> { b.get(); options.add(new TcpOption.Timestamp(b.getInt() & U32, b.getInt() & U32)); }
                case TcpOptions.SACK -> {
                    List<long[]> blocks = new ArrayList<>();
                    for (int n = ((b.get() & 0xFF) - 2) / 8; n > 0; n--) {
                        blocks.add(new long[] {relative(b.getInt(), peerIsn), relative(b.getInt(), peerIsn)});
                    }
                    options.add(new TcpOption.Sack(blocks));
                }
                default -> throw new IllegalStateException("option kind " + kind + " has no script form");
            }
        }
        return options;
    }

    /** The captured segment written as a script line would be (relative numbers). */
    String describe(Segment s) {
        long seq = relative(s.seq(), localIsn == null ? 0 : localIsn);
        StringBuilder sb = new StringBuilder("> ").append(Event.Packet.flagsText(s.flags())).append(' ')
                .append(seq).append(':').append(seq + s.length()).append('(').append(s.length()).append(')');
        if (s.isAck()) sb.append(" ack ").append(relative(s.ack(), conv.remoteIsn()));
        sb.append(" win ").append(s.window());
        List<TcpOption> opts = options(s, conv.remoteIsn());
        if (!opts.isEmpty()) sb.append(' ').append(text(opts));
        return sb.toString();
    }

    private static long relative(int value, long base) { return ((value & U32) - base) & U32; }
}
