package io.tcpemu.report;

import io.tcpemu.tcp.SockAddr;

import java.util.function.Predicate;

/**
 * Which of a run's packets a capture keeps. Each host has its own interface, on which a segment it
 * sent appears as it left and a segment delivered to it as it arrived.
 */
public record PcapView(String description, Predicate<CapturedPacket> accepts) {

    /** Both ends of every connection: every host's interface, so departures and arrivals are both visible. */
    public static PcapView allHosts() {
        return new PcapView("every host", p -> true);
    }

    /** Every segment once, as it entered a link: what a tap on the wire sees, lost ones included. */
    public static PcapView wire() {
        return new PcapView("the wire", CapturedPacket::outbound);
    }

    /** What tcpdump on host {@code name} sees: segments it sends and segments delivered to it. */
    public static PcapView host(String name) {
        return new PcapView("host " + name, p -> p.host().equals(name));
    }

    /** Both hosts' interfaces, for the segments between two IPv4 addresses only. */
    public static PcapView link(int ipA, int ipB) {
        String name = "the link " + SockAddr.formatIp(ipA) + " <-> " + SockAddr.formatIp(ipB);
        return new PcapView(name, p -> between(p, ipA, ipB) || between(p, ipB, ipA));
    }

    private static boolean between(CapturedPacket p, int src, int dst) {
        return p.segment().src().ip() == src && p.segment().dst().ip() == dst;
    }
}
