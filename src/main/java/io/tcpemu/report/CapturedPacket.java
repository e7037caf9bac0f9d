package io.tcpemu.report;

import io.tcpemu.tcp.Segment;

/**
 * One packet of a capture as a host's interface saw it: which host, when (emulated microseconds),
 * which way, the segment with the IPv4 identification its sender gave it, and a comment saying
 * what the emulator did with it (dropped and why, duplicated, reordered, late, stale data).
 */
public record CapturedPacket(String host, long time, boolean outbound, Segment segment, int ipId, String comment) {

    /** The packet's bytes: an IPv4 header and the TCP segment. */
    byte[] bytes() {
        return PacketBytes.encode(segment, ipId);
    }
}
