package io.tcpemu.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a picture already drawn (lines, labels), so that a new label goes where it covers
 * none of them: the first of its candidate places that is free and inside the plot.
 * Text is the monospace font of {@link Svg}: each character 0.6 of the font size wide.
 */
final class LabelSpace {
    /** A rectangle in SVG coordinates, y downwards. */
    record Box(double x0, double y0, double x1, double y1) {
        boolean overlaps(Box o) { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
    }

    /** A place for a label: where its text starts (anchor start) and its baseline. */
    record Place(double x, double baseline) {}

    private static final double PAD = 1.5;
    private final Box plot;
    private final List<Box> taken = new ArrayList<>();

    /** @param plot where labels may go */
    LabelSpace(double x0, double y0, double x1, double y1) { this.plot = new Box(x0, y0, x1, y1); }

    /** Marks a drawn line as taken (with a little room either side). */
    void line(double xa, double ya, double xb, double yb) {
        taken.add(new Box(Math.min(xa, xb) - PAD, Math.min(ya, yb) - PAD, Math.max(xa, xb) + PAD, Math.max(ya, yb) + PAD));
    }

    /** The box a text of {@code chars} characters at {@code size} px takes at {@code p}. */
    static Box box(Place p, int chars, int size) {
        return new Box(p.x(), p.baseline() - size * 0.8, p.x() + chars * size * 0.6, p.baseline() + size * 0.2);
    }

    /**
     * The first of {@code candidates} where the text covers nothing drawn and stays inside the plot;
     * if none is, the first inside the plot, else the first. The place is then taken.
     */
    Place place(List<Place> candidates, int chars, int size) {
        Place inside = null;
        for (Place c : candidates) {
            Box b = box(c, chars, size);
            if (!within(b)) continue;
            if (inside == null) inside = c;
            if (taken.stream().noneMatch(b::overlaps)) return take(c, chars, size);
        }
        return take(inside != null ? inside : candidates.get(0), chars, size);
    }

    /** Marks any drawn box (a node, a label placed by other means) as taken. */
    void box(Box b) { taken.add(b); }

    /**
     * The first of {@code candidates} (boxes of a label of several lines) that covers nothing drawn
     * and stays inside the plot; if none is, the first inside the plot, else the first. It is then taken.
     */
    Box place(List<Box> candidates) {
        Box inside = null;
        for (Box b : candidates) {
            if (!within(b)) continue;
            if (inside == null) inside = b;
            if (taken.stream().noneMatch(b::overlaps)) {
                taken.add(b);
                return b;
            }
        }
        Box chosen = inside != null ? inside : candidates.get(0);
        taken.add(chosen);
        return chosen;
    }

    private boolean within(Box b) { return b.x0() >= plot.x0() && b.x1() <= plot.x1() && b.y0() >= plot.y0() && b.y1() <= plot.y1(); }

    private Place take(Place p, int chars, int size) {
        taken.add(box(p, chars, size));
        return p;
    }
}
