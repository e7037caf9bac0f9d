package io.tcpemu.report;

import io.tcpemu.report.Ladder.Arrow;
import io.tcpemu.report.Ladder.Row;
import io.tcpemu.report.LadderLayout.Break;
import io.tcpemu.tcp.State;

import java.util.List;
import java.util.Locale;

/**
 * The ladder as an SVG picture: two lifelines, a sloped arrow per segment from where it was sent to
 * where it arrived (a lost one stops short with a red X), rows placed down the page by emulated time
 * ({@link LadderLayout}: long quiet stretches drawn as labelled breaks, their labels left of the
 * lifelines), a band on a lifeline while that end is in TIME-WAIT, and each end's states beside its
 * lifeline. Each incarnation of the 4-tuple is a ladder of its own, under the previous one; delayed
 * copies an earlier one sent come in from the top of the later one's. A segment's label sits in a
 * column outside the sender's lifeline, on the row where it was sent, so no label lies across an arrow.
 */
public final class LadderSvg {
    private static final int WIDTH = 1130;
    private static final int TIME_X = 84;
    private static final int LEFT_LABEL_END = 338;
    private static final int LEFT_X = 450;
    private static final int RIGHT_X = 750;
    private static final int RIGHT_LABEL_START = 862;
    private static final int TOP = 92;
    private static final int BREAK_X = TIME_X + 12;
    private static final String BLUE = "#1f4e9c";
    private static final String RED = "#b3261e";
    private static final String GREY = "#666";
    private static final String STATE = "fill=\"#0b6b2e\"";
    private static final String ARROW = "stroke=\"" + BLUE + "\" stroke-width=\"1.5\" marker-end=\"url(#head)\"";
    private static final String COPY = "stroke=\"#7a5c00\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\" marker-end=\"url(#head)\"";
    private static final String LOST = "stroke=\"" + RED + "\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"";
    private static final String BAND = "fill=\"#f0a030\" fill-opacity=\"0.35\" stroke=\"#c07000\" stroke-width=\"0.5\"";

    private LadderSvg() {}

    /** Each incarnation of the 4-tuple as a ladder of its own, one under the other, each under its heading. */
    public static String render(Ladder ladder) {
        List<Ladder.Part> parts = ladder.parts();
        if (parts.size() == 1) {
            LadderLayout layout = new LadderLayout(ladder, TOP);
            Svg svg = new Svg(WIDTH, height(layout));
            panel(svg, parts.get(0), layout, true);
            return svg.end();
        }
        List<LadderLayout> layouts = parts.stream().map(p -> new LadderLayout(p.ladder(), TOP)).toList();
        int total = layouts.stream().mapToInt(l -> HEADING + height(l)).sum();
        Svg svg = new Svg(WIDTH, total);
        int offset = 0;
        for (int k = 0; k < parts.size(); k++) {
            if (k > 0) svg.line(0, offset + 1, WIDTH, offset + 1, "stroke=\"#888\" stroke-width=\"2\"");
            svg.text(12, offset + 22, "start", 14, "font-weight=\"bold\" fill=\"#444\"", Ladder.partHeading(parts.get(k)));
            svg.raw("<g transform=\"translate(0," + (offset + HEADING) + ")\">");
            panel(svg, parts.get(k), layouts.get(k), k == parts.size() - 1);
            svg.raw("</g>");
            offset += HEADING + height(layouts.get(k));
        }
        return svg.end();
    }

    /** The band above each incarnation's ladder that holds its heading. */
    private static final int HEADING = 30;

    private static int height(LadderLayout layout) {
        return (int) Math.ceil(layout.bottom() + 50);
    }

