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
        List<Curve> curves = new ArrayList<>();
        for (Edge e : graph.edges()) if (e.count() == 0) curves.add(drawEdge(svg, graph, e));
        for (Edge e : graph.edges()) if (e.count() > 0) curves.add(drawEdge(svg, graph, e));
        for (Node n : StateLayout.nodes()) drawNode(svg, n);
        // Labels last, over lines and boxes, each where it covers no edge (its own included), box or label.
        LabelSpace space = new LabelSpace(2, 2, StateLayout.WIDTH - 2, StateLayout.HEIGHT - 2);
        for (Node n : StateLayout.nodes()) {
            space.box(new LabelSpace.Box(n.x() - StateLayout.BOX_W / 2.0 - 2, n.y() - StateLayout.BOX_H / 2.0 - 2,
                    n.x() + StateLayout.BOX_W / 2.0 + 2, n.y() + StateLayout.BOX_H / 2.0 + 2));
        }
        for (Curve c : curves) c.mark(space);
        // the edges the run took first: their labels get the places nearest their lines
        for (Curve c : curves) if (c.edge().count() > 0) drawLabel(svg, c.edge(), space.place(c.labelPlaces()));
        for (Curve c : curves) if (c.edge().count() == 0) drawLabel(svg, c.edge(), space.place(c.labelPlaces()));
        return svg.end();
    }

    /** Characters of a label's two lines: the event at 10 px, the count at 11 px. */
    private static final int EVENT_SIZE = 10;
    private static final int COUNT_SIZE = 11;
    private static final double LINE_GAP = 13;

    /**
     * An edge as drawn: a quadratic curve from {@code s} through control point {@code c} to {@code e};
     * {@code outward} is +1 or -1, the side of its direction of travel its label prefers.
     */
    private record Curve(Edge edge, double sx, double sy, double cx, double cy, double ex, double ey, double width, int outward) {
        private static final int PIECES = 40;

        double[] at(double t) {
            double u = 1 - t;
            return new double[] {u * u * sx + 2 * u * t * cx + t * t * ex, u * u * sy + 2 * u * t * cy + t * t * ey};
        }

        /** Marks the curve, in short pieces (a diagonal's bounding box would cover half the figure), and its arrowhead. */
        void mark(LabelSpace space) {
            double pad = width / 2 + 1.5;
            double[] p = at(0);
            for (int i = 1; i <= PIECES; i++) {
                double[] q = at(i / (double) PIECES);
                space.box(new LabelSpace.Box(Math.min(p[0], q[0]) - pad, Math.min(p[1], q[1]) - pad,
                        Math.max(p[0], q[0]) + pad, Math.max(p[1], q[1]) + pad));
                p = q;
            }
            space.box(new LabelSpace.Box(ex - 6, ey - 6, ex + 6, ey + 6));
        }

        /**
         * Boxes for the label beside the curve: near its middle first, on its preferred side first,
         * then further along it and further from it.
         */
        List<LabelSpace.Box> labelPlaces() {
            double w = Math.max(edge.label().length() * EVENT_SIZE * 0.6, (Long.toString(edge.count()).length() + 1) * COUNT_SIZE * 0.6);
            double h = EVENT_SIZE * 0.8 + LINE_GAP + COUNT_SIZE * 0.2;
            List<LabelSpace.Box> places = new ArrayList<>();
            for (double gap : new double[] {3, 8, 14, 22, 32, 44}) {
                for (double t : new double[] {0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82}) {
                    double u = 1 - t;
                    double dx = 2 * u * (cx - sx) + 2 * t * (ex - cx), dy = 2 * u * (cy - sy) + 2 * t * (ey - cy);
                    double len = Math.max(1e-9, Math.hypot(dx, dy));
                    double[] p = at(t);
                    for (int side : new int[] {outward, -outward}) {
                        double nx = side * dy / len, ny = -side * dx / len;
                        double reach = gap + width / 2 + Math.abs(nx) * w / 2 + Math.abs(ny) * h / 2;
                        double mx = p[0] + nx * reach, my = p[1] + ny * reach;
                        places.add(new LabelSpace.Box(mx - w / 2, my - h / 2, mx + w / 2, my + h / 2));
                    }
                }
            }
            return places;
        }
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

    private static Curve drawEdge(Svg svg, StateGraph graph, Edge e) {
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
        double width = strokeWidth(e.count());
        svg.raw(String.format(Locale.ROOT,
                "<path d=\"M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"%s%s marker-end=\"url(#head)\"/>",
                start[0], start[1], cx, cy, end[0], end[1], colour, width, dash,
                e.count() > 0 ? "" : " opacity=\"0.8\""));
        // A bowed edge's label prefers the outside of its bow; a straight one the right of a
        // vertical line, above a level one (the normal (dy, -dx) of the direction of travel).
        double dx = (end[0] - start[0]) / len, dy = (end[1] - start[1]) / len;
        int outward = bend != 0 ? (int) Math.signum((cx - mx) * dy - (cy - my) * dx)
                : dy > 0.3 || (Math.abs(dy) <= 0.3 && dx > 0) ? 1 : -1;
        return new Curve(e, start[0], start[1], cx, cy, end[0], end[1], width, outward == 0 ? 1 : outward);
    }

    /** The event over the count, in {@code box}. */
    private static void drawLabel(Svg svg, Edge e, LabelSpace.Box box) {
        String halo = "paint-order=\"stroke\" stroke=\"white\" stroke-width=\"4\" ";
        double baseline = box.y0() + EVENT_SIZE * 0.8;
        svg.text(box.x0(), baseline, "start", EVENT_SIZE, "class=\"edge-event\" " + halo + "fill=\"" + (e.count() > 0 ? "#333" : "#aaa") + "\"", e.label());
        svg.text(box.x0(), baseline + LINE_GAP, "start", COUNT_SIZE, "class=\"edge-count\" "
                + halo + (e.count() > 0 ? "font-weight=\"bold\" fill=\"" + TAKEN + "\"" : "fill=\"#aaa\""), e.count() + "×");
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
