package io.tcpemu.report;

import io.tcpemu.tcp.SockAddr;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import io.tcpemu.trace.TraceEvent.SegmentEvent;

import java.util.function.Predicate;

/**
 * Where a pcap capture "stands": which segment events become packets. Each segment that travels
 * is traced several times (sent, delivered, dropped), so a capture picks one vantage point.
 */
public record PcapView(String description, Predicate<SegmentEvent> accepts) {

    /** Every segment as it enters a link: what a tap on the wire sees, lost ones included. */
    public static PcapView wire() {
        return new PcapView("the wire", e -> e.action() == SegmentAction.SENT);
    }

    /** What tcpdump on host {@code name} sees: segments it sends and segments delivered to it. */
    public static PcapView host(String name) {
        return new PcapView("host " + name, e -> e.where().equals(name)
                && (e.action() == SegmentAction.SENT || e.action() == SegmentAction.DELIVERED));
    }

    /** The wire between two IPv4 addresses, both directions: a tap on one link pair. */
    public static PcapView link(int ipA, int ipB) {
        String name = "the link " + SockAddr.formatIp(ipA) + " <-> " + SockAddr.formatIp(ipB);
        return new PcapView(name, e -> e.action() == SegmentAction.SENT
                && (between(e, ipA, ipB) || between(e, ipB, ipA)));
    }

    private static boolean between(SegmentEvent e, int src, int dst) {
        return e.segment().src().ip() == src && e.segment().dst().ip() == dst;
    }
}
