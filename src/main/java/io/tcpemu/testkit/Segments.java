package io.tcpemu.testkit;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Segment;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import io.tcpemu.trace.TraceEvent.SegmentEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * A query over a scenario's segment events, narrowed step by step and read at the end:
 * <pre>
 *   scenario.segments().from("b").withFlags(FIN).count()            // FINs b sent, retransmissions included
 *   scenario.segments().dropped().of(conn).list()                   // what the links lost
 * </pre>
 * Unless narrowed otherwise it counts segments <em>sent</em> (each transmission once, by its
 * sender, injected ones included). Each query is immutable: narrowing returns a new one.
 * Flags are {@link Flags} constants ({@code import static io.tcpemu.tcp.Flags.*}).
 */
public final class Segments {
    private final Scenario scenario;
    private final SegmentAction action;
    private final String from;
    private final String to;
    private final int mustSet;
    private final int mustClear;
    private final Boolean retransmission;
    private final Boolean data;
    private final FourTuple tuple;
    private final long after;
    private final long before;

    Segments(Scenario scenario) {
        this(scenario, SegmentAction.SENT, null, null, 0, 0, null, null, null, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private Segments(Scenario scenario, SegmentAction action, String from, String to, int mustSet, int mustClear,
                     Boolean retransmission, Boolean data, FourTuple tuple, long after, long before) {
        this.scenario = scenario;
        this.action = action;
        this.from = from;
        this.to = to;
        this.mustSet = mustSet;
        this.mustClear = mustClear;
        this.retransmission = retransmission;
        this.data = data;
        this.tuple = tuple;
        this.after = after;
        this.before = before;
    }

    // ---- narrowing ------------------------------------------------------------------------------

    /** Segments as they were sent (the default). */
    public Segments sent() { return withAction(SegmentAction.SENT); }

    /** Segments as they arrived at their destination host. */
    public Segments delivered() { return withAction(SegmentAction.DELIVERED); }

    /** Segments a link lost (loss, a fault rule, MSL expiry, a full queue). */
    public Segments dropped() { return withAction(SegmentAction.DROPPED); }

    /** Extra copies a link made. */
    public Segments duplicated() { return withAction(SegmentAction.DUPLICATED); }

    /** Sent by {@code host} (its address is the source). */
    public Segments from(String host) {
        scenario.emulation().host(host);
        return new Segments(scenario, action, host, to, mustSet, mustClear, retransmission, data, tuple, after, before);
    }

    /** Addressed to {@code host}. */
    public Segments to(String host) {
        scenario.emulation().host(host);
        return new Segments(scenario, action, from, host, mustSet, mustClear, retransmission, data, tuple, after, before);
    }

    /** With every one of these flags set ({@code withFlags(FIN, ACK)}). */
    public Segments withFlags(int... flags) {
        return new Segments(scenario, action, from, to, mustSet | or(flags), mustClear, retransmission, data, tuple, after, before);
    }

    /** With none of these flags set ({@code withoutFlags(SYN)}). */
    public Segments withoutFlags(int... flags) {
        return new Segments(scenario, action, from, to, mustSet, mustClear | or(flags), retransmission, data, tuple, after, before);
    }

    /** Only retransmissions (a sender repeating an earlier segment). */
    public Segments retransmissions() {
        return new Segments(scenario, action, from, to, mustSet, mustClear, true, data, tuple, after, before);
    }

    /** Only first transmissions. */
    public Segments firstTransmissions() {
        return new Segments(scenario, action, from, to, mustSet, mustClear, false, data, tuple, after, before);
    }

    /** Only segments carrying payload bytes. */
    public Segments withData() {
        return new Segments(scenario, action, from, to, mustSet, mustClear, retransmission, true, tuple, after, before);
    }

    /** Only the segments of {@code end}'s connection (both directions, every incarnation of its 4-tuple). */
    public Segments of(Conn end) {
        return new Segments(scenario, action, from, to, mustSet, mustClear, retransmission, data, end.tuple(), after, before);
    }

    /** Only events at or after the emulated time {@code time}. */
    public Segments since(long time) {
        return new Segments(scenario, action, from, to, mustSet, mustClear, retransmission, data, tuple, time, before);
    }

    /** Only events before the emulated time {@code time}. */
    public Segments until(long time) {
        return new Segments(scenario, action, from, to, mustSet, mustClear, retransmission, data, tuple, after, time);
    }

    // ---- reading --------------------------------------------------------------------------------

    /** The matching events so far, in trace order. */
    public List<SegmentEvent> list() { return in(scenario.trace()); }

    /** How many match. */
    public int count() { return list().size(); }

    /** The first match; fails with the ladders if there is none. */
    public SegmentEvent first() { return nonEmpty().get(0); }

    /** The last match; fails with the ladders if there is none. */
    public SegmentEvent last() {
        List<SegmentEvent> all = nonEmpty();
        return all.get(all.size() - 1);
    }

    /** The emulated times of the matches. */
    public List<Long> times() { return list().stream().map(SegmentEvent::time).toList(); }

    /** The scenario this query reads. */
    Scenario scenario() { return scenario; }

    List<SegmentEvent> in(List<TraceEvent> events) {
        List<SegmentEvent> found = new ArrayList<>();
        for (TraceEvent e : events) if (e instanceof SegmentEvent s && matches(s)) found.add(s);
        return found;
    }

    /** For conditions checked between emulation tasks: adds the first match in {@code events}, if any. */
    boolean firstIn(List<TraceEvent> events, List<SegmentEvent> found) {
        for (TraceEvent e : events) {
            if (e instanceof SegmentEvent s && matches(s)) {
                found.add(s);
                return true;
            }
        }
        return false;
    }

    private boolean matches(SegmentEvent e) {
        Segment seg = e.segment();
        if (action != null && e.action() != action) return false;
        if (e.time() < after || e.time() >= before) return false;
        if ((seg.flags() & mustSet) != mustSet || (seg.flags() & mustClear) != 0) return false;
        if (from != null && !from.equals(scenario.hostName(seg.src().ip()))) return false;
        if (to != null && !to.equals(scenario.hostName(seg.dst().ip()))) return false;
        if (retransmission != null && e.retransmission() != retransmission) return false;
        if (data != null && (seg.length() > 0) != data) return false;
        return tuple == null || ofTuple(seg);
    }

    private boolean ofTuple(Segment seg) {
        return (seg.src().equals(tuple.local()) && seg.dst().equals(tuple.remote()))
                || (seg.src().equals(tuple.remote()) && seg.dst().equals(tuple.local()));
    }

    private List<SegmentEvent> nonEmpty() {
        List<SegmentEvent> all = list();
        if (all.isEmpty()) throw Explain.failure("expected at least one of " + this + " but there is none", scenario, scenario.connections());
        return all;
    }

    private Segments withAction(SegmentAction a) {
        return new Segments(scenario, a, from, to, mustSet, mustClear, retransmission, data, tuple, after, before);
    }

    private static int or(int... flags) {
        int all = 0;
        for (int f : flags) all |= f;
        return all;
    }

    /** The query in words: "segments sent from b with FIN, retransmissions". */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder("segments ").append(action == null ? "seen" : action.name().toLowerCase(java.util.Locale.ROOT));
        if (from != null) sb.append(" from ").append(from);
        if (to != null) sb.append(" to ").append(to);
        if (mustSet != 0) sb.append(" with ").append(Flags.words(mustSet));
        if (mustClear != 0) sb.append(" without ").append(Flags.words(mustClear));
        if (Boolean.TRUE.equals(retransmission)) sb.append(", retransmissions");
        if (Boolean.FALSE.equals(retransmission)) sb.append(", first transmissions");
        if (Boolean.TRUE.equals(data)) sb.append(", with data");
        if (tuple != null) sb.append(" of ").append(tuple);
        if (after != Long.MIN_VALUE) sb.append(" since ").append(Time.format(after));
        if (before != Long.MAX_VALUE) sb.append(" until ").append(Time.format(before));
        return sb.toString();
    }
}
