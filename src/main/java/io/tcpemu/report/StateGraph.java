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
 * are always present (count 0 if never taken); transitions the diagram does not draw (a RST from
 * ESTABLISHED, say) are added when the run took them.
 */
public record StateGraph(List<Edge> edges) {

    /** A transition, the event that causes it in RFC 9293's figure ("" for one outside it), and its count. */
    public record Edge(State from, State to, String event, long count) {
        public boolean inRfcDiagram() { return !event.isEmpty(); }
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

    /** The graph of the given counts; pairs not in the RFC figure become extra edges. */
    public static StateGraph of(Map<Transition, Long> counts) {
        List<Edge> edges = new ArrayList<>();
        RFC_DIAGRAM.forEach((t, event) -> edges.add(new Edge(t.from(), t.to(), event, counts.getOrDefault(t, 0L))));
        counts.forEach((t, n) -> {
            if (!RFC_DIAGRAM.containsKey(t) && n > 0) edges.add(new Edge(t.from(), t.to(), "", n));
        });
        return new StateGraph(List.copyOf(edges));
    }

    /** Counts the {@link StateChanged} events of a trace. */
    public static StateGraph fromEvents(List<? extends TraceEvent> events) {
        Map<Transition, Long> counts = new LinkedHashMap<>();
        for (TraceEvent e : events) {
            if (e instanceof StateChanged s) counts.merge(new Transition(s.from(), s.to()), 1L, Long::sum);
        }
        return of(counts);
    }

    /** How often the run went from {@code from} to {@code to}. */
    public long count(State from, State to) {
        return edges.stream().filter(e -> e.from() == from && e.to() == to).mapToLong(Edge::count).sum();
    }
}
