package io.tcpemu.pkt;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;

import java.util.ArrayList;
import java.util.List;

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

    /** The segment the script injects. */
    Segment toSegment(Event.Packet p) {
        int seq = (int) (p.startSeq() + conv.remoteIsn());
        int ack = p.ack() < 0 ? 0 : (int) (p.ack() + (localIsn == null ? 0 : localIsn));
        int mss = 0;
        long tsVal = Segment.NO_TIMESTAMP;
        long tsEcr = Segment.NO_TIMESTAMP;
        for (TcpOption o : p.options()) {
            if (o instanceof TcpOption.Mss m) mss = m.bytes();
            if (o instanceof TcpOption.Timestamp t) { tsVal = t.val(); tsEcr = t.ecr(); }
        }
        SockAddr src = p.srcPort() == 0 ? remote : new SockAddr(remote.ip(), p.srcPort());
        SockAddr dst = p.dstPort() == 0 ? local : new SockAddr(local.ip(), p.dstPort());
        return new Segment(src, dst, seq, ack, p.flags(), p.window(), mss, tsVal, tsEcr, new byte[p.length()], 0);
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
        if (conv.compareWindow() && p.window() >= 0 && s.window() != p.window()) diffs.add("win " + s.window() + " instead of " + p.window());
        if (conv.compareOptions() && !p.optionsUnchecked()) diffs.addAll(optionDifferences(p.options(), s));
        if (s.dst().ip() != conv.remoteIp()) diffs.add("sent to " + SockAddr.formatIp(s.dst().ip()));
        if (p.srcPort() != 0 && s.src().port() != p.srcPort()) diffs.add("from port " + s.src().port() + " instead of " + p.srcPort());
        if (p.dstPort() != 0 && s.dst().port() != p.dstPort()) diffs.add("to port " + s.dst().port() + " instead of " + p.dstPort());
        return diffs;
    }

    /** The fields of the modelled options: the MSS value and whether timestamps are present. */
    private static List<String> optionDifferences(List<TcpOption> options, Segment s) {
        List<String> diffs = new ArrayList<>();
        int mss = options.stream().filter(o -> o instanceof TcpOption.Mss).mapToInt(o -> ((TcpOption.Mss) o).bytes()).findFirst().orElse(0);
        if (mss != s.mss()) diffs.add(mss == 0 ? "mss " + s.mss() + " not expected" : "mss " + (s.mss() == 0 ? "missing" : s.mss()) + " instead of " + mss);
        boolean ts = options.stream().anyMatch(o -> o instanceof TcpOption.Timestamp);
        if (ts != s.hasTimestamp()) diffs.add(ts ? "TS option missing" : "TS option not expected");
        return diffs;
    }

    /** The options of a list that {@link #optionDifferences} does not compare (all but mss, TS and padding). */
    static List<String> unmodelledOptions(List<TcpOption> options) {
        return options.stream().filter(o -> !(o instanceof TcpOption.Mss || o instanceof TcpOption.Timestamp
                || o instanceof TcpOption.Nop || o instanceof TcpOption.Eol)).map(Object::toString).toList();
    }

    /** The captured segment written as a script line would be (relative numbers). */
    String describe(Segment s) {
        long seq = relative(s.seq(), localIsn == null ? 0 : localIsn);
        StringBuilder sb = new StringBuilder("> ").append(Event.Packet.flagsText(s.flags())).append(' ')
                .append(seq).append(':').append(seq + s.length()).append('(').append(s.length()).append(')');
        if (s.isAck()) sb.append(" ack ").append(relative(s.ack(), conv.remoteIsn()));
        sb.append(" win ").append(s.window());
        List<String> opts = new ArrayList<>();
        if (s.mss() != 0) opts.add("mss " + s.mss());
        if (s.hasTimestamp()) opts.add("TS val " + s.tsVal() + " ecr " + s.tsEcr());
        if (!opts.isEmpty()) sb.append(" <").append(String.join(",", opts)).append('>');
        return sb.toString();
    }

    private static long relative(int value, long base) { return ((value & U32) - base) & U32; }
}
