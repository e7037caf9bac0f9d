package io.tcpemu.tcp;

/**
 * RFC 9293 §3.10.7.2, "If the state is LISTEN": what a listening socket does with an arriving
 * segment. The host uses it to decide whether to create a connection for a SYN; a
 * {@link Connection} in LISTEN uses it too, so both answer alike.
 */
public final class Listen {
    private Listen() {}

    /** What to do with the segment. */
    public enum Action {
        /** Drop it silently (an arriving RST, or a segment with neither SYN nor ACK). */
        DROP,
        /** Send {@link Verdict#reply()}, a RST: an ACK cannot acknowledge anything yet. */
        RESET,
        /** A SYN: create a connection in SYN-RECEIVED for it (the caller does, and sends the SYN-ACK). */
        ACCEPT
    }

    /** @param reply the RST to send for {@link Action#RESET}, else null */
    public record Verdict(Action action, Segment reply) {
        static final Verdict DROP = new Verdict(Action.DROP, null);
        static final Verdict ACCEPT = new Verdict(Action.ACCEPT, null);
    }

    /** By RFC 9293 alone (a SYN+FIN is accepted). */
    public static Verdict handleSegment(Segment segment) {
        if (segment.isRst()) return Verdict.DROP;
        if (segment.isAck()) return new Verdict(Action.RESET, NoSocket.reset(segment, segment.ack()));
        if (segment.isSyn()) return Verdict.ACCEPT;
        return Verdict.DROP;
    }

    /** With the host's policies: a SYN+FIN is dropped under {@link TcpConfig#dropSynFin()}, as Linux does. */
    public static Verdict handleSegment(Segment segment, TcpConfig config) {
        if (config.dropSynFin() && segment.isSyn() && segment.isFin() && !segment.isRst() && !segment.isAck()) return Verdict.DROP;
        return handleSegment(segment);
    }
}
