package io.tcpemu.report;

import io.tcpemu.report.Ladder.Arrow;
import io.tcpemu.report.Ladder.Row;
import io.tcpemu.tcp.State;

import java.util.List;
import java.util.Locale;

/**
 * The ladder as terminal text: time in milliseconds, a lifeline per endpoint, an arrow per
 * segment (a lost one ends in {@code X}), and each side's state written beside it when it changes.
 */
public final class LadderText {
    private static final int STATE_WIDTH = "SYN-RECEIVED".length();
    private static final int MIN_ARROW_WIDTH = 30;
    /** A lost arrow stops this far short of the far lifeline. */
    private static final int LOST_GAP = 6;

    private LadderText() {}

    /** Each incarnation of the 4-tuple as a ladder of its own, under a heading when there are several. */
    public static String render(Ladder ladder) {
        List<Ladder.Part> parts = ladder.parts();
        if (parts.size() == 1) return renderOne(ladder);
        StringBuilder out = new StringBuilder();
        for (Ladder.Part p : parts) {
            if (p.number() > 1) out.append('\n');
            out.append("== ").append(Ladder.partHeading(p)).append('\n');
            String note = Ladder.fromEarlierNote(p);
            if (!note.isEmpty()) out.append("   ").append(note).append('\n');
            out.append(renderOne(p.ladder()));
        }
        return out.toString();
    }

    private static String renderOne(Ladder ladder) {
        int timeWidth = "time (ms)".length();
        int arrowWidth = MIN_ARROW_WIDTH;
        for (Row row : ladder.rows()) {
            timeWidth = Math.max(timeWidth, millis(row.time()).length());
            if (row.arrow() != null) arrowWidth = Math.max(arrowWidth, row.arrow().label().length() + 8 + LOST_GAP);
        }
        StringBuilder out = new StringBuilder();
        String header = pad("time (ms)", timeWidth, true) + "  " + pad(ladder.left().title(), STATE_WIDTH + 2 + arrowWidth, false)
                + " " + ladder.right().title();
        out.append(header.stripTrailing()).append('\n');
        // The states the ends started in, under their names, before anything happened.
        if (ladder.left().initial() != null || ladder.right().initial() != null) {
            out.append(line("", ladder.left().initial(), null, arrowWidth, ladder.right().initial(), timeWidth));
        }
        for (int i = 0; i < ladder.rows().size(); i++) {
            if (i == ladder.omittedAt() && ladder.omitted() > 0) out.append(ladder.omissionNote()).append('\n');
            Row row = ladder.rows().get(i);
            out.append(line(millis(row.time()), row.leftState(), row.arrow(), arrowWidth, row.rightState(), timeWidth));
        }
        return out.toString();
    }

    private static String line(String time, State left, Arrow arrow, int arrowWidth, State right, int timeWidth) {
        String line = pad(time, timeWidth, true) + "  " + pad(state(left), STATE_WIDTH, true)
                + " |" + arrow(arrow, arrowWidth) + "| " + state(right);
        return line.stripTrailing() + "\n";
    }

    static String millis(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }

    private static String state(State s) {
        return s == null ? "" : s.toString();
    }

    private static String arrow(Arrow a, int width) {
        if (a == null) return " ".repeat(width);
        int gap = a.lost() ? LOST_GAP : 0;
        String shaft = "-".repeat(width - a.label().length() - 5 - gap);
        if (a.leftToRight()) {
            return "-- " + a.label() + " " + shaft + (a.lost() ? "X" + " ".repeat(gap) : ">");
        }
        return (a.lost() ? " ".repeat(gap) + "X" : "<") + shaft + " " + a.label() + " --";
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) return s;
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }
}
