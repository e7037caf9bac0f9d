package io.tcpemu.report;

import static io.tcpemu.tcp.State.CLOSED;
import static io.tcpemu.tcp.State.CLOSE_WAIT;
import static io.tcpemu.tcp.State.CLOSING;
import static io.tcpemu.tcp.State.ESTABLISHED;
import static io.tcpemu.tcp.State.FIN_WAIT_1;
import static io.tcpemu.tcp.State.FIN_WAIT_2;
import static io.tcpemu.tcp.State.LAST_ACK;
import static io.tcpemu.tcp.State.LISTEN;
import static io.tcpemu.tcp.State.SYN_RECEIVED;
import static io.tcpemu.tcp.State.SYN_SENT;
import static io.tcpemu.tcp.State.TIME_WAIT;

import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.StateChanged;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RFC 9293 state diagram with how often a run took each transition. The diagram's own edges
 * are always present (count 0 if never taken); transitions the diagram does not draw (one the
 * RFC's text describes, or a RST from ESTABLISHED, say) are added when the run took them.
 * Passive OPEN is counted per listen() call: the runtime gives each accepted connection its own
 * CLOSED → LISTEN, which is not the user opening a listener.
 */
public record StateGraph(List<Edge> edges) {

    /**
     * A transition, its event ("" for one the RFC does not describe), its count, and whether
     * RFC 9293's figure draws it.
     */
    public record Edge(State from, State to, String event, long count, boolean inRfcDiagram) {
        /** An edge of the figure when it has an event, else one outside the RFC. */
        public Edge(State from, State to, String event, long count) { this(from, to, event, count, !event.isEmpty()); }

        /** What the picture writes on the edge. */
        public String label() { return event.isEmpty() ? "outside RFC 9293" : event; }
    }

    /** A (from, to) pair, the key of the counts. */
    public record Transition(State from, State to) {}

    /** The transitions of RFC 9293 §3.3.2 Figure 5, with the event each is labelled with there. */
    static final Map<Transition, String> RFC_DIAGRAM = rfcDiagram();

    private static Map<Transition, String> rfcDiagram() {
        Map<Transition, String> m = new LinkedHashMap<>();
        m.put(new Transition(CLOSED, LISTEN), "passive OPEN");
        m.put(new Transition(CLOSED, SYN_SENT), "active OPEN / snd SYN");
        m.put(new Transition(LISTEN, SYN_RECEIVED), "rcv SYN / snd SYN,ACK");
        m.put(new Transition(LISTEN, SYN_SENT), "SEND / snd SYN");
        m.put(new Transition(LISTEN, CLOSED), "CLOSE");
        m.put(new Transition(SYN_SENT, SYN_RECEIVED), "rcv SYN / snd ACK");
        m.put(new Transition(SYN_SENT, ESTABLISHED), "rcv SYN,ACK / snd ACK");
        m.put(new Transition(SYN_SENT, CLOSED), "CLOSE");
        m.put(new Transition(SYN_RECEIVED, LISTEN), "rcv RST");
        m.put(new Transition(SYN_RECEIVED, ESTABLISHED), "rcv ACK of SYN");
        m.put(new Transition(SYN_RECEIVED, FIN_WAIT_1), "CLOSE / snd FIN");
        m.put(new Transition(ESTABLISHED, FIN_WAIT_1), "CLOSE / snd FIN");
        m.put(new Transition(ESTABLISHED, CLOSE_WAIT), "rcv FIN / snd ACK");
        m.put(new Transition(FIN_WAIT_1, FIN_WAIT_2), "rcv ACK of FIN");
        m.put(new Transition(FIN_WAIT_1, CLOSING), "rcv FIN / snd ACK");
        m.put(new Transition(FIN_WAIT_2, TIME_WAIT), "rcv FIN / snd ACK");
        m.put(new Transition(CLOSING, TIME_WAIT), "rcv ACK of FIN");
        m.put(new Transition(CLOSE_WAIT, LAST_ACK), "CLOSE / snd FIN");
        m.put(new Transition(LAST_ACK, CLOSED), "rcv ACK of FIN");
        m.put(new Transition(TIME_WAIT, CLOSED), "Timeout=2MSL");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Transitions the figure leaves out but RFC 9293's text describes, with the event and where. */
    static final Map<Transition, String> RFC_TEXT = Map.of(
            new Transition(FIN_WAIT_1, TIME_WAIT), "rcv FIN,ACK / snd ACK (RFC 9293 §3.10.7.4)");

    /** The graph of the given counts, CLOSED → LISTEN as counted; pairs not in the RFC figure become extra edges. */
    public static StateGraph of(Map<Transition, Long> counts) {
        return of(counts, counts.getOrDefault(new Transition(CLOSED, LISTEN), 0L));
    }

    /**
     * The graph of the given per-connection counts with passive OPEN taken {@code listens} times
     * (successful listen() calls); pairs not in the RFC figure become extra edges.
     */
    public static StateGraph of(Map<Transition, Long> counts, long listens) {
        List<Edge> edges = new ArrayList<>();
        Transition passiveOpen = new Transition(CLOSED, LISTEN);
        RFC_DIAGRAM.forEach((t, event) -> edges.add(new Edge(t.from(), t.to(), event,
                t.equals(passiveOpen) ? listens : counts.getOrDefault(t, 0L), true)));
        counts.forEach((t, n) -> {
            if (!RFC_DIAGRAM.containsKey(t) && n > 0) edges.add(new Edge(t.from(), t.to(), RFC_TEXT.getOrDefault(t, ""), n, false));
        });
        return new StateGraph(List.copyOf(edges));
    }

    /** Counts the {@link StateChanged} events of a trace, and its successful listen calls as passive OPEN. */
    public static StateGraph fromEvents(List<? extends TraceEvent> events) {
        Map<Transition, Long> counts = new LinkedHashMap<>();
        long listens = 0;
        for (TraceEvent e : events) {
            if (e instanceof StateChanged s) counts.merge(new Transition(s.from(), s.to()), 1L, Long::sum);
            if (e instanceof TraceEvent.SocketCall c && c.call().startsWith("listen") && c.result().equals("ok")) listens++;
        }
        return of(counts, listens);
    }

    /** How often the run went from {@code from} to {@code to}. */
    public long count(State from, State to) {
        return edges.stream().filter(e -> e.from() == from && e.to() == to).mapToLong(Edge::count).sum();
    }
}
