package io.tcpemu.report;

import io.tcpemu.report.StateGraph.Edge;
import io.tcpemu.report.StateLayout.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The state graph as SVG, laid out by hand in the RFC figure's positions (no Graphviz needed).
 * Each edge carries its RFC event and how often the run took it; edges never taken are faint.
 * Edges outside the RFC figure are dashed and bow out so they do not hide the classic ones.
 */
public final class StateGraphSvg {
    private static final String TAKEN = "#1f4e9c";
    private static final String NEVER = "#c9c9c9";
    private static final double BEND_BACKWARD = 50;
    private static final double BEND_EXTRA = -70;

    private StateGraphSvg() {}

    public static String render(StateGraph graph) {
        Svg svg = new Svg(StateLayout.WIDTH, StateLayout.HEIGHT);
        List<Runnable> labels = new ArrayList<>();
        for (Edge e : graph.edges()) if (e.count() == 0) drawEdge(svg, graph, e, labels);
        for (Edge e : graph.edges()) if (e.count() > 0) drawEdge(svg, graph, e, labels);
        for (Node n : StateLayout.nodes()) drawNode(svg, n);
        // Labels last, over lines and boxes, so none is hidden.
        labels.forEach(Runnable::run);
        return svg.end();
    }

    /** Thicker for more frequent transitions, on a log scale so one hot edge does not swamp the rest. */
    static double strokeWidth(long count) {
        return count == 0 ? 1 : 1.5 + 1.5 * Math.log10(count);
    }

    private static void drawNode(Svg svg, Node n) {
        svg.raw(String.format(Locale.ROOT,
                "<rect x=\"%.0f\" y=\"%.0f\" width=\"%d\" height=\"%d\" rx=\"8\" fill=\"#f4f7fb\" stroke=\"#333\" stroke-width=\"1.5\"/>",
                n.x() - StateLayout.BOX_W / 2.0, n.y() - StateLayout.BOX_H / 2.0, StateLayout.BOX_W, StateLayout.BOX_H));
        svg.text(n.x(), n.y() + 5, "middle", 13, "class=\"state\" font-weight=\"bold\"", n.state().toString());
    }

    private static void drawEdge(Svg svg, StateGraph graph, Edge e, List<Runnable> labels) {
        Node a = StateLayout.from(e);
        Node b = StateLayout.to(e);
        // Of a pair of opposite edges the forward one stays straight and the backward one bows out.
        boolean backward = e.from().ordinal() > e.to().ordinal();
        double bend = !e.inRfcDiagram() ? BEND_EXTRA : backward && hasReverse(graph, e) ? BEND_BACKWARD : 0;
        double mx = (a.x() + b.x()) / 2;
        double my = (a.y() + b.y()) / 2;
        double len = Math.hypot(b.x() - a.x(), b.y() - a.y());
        // Bend to the right of the direction of travel, so the two edges of a pair never overlap.
        double cx = mx - (b.y() - a.y()) / len * bend;
        double cy = my + (b.x() - a.x()) / len * bend;
        double[] start = clip(a, cx, cy);
        double[] end = clip(b, cx, cy);
        String colour = e.count() > 0 ? TAKEN : NEVER;
        String dash = e.inRfcDiagram() ? "" : " stroke-dasharray=\"6 4\"";
        svg.raw(String.format(Locale.ROOT,
                "<path d=\"M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"%s%s marker-end=\"url(#head)\"/>",
                start[0], start[1], cx, cy, end[0], end[1], colour, strokeWidth(e.count()), dash,
                e.count() > 0 ? "" : " opacity=\"0.8\""));
        double lx = 0.25 * start[0] + 0.5 * cx + 0.25 * end[0];
        double ly = 0.25 * start[1] + 0.5 * cy + 0.25 * end[1];
        // A bowed edge's label sits outside the bow, so the two labels of a pair do not collide.
        double side = bend == 0 ? 0 : Math.signum(cx - mx);
        // The straight edge of a steep pair (CLOSED-LISTEN) puts its label on the side away from
        // its partner's bow, else "passive OPEN" and "CLOSE" touch.
        boolean steep = Math.abs(b.x() - a.x()) < Math.abs(b.y() - a.y());
        if (bend == 0 && steep && hasReverse(graph, e)) side = -Math.signum(b.y() - a.y());
        boolean nearlyFlat = bend != 0 && Math.abs(cx - mx) < 8;
        String anchor = side == 0 || nearlyFlat ? "middle" : side > 0 ? "start" : "end";
        double x = lx + side * 4;
        labels.add(() -> drawLabel(svg, e, x, ly, anchor));
    }

    private static void drawLabel(Svg svg, Edge e, double lx, double ly, String anchor) {
        String halo = "paint-order=\"stroke\" stroke=\"white\" stroke-width=\"4\" ";
        String event = e.label();
        svg.text(lx, ly - 2, anchor, 10, halo + "fill=\"" + (e.count() > 0 ? "#333" : "#aaa") + "\"", event);
        svg.text(lx, ly + 11, anchor, 11, halo + (e.count() > 0 ? "font-weight=\"bold\" fill=\"" + TAKEN + "\"" : "fill=\"#aaa\""),
                e.count() + "×");
    }

    private static boolean hasReverse(StateGraph graph, Edge e) {
        return graph.edges().stream().anyMatch(o -> StateLayout.from(o) == StateLayout.to(e)
                && StateLayout.to(o) == StateLayout.from(e));
    }

    /** Where the line from the box centre toward (tx, ty) leaves the box. */
    private static double[] clip(Node n, double tx, double ty) {
        double dx = tx - n.x();
        double dy = ty - n.y();
        double halfW = StateLayout.BOX_W / 2.0 + 2;
        double halfH = StateLayout.BOX_H / 2.0 + 2;
        double scale = Math.min(dx == 0 ? Double.MAX_VALUE : halfW / Math.abs(dx),
                dy == 0 ? Double.MAX_VALUE : halfH / Math.abs(dy));
        return new double[] {n.x() + dx * scale, n.y() + dy * scale};
    }
}
