package io.tcpemu.net;

import io.tcpemu.tcp.Segment;

/**
 * The TCP states conntrack follows (nf_conntrack_proto_tcp, simplified to the path a connection
 * takes), and the one table of how a segment moves an entry between them.
 */
public enum CtState {
    SYN_SENT, SYN_RECV, ESTABLISHED, FIN_WAIT, LAST_ACK, TIME_WAIT, CLOSE;

    /**
     * The state after {@code seg}, sent by the connection's originator ({@code fromOriginal}) or
     * by the answering side. {@code lastFinFromOriginal} says who sent the last FIN seen.
     */
    public CtState after(Segment seg, boolean fromOriginal, boolean lastFinFromOriginal) {
        if (seg.isRst()) return CLOSE;
        return switch (this) {
            case SYN_SENT -> !fromOriginal && seg.isSyn() && seg.isAck() ? SYN_RECV : this;
            case SYN_RECV -> fromOriginal && seg.isAck() && !seg.isSyn() ? (seg.isFin() ? FIN_WAIT : ESTABLISHED) : this;
            case ESTABLISHED -> seg.isFin() ? FIN_WAIT : this;
            case FIN_WAIT -> seg.isFin() && fromOriginal != lastFinFromOriginal ? LAST_ACK : this;
            // the ACK of the second FIN comes from the side that sent the first one
            case LAST_ACK -> seg.isAck() && !seg.isFin() && fromOriginal != lastFinFromOriginal ? TIME_WAIT : this;
            case TIME_WAIT, CLOSE -> this;
        };
    }

    @Override public String toString() { return name(); }
}
