package io.tcpemu.report;

import io.tcpemu.tcp.State;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where each state sits in the classic RFC 9293 figure: opening states at the top, the close
 * sequences below, CLOSED drawn twice as the RFC does (at the top where connections start, at the
 * bottom where synchronized ones end). Coordinates are SVG pixels of box centres.
 */
final class StateLayout {
    static final int WIDTH = 920;
    static final int HEIGHT = 750;
    static final int BOX_W = 136;
    static final int BOX_H = 36;

    /** A box on the canvas: a state, and for CLOSED which of its two copies. */
    record Node(String id, State state, double x, double y) {}

    static final Node CLOSED_TOP = new Node("CLOSED_top", State.CLOSED, 460, 50);
    static final Node CLOSED_BOTTOM = new Node("CLOSED_bottom", State.CLOSED, 605, 700);
    private static final Map<State, Node> NODES = new EnumMap<>(State.class);

    static {
        put(State.CLOSED, CLOSED_TOP);
        put(State.LISTEN, 460, 150);
        put(State.SYN_RECEIVED, 170, 250);
        put(State.SYN_SENT, 750, 250);
        put(State.ESTABLISHED, 460, 350);
        put(State.FIN_WAIT_1, 170, 470);
        put(State.CLOSING, 460, 470);
        put(State.CLOSE_WAIT, 750, 470);
        put(State.FIN_WAIT_2, 170, 590);
        put(State.TIME_WAIT, 460, 590);
        put(State.LAST_ACK, 750, 590);
    }

    private StateLayout() {}

    private static void put(State s, double x, double y) {
        put(s, new Node(s.name(), s, x, y));
    }

    private static void put(State s, Node node) {
        NODES.put(s, node);
    }

    static List<Node> nodes() {
        List<Node> all = new ArrayList<>(NODES.values());
        all.add(CLOSED_BOTTOM);
        return all;
    }

    /** The box an edge leaves from: CLOSED always leaves from the top copy. */
    static Node from(StateGraph.Edge e) {
        return NODES.get(e.from());
    }

    /** The box an edge enters: a synchronized connection closes into the bottom CLOSED. */
    static Node to(StateGraph.Edge e) {
        if (e.to() == State.CLOSED && e.from().isSynchronized()) return CLOSED_BOTTOM;
        return NODES.get(e.to());
    }
}
