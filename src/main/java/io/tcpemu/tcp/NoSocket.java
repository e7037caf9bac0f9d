package io.tcpemu.tcp;

/**
 * RFC 9293 §3.10.7.1, "If the state is CLOSED": what a host answers to a segment that reaches
 * no connection and no listener (SKELETON — body being written).
 */
public final class NoSocket {
    private NoSocket() {}

    /** The RST to send back, or null (an arriving RST is never answered). */
    public static Segment reply(Segment segment) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
