package io.tcpemu.tcp;

/**
 * RFC 9293 §3.10.7.1, "If the state is CLOSED": what a host answers to a segment that reaches
 * no connection and no listener.
 */
public final class NoSocket {
    private NoSocket() {}

    /** The RST to send back, or null (an arriving RST is never answered). */
    public static Segment reply(Segment segment) {
        if (segment.isRst()) return null;
        if (segment.isAck()) return reset(segment, segment.ack());
        return Segment.control(segment.dst(), segment.src(), 0,
                Seq.add(segment.seq(), segment.seqLength()), Flags.RST | Flags.ACK, 0);
    }

    /** {@code <SEQ=seq><CTL=RST>} back to the sender of {@code segment}: the answer to a stray ACK. */
    static Segment reset(Segment segment, int seq) {
        return Segment.control(segment.dst(), segment.src(), seq, 0, Flags.RST, 0);
    }
}
