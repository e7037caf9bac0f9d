package io.tcpemu.report;

import io.tcpemu.report.StateGraph.Edge;
import io.tcpemu.report.StateLayout.Node;

import java.util.Locale;

/**
 * The state graph as Graphviz DOT, with the classic positions pinned ({@code neato -n2 -Tsvg}
 * keeps them; {@code dot} lays it out afresh). Edges never taken are grey and dashed.
 */
public final class StateGraphDot {
    private static final double POINTS_PER_PIXEL = 0.75;

    private StateGraphDot() {}

    public static String render(StateGraph graph) {
        StringBuilder out = new StringBuilder("digraph tcp_states {\n")
                .append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n")
                .append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
        for (Node n : StateLayout.nodes()) {
            out.append(String.format(Locale.ROOT, "  %s [label=\"%s\", pos=\"%.0f,%.0f!\"];%n", n.id(), n.state(),
                    n.x() * POINTS_PER_PIXEL, (StateLayout.HEIGHT - n.y()) * POINTS_PER_PIXEL));
        }
        for (Edge e : graph.edges()) {
            out.append("  ").append(StateLayout.from(e).id()).append(" -> ").append(StateLayout.to(e).id())
                    .append(" [label=\"").append(label(e)).append("\"").append(style(e)).append("];\n");
        }
        return out.append("}\n").toString();
    }

    private static String label(Edge e) {
        String event = e.label();
        return event.replace("\"", "\\\"") + "\\n" + e.count() + "×";
    }

    private static String style(Edge e) {
        if (e.count() == 0) return ", color=gray80, fontcolor=gray60, style=dashed";
        String width = String.format(Locale.ROOT, "%.1f", StateGraphSvg.strokeWidth(e.count()));
        return ", color=\"#1f4e9c\", penwidth=" + width + (e.inRfcDiagram() ? "" : ", style=dashed");
    }
}
