package io.tcpemu.report;

import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentEvent;
import io.tcpemu.trace.TraceEvent.StateChanged;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The exchange between two endpoints of one connection, ready to draw: one row per segment sent
 * (with its fate) or per instant where states changed without a segment. The left end is the
 * tuple's local side. {@link LadderText}, {@link LadderSvg} and {@link LadderMermaid} render it.
 */
public record Ladder(End left, End right, List<Row> rows, int omittedAt, int omitted, List<Integer> incarnationStarts,
                     int totalRows) {

    /**
     * @param incarnationStarts the rows where a later incarnation of the 4-tuple begins (a side opens
     *                          a new connection after its earlier one ended), in order; empty for one
     * @param totalRows         rows the exchange had, drawn or left out (of all incarnations, for a part)
     */
    public Ladder {
        incarnationStarts = List.copyOf(incarnationStarts);
    }

    /** A whole ladder of one incarnation, nothing left out. */
    public Ladder(End left, End right, List<Row> rows) {
        this(left, right, rows, rows.size(), 0, List.of(), rows.size());
    }

    /** One incarnation, {@code omitted} rows left out before row {@code omittedAt}. */
    public Ladder(End left, End right, List<Row> rows, int omittedAt, int omitted) {
        this(left, right, rows, omittedAt, omitted, List.of(), rows.size() + omitted);
    }

    /**
     * At most {@code maxRows} rows: the first and last halves, with the middle left out (and counted),
     * so a long exchange (an ACK war of 56,000 segments) stays a picture a browser can open.
     */
    public Ladder within(int maxRows) {
        if (omitted > 0 || rows.size() <= maxRows) return this;
        int head = (maxRows + 1) / 2;
        List<Row> kept = new ArrayList<>(rows.subList(0, head));
        int tail = rows.size() - (maxRows - head);
        kept.addAll(rows.subList(tail, rows.size()));
        // An incarnation that began among the rows left out is shown as beginning at the cut.
        List<Integer> starts = new ArrayList<>();
        for (int start : incarnationStarts) {
            int at = start < head ? start : start < tail ? head : start - (tail - head);
            if (!starts.contains(at)) starts.add(at);
        }
        return new Ladder(left, right, List.copyOf(kept), head, rows.size() - maxRows, starts, rows.size());
    }

    /**
     * One incarnation of the 4-tuple, drawn as a ladder of its own.
     *
     * @param number       1 for the first
     * @param ladder       its rows, its ends in the states they were in when it began
     * @param fromEarlier  segments an earlier incarnation sent that arrive during this one (delayed copies)
     * @param arrivingLater how many of its own segments arrive only after it (in a later incarnation)
     */
    public record Part(int number, Ladder ladder, List<Arrow> fromEarlier, int arrivingLater) {}

    /** The ladder cut at each new incarnation: one part when the 4-tuple was used once. */
    public List<Part> parts() {
        if (incarnationStarts.isEmpty()) return List.of(new Part(1, this, List.of(), 0));
        List<Integer> bounds = new ArrayList<>(List.of(0));
        for (int s : incarnationStarts) if (s > bounds.get(bounds.size() - 1) && s < rows.size()) bounds.add(s);
        bounds.add(rows.size());
        List<Part> parts = new ArrayList<>();
        State leftNow = left.initial();
        State rightNow = right.initial();
        for (int k = 0; k + 1 < bounds.size(); k++) {
            int from = bounds.get(k);
            int to = bounds.get(k + 1);
            List<Row> own = rows.subList(from, to);
            boolean cutHere = omitted > 0 && omittedAt >= from && omittedAt < to;
            // A side whose connection ended starts the next one where it started the first (a server: LISTEN).
            State leftStart = k > 0 && leftNow == State.CLOSED ? left.initial() : leftNow;
            State rightStart = k > 0 && rightNow == State.CLOSED ? right.initial() : rightNow;
            if (k > 0 && cutHere && omittedAt == from) {   // it began among the rows left out: its first states are not known
                leftStart = null;
                rightStart = null;
            }
            Ladder part = new Ladder(new End(left.host(), left.addr(), leftStart), new End(right.host(), right.addr(), rightStart),
                    List.copyOf(own), cutHere ? omittedAt - from : own.size(), cutHere ? omitted : 0, List.of(), totalRows);
            long start = own.get(0).time();
            long end = k + 2 < bounds.size() ? rows.get(to).time() : Long.MAX_VALUE;
            List<Arrow> fromEarlier = new ArrayList<>();
            for (Row r : rows.subList(0, from)) {
                Arrow a = r.arrow();
                if (a != null && !a.lost() && a.arrivedAt() >= start && a.arrivedAt() < end) fromEarlier.add(a);
            }
            int later = 0;
            for (Row r : own) if (r.arrow() != null && !r.arrow().lost() && r.arrow().arrivedAt() >= end) later++;
            parts.add(new Part(k + 1, part, List.copyOf(fromEarlier), later));
            for (Row r : own) {
                if (r.leftState() != null) leftNow = r.leftState();
                if (r.rightState() != null) rightNow = r.rightState();
            }
        }
        return parts;
    }

    /** "incarnation 2 of this 4-tuple, from 400.000 ms": the heading of a part when there are several. */
    public static String partHeading(Part p) {
        Ladder l = p.ladder();
        if (l.omittedAt() == 0 && l.omitted() > 0) return "incarnation " + p.number() + " of this 4-tuple, begun among the rows left out";
        return "incarnation " + p.number() + " of this 4-tuple, from " + LadderText.millis(l.rows().get(0).time()) + " ms";
    }

    /** What arrives from earlier incarnations during a part: "140 segments sent in an earlier incarnation arrive in this one (first at 720.000 ms)". */
    public static String fromEarlierNote(Part p) {
        if (p.fromEarlier().isEmpty()) return "";
        long first = p.fromEarlier().stream().mapToLong(Arrow::arrivedAt).min().orElseThrow();
        int n = p.fromEarlier().size();
        return (n == 1 ? "1 segment" : n + " segments") + " sent by an earlier incarnation "
                + (n == 1 ? "arrives" : "arrive") + " in this one (first at " + LadderText.millis(first) + " ms)";
    }

    /** The line drawn where rows were left out: how many, and how to draw them all. */
    public String omissionNote() {
        return String.format(java.util.Locale.ROOT, "... %,d rows left out (of %,d); --set output.ladder-rows=%d draws them all",
                omitted, totalRows(), totalRows());
    }

    /**
     * One side: its host name ("" if the trace never named it), address, and the state it was in
     * before the ladder's first row (null if the trace does not tell).
     */
    public record End(String host, SockAddr addr, State initial) {
        public String title() { return host.isEmpty() ? addr.toString() : host + " " + addr; }
    }

    /**
     * A segment on its way.
     *
     * @param arrivedAt when it was delivered, or -1 if it was lost or still in flight at the end
     */
    public record Arrow(boolean leftToRight, String label, long sentAt, long arrivedAt, boolean lost) {}

    /**
     * One line of the diagram.
     *
     * @param arrow      the segment sent at this time, or null for a row that only shows states
     * @param leftState  the left side's state if it changed since the previous row, else null
     * @param rightState the same for the right side
     */
    public record Row(long time, Arrow arrow, State leftState, State rightState) {}

    /** The ladder of the connection {@code tuple} (left = {@code tuple.local()}), with relative sequence numbers. */
    public static Ladder of(List<? extends TraceEvent> events, FourTuple tuple) {
        return of(events, tuple, true);
    }

    /** As {@link #of(List, FourTuple)}; {@code relative} false prints the raw sequence numbers. */
    public static Ladder of(List<? extends TraceEvent> events, FourTuple tuple, boolean relative) {
        return new LadderBuilder(events, tuple, relative).build();
    }

    /** The ladder of the connection whose state changes carry {@code connId}, seen from that end. */
    public static Ladder ofConnection(List<? extends TraceEvent> events, long connId) {
        return events.stream()
                .filter(e -> e instanceof StateChanged s && s.connId() == connId && s.tuple() != null)
                .map(e -> of(events, ((StateChanged) e).tuple()))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no connection with id " + connId + " in the trace"));
    }

    /** The 4-tuples of all connections in a trace, in order of their first segment, each seen from its first sender. */
    public static List<FourTuple> connections(List<? extends TraceEvent> events) {
        List<FourTuple> found = new ArrayList<>();
        for (TraceEvent e : events) {
            if (e instanceof SegmentEvent s) {
                FourTuple t = new FourTuple(s.segment().src(), s.segment().dst());
                if (!found.contains(t) && !found.contains(t.reversed())) found.add(t);
            }
        }
        return found;
    }
}
