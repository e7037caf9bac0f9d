package io.tcpemu.report;

import io.tcpemu.report.Ladder.Arrow;
import io.tcpemu.report.Ladder.Row;
import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.Seq;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import io.tcpemu.trace.TraceEvent.SegmentEvent;
import io.tcpemu.trace.TraceEvent.StateChanged;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the trace of one connection into {@link Ladder} rows. State changes at the same instant
 * as a segment being sent are shown on that segment's row; others get a row of their own.
 */
final class LadderBuilder {
    private final List<? extends TraceEvent> all;
    private final List<TraceEvent> events = new ArrayList<>();
    private final FourTuple tuple;
    private final boolean relative;
    private final Map<Integer, Fate> fates = new HashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final SeqNumbering numbering = new SeqNumbering();
    /** Each end's connections (host#connId), left or right, so a state change that lost its peer still finds its side. */
    private final Map<String, Boolean> sides = new HashMap<>();
    private State leftPending;
    private State rightPending;
    private long pendingTime;

    /** What became of a sent segment: where the trace says it arrived or was dropped. */
    private record Fate(long arrivedAt, boolean lost) {}

    LadderBuilder(List<? extends TraceEvent> trace, FourTuple tuple, boolean relative) {
        this.tuple = tuple;
        this.relative = relative;
        this.all = NatAliases.inAddressesOf(trace, tuple);
        for (TraceEvent e : all) {
            if (e instanceof StateChanged s && s.tuple() != null && s.tuple().remote() != null && belongs(e)) {
                sides.put(s.host() + "#" + s.connId(), tuple.equals(s.tuple()));
            }
        }
        for (TraceEvent e : all) if (belongs(e)) events.add(e);
    }

    Ladder build() {
        findIsns();
        matchFates();
        for (int i = 0; i < events.size(); i++) {
            TraceEvent e = events.get(i);
            if (e.time() != pendingTime) flushStates();
            if (e instanceof StateChanged s) onStateChanged(s);
            if (e instanceof SegmentEvent s && startsArrow(s)) onSent(i, s);
        }
        flushStates();
        return new Ladder(LadderEnds.of(all, tuple, true), LadderEnds.of(all, tuple, false), List.copyOf(rows));
    }

    private boolean belongs(TraceEvent e) {
        if (e instanceof SegmentEvent s) return isLeftToRight(s.segment()) || isRightToLeft(s.segment());
        if (e instanceof StateChanged s) {
            // A child sent back to LISTEN (not a new child starting out from CLOSED) has lost its peer: known by its id.
            return tuple.equals(s.tuple()) || tuple.reversed().equals(s.tuple())
                    || (forgotPeer(s) && s.from() != State.CLOSED && sides.containsKey(s.host() + "#" + s.connId()));
        }
        return false;
    }

    private static boolean forgotPeer(StateChanged s) {
        return s.tuple() == null || s.tuple().remote() == null;
    }

    private boolean isLeftToRight(Segment seg) {
        return seg.src().equals(tuple.local()) && seg.dst().equals(tuple.remote());
    }

    private boolean isRightToLeft(Segment seg) {
        return seg.src().equals(tuple.remote()) && seg.dst().equals(tuple.local());
    }

    private static boolean startsArrow(SegmentEvent s) {
        return s.action() == SegmentAction.SENT || s.action() == SegmentAction.DUPLICATED;
    }

    private void findIsns() {
        boolean leftSeen = false;
        boolean rightSeen = false;
        for (TraceEvent e : events) {
            if (!(e instanceof SegmentEvent s) || s.action() != SegmentAction.SENT) continue;
            Segment seg = s.segment();
            boolean fromLeft = isLeftToRight(seg);
            // Each SYN starts an incarnation; a side that sent no SYN is numbered from its first segment.
            if (!(fromLeft ? leftSeen : rightSeen)) numbering.isn(fromLeft, Long.MIN_VALUE, seg.seq());
            if (seg.isSyn()) numbering.isn(fromLeft, s.time(), seg.seq());
            if (fromLeft) leftSeen = true;
            else rightSeen = true;
        }
    }

    /** Pairs each sent or duplicated segment with the first later delivery or drop of an equal segment. */
    private void matchFates() {
        Map<Segment, ArrayDeque<Integer>> inFlight = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (!(events.get(i) instanceof SegmentEvent s)) continue;
            if (startsArrow(s)) {
                inFlight.computeIfAbsent(s.segment(), k -> new ArrayDeque<>()).add(i);
                continue;
            }
            ArrayDeque<Integer> waiting = inFlight.get(s.segment());
            if (waiting == null || waiting.isEmpty()) continue;
            int sent = waiting.poll();
            boolean lost = s.action() == SegmentAction.DROPPED;
            fates.put(sent, new Fate(lost ? -1 : s.time(), lost));
        }
    }

    private void onStateChanged(StateChanged s) {
        // A listener's child sent back to LISTEN has forgotten its peer: it is known by its id.
        boolean isLeft = forgotPeer(s) ? sides.get(s.host() + "#" + s.connId()) : tuple.equals(s.tuple());
        if (isLeft ? leftPending != null : rightPending != null) flushStates();
        if (isLeft) leftPending = s.to();
        else rightPending = s.to();
        pendingTime = s.time();
    }

    private void onSent(int index, SegmentEvent s) {
        Fate fate = fates.getOrDefault(index, new Fate(-1, false));
        boolean leftToRight = isLeftToRight(s.segment());
        String label = label(s.segment(), leftToRight, s.time())
                + (s.retransmission() ? " (retx)" : "")
                + (s.action() == SegmentAction.DUPLICATED ? " (dup)" : "");
        rows.add(new Row(s.time(), new Arrow(leftToRight, label, s.time(), fate.arrivedAt(), fate.lost()),
                leftPending, rightPending));
        leftPending = null;
        rightPending = null;
        pendingTime = s.time();
    }

    private void flushStates() {
        if (leftPending == null && rightPending == null) return;
        rows.add(new Row(pendingTime, null, leftPending, rightPending));
        leftPending = null;
        rightPending = null;
    }

    /** "SYN seq=0", "ACK ack=1", "PSH ACK seq=1 ack=1 len=100": seq only where it moves the stream. */
    private String label(Segment seg, boolean leftToRight, long time) {
        StringBuilder sb = new StringBuilder(Flags.words(seg.flags()));
        if (seg.seqLength() > 0 || seg.isRst() || !seg.isAck()) sb.append(" seq=").append(number(leftToRight, time, seg.seq()));
        if (seg.isAck()) sb.append(" ack=").append(number(!leftToRight, time, seg.ack()));
        if (seg.length() > 0) sb.append(" len=").append(seg.length());
        return sb.toString();
    }

    /** A sequence number of the left (or right) side's space, as the ladder prints it. */
    private long number(boolean leftSpace, long time, int value) {
        return relative ? numbering.relative(leftSpace, time, value) : Seq.unsigned(value);
    }
}
