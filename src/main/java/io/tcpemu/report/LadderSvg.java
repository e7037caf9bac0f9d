package io.tcpemu.report;

import io.tcpemu.report.Ladder.Arrow;
import io.tcpemu.report.Ladder.Row;

import java.util.List;

/**
 * The ladder as an SVG picture: two lifelines, a sloped arrow per segment from the row where it
 * was sent to the row where it arrived (a lost one stops short with a red X), states beside the
 * lifelines and emulated time in milliseconds on the left.
 */
public final class LadderSvg {
    private static final int WIDTH = 860;
    private static final int LEFT_X = 260;
    private static final int RIGHT_X = 700;
    private static final int TOP = 70;
    private static final int STEP = 34;
    private static final double LABEL_AT = 0.35;
    private static final String HALO = "stroke=\"white\" stroke-width=\"4\" paint-order=\"stroke\"";
    private static final String ARROW = "stroke=\"#1f4e9c\" stroke-width=\"1.5\" marker-end=\"url(#head)\"";
    private static final String LOST = "stroke=\"#b3261e\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"";

    private LadderSvg() {}

    public static String render(Ladder ladder) {
        List<Row> rows = ladder.rows();
        int height = TOP + (rows.size() + 1) * STEP + 20;
        Svg svg = new Svg(WIDTH, height);
        svg.text(LEFT_X, 28, "middle", 14, "font-weight=\"bold\"", ladder.left().title())
                .text(RIGHT_X, 28, "middle", 14, "font-weight=\"bold\"", ladder.right().title())
                .text(20, 50, "start", 11, "fill=\"#666\"", "time (ms)")
                .line(LEFT_X, 40, LEFT_X, height - 10, "stroke=\"#444\" stroke-width=\"2\"")
                .line(RIGHT_X, 40, RIGHT_X, height - 10, "stroke=\"#444\" stroke-width=\"2\"");
        // The states the ends started in, beside the lifelines above the first row.
        String initial = "fill=\"#0b6b2e\" font-style=\"italic\"";
        if (ladder.left().initial() != null) svg.text(LEFT_X - 10, 50, "end", 12, initial, ladder.left().initial().toString());
        if (ladder.right().initial() != null) svg.text(RIGHT_X + 10, 50, "start", 12, initial, ladder.right().initial().toString());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            double y = rowY(i);
            svg.text(20, y + 4, "start", 11, "fill=\"#666\"", LadderText.millis(row.time()));
            if (row.leftState() != null) svg.text(LEFT_X - 10, y + 4, "end", 12, "fill=\"#0b6b2e\"", row.leftState().toString());
            if (row.rightState() != null) svg.text(RIGHT_X + 10, y + 4, "start", 12, "fill=\"#0b6b2e\"", row.rightState().toString());
            if (row.arrow() != null) drawArrow(svg, row.arrow(), y, arrivalY(rows, row.arrow()));
        }
        return svg.end();
    }

    private static void drawArrow(Svg svg, Arrow a, double y1, double y2) {
        double x1 = a.leftToRight() ? LEFT_X : RIGHT_X;
        double x2 = a.leftToRight() ? RIGHT_X : LEFT_X;
        double xEnd = a.lost() ? x1 + (x2 - x1) * 0.6 : x2;
        double yEnd = a.lost() ? y1 + STEP * 0.6 : y2;
        if (a.lost()) {
            svg.line(x1, y1, xEnd, yEnd, LOST)
                    .text(xEnd, yEnd + 6, "middle", 18, "fill=\"#b3261e\" font-weight=\"bold\"", "X");
        } else {
            svg.line(x1, y1, x2, y2, ARROW);
        }
        // Along the arrow, a third of the way from the sender: arrows that cross or converge (FINs
        // at the same instant, two segments sent together) keep their labels apart, and the white
        // halo keeps a crossing line off the text.
        double lx = x1 + (xEnd - x1) * LABEL_AT;
        double ly = y1 + (yEnd - y1) * LABEL_AT;
        double angle = Math.toDegrees(Math.atan2(yEnd - y1, xEnd - x1));
        if (!a.leftToRight()) angle -= 180;   // keep the text upright
        String attrs = (a.lost() ? "fill=\"#b3261e\" " : "") + HALO
                + " transform=\"rotate(" + Svg.num(angle) + " " + Svg.num(lx) + " " + Svg.num(ly) + ")\"";
        svg.text(lx, ly - 5, "middle", 12, attrs, a.label() + (a.lost() ? " (lost)" : ""));
    }

    private static double rowY(int index) {
        return TOP + index * STEP;
    }

    /** The first row at or after the arrival time; past the last row if none. */
    private static double arrivalY(List<Row> rows, Arrow a) {
        long arrival = a.arrivedAt() < 0 ? a.sentAt() : a.arrivedAt();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).time() >= arrival && rows.get(i).time() > a.sentAt()) return rowY(i);
        }
        return rowY(rows.size());
    }
}
