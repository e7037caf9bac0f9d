package io.tcpemu.trace;

import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Notice;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TimerKind;

/**
 * Everything an emulation reports, stamped with emulated time in microseconds. Subscribers
 * (pcap, ladder diagrams, metrics, the console) read these and nothing else.
 */
public sealed interface TraceEvent {
    /** Emulated time, microseconds since the start of the run. */
    long time();

    /** What happened to a segment on its way. */
    enum SegmentAction { SENT, DELIVERED, DROPPED, DUPLICATED }

    /**
     * @param where          the host that sent or received it, or the link that dropped or duplicated it
     * @param retransmission true when the sender repeated an earlier segment
     * @param reason         why it was dropped or duplicated ("loss", "rule drop-first-fin", "msl expired"), else ""
     */
    record SegmentEvent(long time, SegmentAction action, String where, Segment segment,
                        boolean retransmission, String reason) implements TraceEvent {}

    /** A connection changed state: the one trace of the core's single state-change point. */
    record StateChanged(long time, String host, long connId, FourTuple tuple,
                        State from, State to, String cause) implements TraceEvent {}

    enum TimerAction { ARMED, FIRED, CANCELLED }

    record TimerEvent(long time, String host, long connId, TimerKind kind,
                      TimerAction action, long deadline) implements TraceEvent {}

    /** A notice to the user of a connection (CONNECTED, RESET, TIMED_OUT ...). */
    record NoticeEvent(long time, String host, long connId, Notice notice) implements TraceEvent {}

    /** A socket call and its result ("connect 10.0.0.2:80" → "ok" / "EADDRNOTAVAIL"). */
    record SocketCall(long time, String host, long connId, String call, String result) implements TraceEvent {}

    /**
     * A router passed a segment on towards {@code next}: it took {@code in} from a link and put
     * {@code out} on the link to the next hop (the same segment, or rewritten by a NAT).
     *
     * @param queued how long it waited in the router (hop delay and output queue), microseconds
     * @param note   what the router did besides forwarding ("nat 10.0.0.1:40000 -> 203.0.113.1:1024"), else ""
     */
    record Forwarded(long time, String router, String next, Segment in, Segment out, long queued, String note)
            implements TraceEvent {}

    /**
     * A kernel-level happening on a host: "port-exhausted", "backlog-overflow", "time-wait-cap",
     * "rst-no-socket", "time-wait-reused" ...
     */
    record HostEvent(long time, String host, String kind, String detail) implements TraceEvent {}
}
