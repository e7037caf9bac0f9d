package io.tcpemu.runtime;

import io.tcpemu.tcp.Segment;

/**
 * The emulated kernel of one host (SKELETON: the message contract is agreed; the behavior is
 * being written).
 */
public final class Host {
    private Host() {}

    public interface Command {}

    /** A segment arriving from the network. */
    public record Deliver(Segment segment) implements Command {}
}