    /** One incarnation's ladder; {@code last}: no later incarnation receives what this one sends after its end. */
    private static void panel(Svg svg, Ladder.Part part, LadderLayout layout, boolean last) {
        Ladder ladder = part.ladder();
        List<Row> rows = ladder.rows();
        boolean seconds = !rows.isEmpty() && rows.get(rows.size() - 1).time() >= 100_000_000L;
        double bottom = layout.bottom() + 40;
        svg.text(LEFT_X, 26, "middle", 14, "font-weight=\"bold\"", ladder.left().title())
                .text(RIGHT_X, 26, "middle", 14, "font-weight=\"bold\"", ladder.right().title())
                .text(TIME_X, 48, "end", 11, "fill=\"" + GREY + "\"", seconds ? "time (s)" : "time (ms)")
                .text(LEFT_LABEL_END, 48, "end", 11, "fill=\"" + GREY + "\"", "sent by the left end →")
                .text(RIGHT_LABEL_START, 48, "start", 11, "fill=\"" + GREY + "\"", "← sent by the right end")
                .line(LEFT_X, 36, LEFT_X, bottom, "stroke=\"#444\" stroke-width=\"2\"")
                .line(RIGHT_X, 36, RIGHT_X, bottom, "stroke=\"#444\" stroke-width=\"2\"");
        String initial = STATE + " font-style=\"italic\"";
        if (ladder.left().initial() != null) svg.text(LEFT_X - 10, 66, "end", 12, initial, ladder.left().initial().toString());
        if (ladder.right().initial() != null) svg.text(RIGHT_X + 10, 66, "start", 12, initial, ladder.right().initial().toString());
        timeWaitBands(svg, ladder, layout, true);
        timeWaitBands(svg, ladder, layout, false);
        for (Break b : layout.breaks()) drawBreak(svg, b, ladder);
        fromEarlier(svg, part, layout);
        long lastTime = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).time();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            double y = layout.y(i);
            svg.text(TIME_X, y + 4, "end", 11, "fill=\"" + GREY + "\"", time(row.time(), seconds));
            if (row.leftState() != null) svg.text(LEFT_X - 10, y + 4, "end", 12, STATE, row.leftState().toString());
            if (row.rightState() != null) svg.text(RIGHT_X + 10, y + 4, "start", 12, STATE, row.rightState().toString());
            Arrow a = row.arrow();
            if (a != null) drawArrow(svg, a, y, layout.arrival(i, a.arrivedAt()), !last && a.arrivedAt() > lastTime);
        }
    }

    /**
     * Delayed copies an earlier incarnation sent, arriving in this one: each comes in from the top of
     * the sender's lifeline, and one label per direction above the first row says how many there are.
     */
    private static void fromEarlier(Svg svg, Ladder.Part part, LadderLayout layout) {
        int toRight = 0;
        int toLeft = 0;
        for (Arrow a : part.fromEarlier()) {
            double x1 = a.leftToRight() ? LEFT_X : RIGHT_X;
            double x2 = a.leftToRight() ? RIGHT_X : LEFT_X;
            svg.line(x1, 40, x2, layout.arrival(-1, a.arrivedAt()), COPY);
            if (a.leftToRight()) toRight++;
            else toLeft++;
        }
        String style = "fill=\"#7a5c00\"";
        if (toRight > 0) svg.text(LEFT_LABEL_END, 80, "end", 11, style, earlier(toRight) + " →");
        if (toLeft > 0) svg.text(RIGHT_LABEL_START, 80, "start", 11, style, "← " + earlier(toLeft));
    }

    private static String earlier(int n) {
        return (n == 1 ? "1 segment" : n + " segments") + " from an earlier incarnation";
    }

    /** @param open the segment arrives after this ladder ends (in a later incarnation): no head */
    private static void drawArrow(Svg svg, Arrow a, double y1, double y2, boolean open) {
        double x1 = a.leftToRight() ? LEFT_X : RIGHT_X;
        double x2 = a.leftToRight() ? RIGHT_X : LEFT_X;
        boolean copy = a.label().contains("(dup)");
        if (a.lost()) {
            double xEnd = x1 + (x2 - x1) * 0.6;
            double yEnd = y1 + LadderLayout.MIN_STEP * 0.6;
            svg.line(x1, y1, xEnd, yEnd, LOST).text(xEnd, yEnd + 6, "middle", 18, "fill=\"" + RED + "\" font-weight=\"bold\"", "X");
        } else {
            String style = copy ? COPY : ARROW;
            svg.line(x1, y1, x2, y2, open ? style.replace(" marker-end=\"url(#head)\"", "") : style);
        }
        String colour = a.lost() ? RED : copy ? "#7a5c00" : BLUE;
        String text = a.label() + (a.lost() ? " (lost)" : "");
        if (a.leftToRight()) svg.text(LEFT_LABEL_END, y1 + 4, "end", 12, "fill=\"" + colour + "\"", text + " →");
        else svg.text(RIGHT_LABEL_START, y1 + 4, "start", 12, "fill=\"" + colour + "\"", "← " + text);
    }

    /** A compressed stretch: the lifelines interrupted by a pair of slashes, and what the stretch stands for. */
    private static void drawBreak(Svg svg, Break b, Ladder ladder) {
        double top = b.y1() + 14;
        double bottom = b.y2() - 14;
        for (int x : new int[] {LEFT_X, RIGHT_X}) {
            svg.raw(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"6\" height=\"%.1f\" fill=\"white\"/>", x - 3, top, bottom - top));
            svg.line(x - 8, top + 3, x + 8, top - 3, "stroke=\"#444\" stroke-width=\"1.5\"")
                    .line(x - 8, bottom + 3, x + 8, bottom - 3, "stroke=\"#444\" stroke-width=\"1.5\"");
        }
        // Left of the lifelines, where no arrow runs (a segment in flight across the stretch crosses the middle).
        String style = "fill=\"" + GREY + "\" font-style=\"italic\"";
        double y = (b.y1() + b.y2()) / 2 + 4;
        if (b.micros() >= 0) {
            svg.text(BREAK_X, y, "start", 12, style, "… " + duration(b.micros()) + " later …");
            return;
        }
        String note = ladder.omissionNote();
        int cut = note.indexOf("; ") + 2;
        svg.raw(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"start\" font-size=\"11\" %s %s>"
                        + "<tspan x=\"%d\">%s</tspan><tspan x=\"%d\" dy=\"14\">%s</tspan></text>", BREAK_X, y - 7, Svg.FONT, style,
                BREAK_X, Svg.escape(note.substring(0, cut)), BREAK_X, Svg.escape(note.substring(cut))));
    }

    /** A band on the lifeline for each stretch an end spends in TIME-WAIT, labelled with its length. */
    private static void timeWaitBands(Svg svg, Ladder ladder, LadderLayout layout, boolean left) {
        List<Row> rows = ladder.rows();
        int from = -1;
        for (int i = 0; i <= rows.size(); i++) {
            State s = i < rows.size() ? (left ? rows.get(i).leftState() : rows.get(i).rightState()) : null;
            boolean end = i == rows.size();
            if (from < 0 && s == State.TIME_WAIT) {
                from = i;
            } else if (from >= 0 && (end || s != null)) {
                double y1 = layout.y(from);
                double y2 = end ? layout.bottom() + 30 : layout.y(i);
                int x = left ? LEFT_X : RIGHT_X;
                svg.raw(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"10\" height=\"%.1f\" %s/>", x - 5, y1, y2 - y1, BAND));
                String length = end ? "TIME-WAIT (still at the end)" : "TIME-WAIT " + duration(rows.get(i).time() - rows.get(from).time());
                double ly = emptiest(layout, from, end ? rows.size() - 1 : i, y2) + 4;
                svg.text(left ? x - 10 : x + 10, ly, left ? "end" : "start", 11, "fill=\"#a05a00\" font-style=\"italic\"", length);
                from = -1;
            }
        }
    }

    /** The middle of the widest space between rows {@code from}..{@code to} (and {@code bottom}): where a label meets no row's text. */
    private static double emptiest(LadderLayout layout, int from, int to, double bottom) {
        double best = -1;
        double at = layout.y(from) + LadderLayout.MIN_STEP / 2;
        for (int k = from; k <= to; k++) {
            double next = k < to ? layout.y(k + 1) : bottom;
            if (next - layout.y(k) > best) {
                best = next - layout.y(k);
                at = (layout.y(k) + next) / 2;
            }
        }
        return at;
    }

    private static String time(long micros, boolean seconds) {
        return seconds ? String.format(Locale.ROOT, "%.3f", micros / 1e6) : LadderText.millis(micros);
    }

    /** "4.000 s", "700.000 ms". */
    static String duration(long micros) {
        return micros >= 1_000_000 ? String.format(Locale.ROOT, "%.3f s", micros / 1e6) : LadderText.millis(micros) + " ms";
    }
}
