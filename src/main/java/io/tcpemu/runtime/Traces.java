package io.tcpemu.runtime;

import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Notice;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TimerKind;
import io.tcpemu.trace.TraceBus;
import io.tcpemu.trace.TraceEvent;

/** Publishes the runtime's trace events, building each only when someone listens. */
final class Traces {
    private Traces() {}

    static void sent(TraceBus bus, long now, String host, Segment segment, boolean retransmission) {
        if (bus.enabled()) bus.publish(new TraceEvent.SegmentEvent(now, TraceEvent.SegmentAction.SENT, host, segment, retransmission, ""));
    }

    static void timer(TraceBus bus, long now, String host, long connId, TimerKind kind, TraceEvent.TimerAction action, long deadline) {
        if (bus.enabled()) bus.publish(new TraceEvent.TimerEvent(now, host, connId, kind, action, deadline));
    }

    static void state(TraceBus bus, long now, String host, long connId, FourTuple tuple, State from, State to, String cause) {
        if (bus.enabled()) bus.publish(new TraceEvent.StateChanged(now, host, connId, tuple, from, to, cause));
    }

    static void notice(TraceBus bus, long now, String host, long connId, Notice notice) {
        if (bus.enabled()) bus.publish(new TraceEvent.NoticeEvent(now, host, connId, notice));
    }

    static void call(TraceBus bus, long now, String host, long connId, String call, String result) {
        if (bus.enabled()) bus.publish(new TraceEvent.SocketCall(now, host, connId, call, result));
    }

    static void host(TraceBus bus, long now, String host, String kind, String detail) {
        if (bus.enabled()) bus.publish(new TraceEvent.HostEvent(now, host, kind, detail));
    }
}
