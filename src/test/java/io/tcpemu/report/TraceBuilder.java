package io.tcpemu.report;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import io.tcpemu.trace.TraceEvent.SegmentEvent;
import io.tcpemu.trace.TraceEvent.StateChanged;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes synthetic traces the way the runtime would: a segment sent by one end is traced SENT at
 * the sender and, one link delay later, DELIVERED at the receiver or DROPPED on the link.
 */
final class TraceBuilder {
    static final int ONE_WAY_DELAY = 1_000;
    static final long MSL = 30_000_000;

    /** One endpoint of a connection. */
    record End(String host, SockAddr addr, long connId) {}

    private final List<TraceEvent> events = new ArrayList<>();

    static End end(String host, String ip, int port, long connId) {
        return new End(host, SockAddr.of(ip, port), connId);
    }

    static FourTuple tuple(End local, End remote) {
        return new FourTuple(local.addr(), remote.addr());
    }

    TraceBuilder state(long time, End end, End peer, State from, State to) {
        events.add(new StateChanged(time, end.host(), end.connId(), tuple(end, peer), from, to, "test"));
        return this;
    }

    /** A segment from {@code from} to {@code to}; sequence numbers are unsigned values. */
    static Segment segment(End from, End to, int flags, long seq, long ack, int length) {
        boolean syn = Flags.has(flags, Flags.SYN);
        return new Segment(from.addr(), to.addr(), (int) seq, (int) ack, flags, 65535, syn ? 1460 : 0,
                Segment.NO_TIMESTAMP, Segment.NO_TIMESTAMP, payload(length), from.connId());
    }

    private static byte[] payload(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte) ('a' + i % 26);
        return bytes;
    }

    TraceBuilder send(long time, End from, End to, Segment seg) {
        return travel(time, from, to, seg, false, false);
    }

    TraceBuilder resend(long time, End from, End to, Segment seg) {
        return travel(time, from, to, seg, true, false);
    }

    TraceBuilder lose(long time, End from, End to, Segment seg) {
        return travel(time, from, to, seg, false, true);
    }

    private TraceBuilder travel(long time, End from, End to, Segment seg, boolean retransmission, boolean lost) {
        events.add(new SegmentEvent(time, SegmentAction.SENT, from.host(), seg, retransmission, ""));
        if (lost) {
            events.add(new SegmentEvent(time + ONE_WAY_DELAY / 2, SegmentAction.DROPPED,
                    from.host() + "->" + to.host(), seg, false, "loss"));
        } else {
            events.add(new SegmentEvent(time + ONE_WAY_DELAY, SegmentAction.DELIVERED, to.host(), seg, false, ""));
        }
        return this;
    }

    /** The events in time order; events at the same time keep the order they were added in. */
    List<TraceEvent> events() {
        List<TraceEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(TraceEvent::time));
        return sorted;
    }
}
