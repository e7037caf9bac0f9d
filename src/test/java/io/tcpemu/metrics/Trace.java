package io.tcpemu.metrics;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Notice;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentAction;

/** Synthetic trace events for metrics tests. */
final class Trace {
    private Trace() {}

    static final SockAddr A = SockAddr.of("10.0.0.1", 40000);
    static final SockAddr B = SockAddr.of("10.0.0.2", 80);
    static final FourTuple AB = new FourTuple(A, B);

    static TraceEvent state(long t, String host, long conn, State from, State to) {
        return new TraceEvent.StateChanged(t, host, conn, AB, from, to, "test");
    }

    static TraceEvent sent(long t, int flags, int bytes, boolean retransmission) {
        Segment s = new Segment(A, B, 1, 1, flags, 1000, 0, Segment.NO_TIMESTAMP, Segment.NO_TIMESTAMP, new byte[bytes], 0);
        return new TraceEvent.SegmentEvent(t, SegmentAction.SENT, "a", s, retransmission, "");
    }

    static TraceEvent segment(long t, SegmentAction action) {
        return new TraceEvent.SegmentEvent(t, action, "a->b", Segment.control(A, B, 1, 1, Flags.ACK, 1000), false, "loss");
    }

    static TraceEvent notice(long t, String host, long conn, Notice n) { return new TraceEvent.NoticeEvent(t, host, conn, n); }

    static TraceEvent call(long t, String host, String call, String result) {
        return new TraceEvent.SocketCall(t, host, 1, call, result);
    }

    static TraceEvent hostEvent(long t, String host, String kind, String detail) {
        return new TraceEvent.HostEvent(t, host, kind, detail);
    }
}
