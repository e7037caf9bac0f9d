package io.tcpemu.runtime;

import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.State;

/**
 * One direction of a link between two hosts (SKELETON: the message contract is agreed; the
 * behavior is being written). Endpoints and hosts hand it segments; after the link's delay and
 * faults it delivers them to the destination host as {@link Host.Deliver}.
 */
public final class Link {
    private Link() {}

    public sealed interface Command {}

    /**
     * A segment put on the wire.
     *
     * @param senderState the sending connection's state when it sent this (emulator metadata, for
     *                    fault rules such as "the ACK sent in TIME-WAIT"); CLOSED for host replies
     * @param sentAt      emulated time of sending, microseconds (the link drops segments older than MSL)
     */
    public record Transmit(Segment segment, State senderState, long sentAt) implements Command {}
}
