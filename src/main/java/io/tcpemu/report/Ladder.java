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
public record Ladder(End left, End right, List<Row> rows, int omittedAt, int omitted) {

    /** A whole ladder, nothing left out. */
    public Ladder(End left, End right, List<Row> rows) {
        this(left, right, rows, rows.size(), 0);
    }

    /** Rows the exchange had, drawn or left out. */
    public int totalRows() { return rows.size() + omitted; }

    /**
     * At most {@code maxRows} rows: the first and last halves, with the middle left out (and counted),
     * so a long exchange (an ACK war of 56,000 segments) stays a picture a browser can open.
     */
    public Ladder within(int maxRows) {
        if (omitted > 0 || rows.size() <= maxRows) return this;
        int head = (maxRows + 1) / 2;
        List<Row> kept = new ArrayList<>(rows.subList(0, head));
        kept.addAll(rows.subList(rows.size() - (maxRows - head), rows.size()));
        return new Ladder(left, right, List.copyOf(kept), head, rows.size() - maxRows);
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
