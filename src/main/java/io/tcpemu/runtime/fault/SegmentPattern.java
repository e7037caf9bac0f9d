package io.tcpemu.runtime.fault;

import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.State;

/**
 * Which segments a fault rule targets. Every field narrows the match; null or 0 means "any".
 * The occurrence ({@code nth}) is not decided here: the {@link RuleTable} counts matches.
 *
 * @param mustSet     flags that must all be set
 * @param mustClear   flags that must all be clear
 * @param payload     whether the segment carries data
 * @param fromHost    name of the sending host, or null for either direction
 * @param senderState the sending connection's state when it sent it ("the ACK sent in TIME-WAIT"), or null
 * @param tuple       the connection by its addresses (either orientation), or null
 * @param connection  the connection by its ordinal on this link (1 = first seen), or 0
 * @param nth         fire only on the nth match (1 = first), or 0 for every match
 */
public record SegmentPattern(int mustSet, int mustClear, Payload payload, String fromHost, State senderState,
                             FourTuple tuple, int connection, int nth) {

    public enum Payload { ANY, DATA, EMPTY }

    public SegmentPattern {
        if (payload == null) payload = Payload.ANY;
        if (connection < 0) throw new IllegalArgumentException("connection ordinal must be ≥ 1, got " + connection);
        if (nth < 0) throw new IllegalArgumentException("occurrence must be ≥ 1, got " + nth);
    }

    /** Matches every segment, every time. */
    public static SegmentPattern any() { return new SegmentPattern(0, 0, Payload.ANY, null, null, null, 0, 0); }

    public SegmentPattern withFlags(int set, int clear, Payload p) {
        return new SegmentPattern(set, clear, p, fromHost, senderState, tuple, connection, nth);
    }

    public SegmentPattern from(String host) {
        return new SegmentPattern(mustSet, mustClear, payload, host, senderState, tuple, connection, nth);
    }

    public SegmentPattern inState(State state) {
        return new SegmentPattern(mustSet, mustClear, payload, fromHost, state, tuple, connection, nth);
    }

    public SegmentPattern ofTuple(FourTuple t) {
        return new SegmentPattern(mustSet, mustClear, payload, fromHost, senderState, t, connection, nth);
    }

    public SegmentPattern ofConnection(int ordinal) {
        return new SegmentPattern(mustSet, mustClear, payload, fromHost, senderState, tuple, ordinal, nth);
    }

    public SegmentPattern nth(int occurrence) {
        return new SegmentPattern(mustSet, mustClear, payload, fromHost, senderState, tuple, connection, occurrence);
    }

    /**
     * Whether the segment fits everything but the occurrence.
     *
     * @param sender        name of the host that put it on the link
     * @param connOrdinal   its connection's ordinal on this link (ignored unless {@link #connection} is set)
     */
    public boolean matches(Segment seg, State state, String sender, int connOrdinal) {
        int flags = seg.flags();
        if ((flags & mustSet) != mustSet || (flags & mustClear) != 0) return false;
        if (payload == Payload.DATA && seg.length() == 0) return false;
        if (payload == Payload.EMPTY && seg.length() > 0) return false;
        if (fromHost != null && !fromHost.equals(sender)) return false;
        if (senderState != null && senderState != state) return false;
        if (tuple != null && !sameConnection(seg)) return false;
        return connection == 0 || connection == connOrdinal;
    }

    private boolean sameConnection(Segment seg) {
        return (tuple.local().equals(seg.src()) && tuple.remote().equals(seg.dst()))
                || (tuple.local().equals(seg.dst()) && tuple.remote().equals(seg.src()));
    }

    /** Whether matching needs the connection ordinal, which costs a map lookup per segment. */
    public boolean needsOrdinal() { return connection != 0; }
}
