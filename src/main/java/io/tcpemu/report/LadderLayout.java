package io.tcpemu.report;

import io.tcpemu.report.Ladder.Row;
import io.tcpemu.tcp.State;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where each row of a ladder goes down the page: proportional to emulated time, so 5 ms and 4 s no
 * longer look alike, with two limits. Rows at nearly the same instant keep a minimum spacing so
 * their text fits, and a long quiet stretch (TIME-WAIT, a retransmission timeout) is drawn as a
 * short break labelled with its duration, as are the rows a size budget left out.
 */
final class LadderLayout {
    static final double MIN_STEP = 24;
    /** A typical gap between rows is drawn this tall. */
    private static final double TYPICAL_STEP = 34;
    /** A gap that would be taller than this is drawn as a break instead. */
    private static final double MAX_GAP = 170;
    static final double BREAK = 64;

    /** A compressed stretch between two rows: from y1 to y2, standing for {@code micros} (-1: rows left out). */
    record Break(double y1, double y2, long micros, int beforeRow) {}

    private final long[] times;
    private final double[] ys;
    private final double scale;
    private final List<Break> breaks = new ArrayList<>();

    LadderLayout(Ladder ladder, double top) {
        List<Row> rows = ladder.rows();
        int n = rows.size();
        times = new long[n];
        ys = new double[n];
        for (int i = 0; i < n; i++) times[i] = rows.get(i).time();
        scale = TYPICAL_STEP / typicalGap(times);
        double[] least = labelRoom(rows);
        for (int i = 0; i < n; i++) {
            if (i == 0) {
                ys[i] = top;
                if (ladder.omittedAt() == 0 && ladder.omitted() > 0) {   // an incarnation that began among the rows left out
                    ys[i] = top + BREAK;
                    breaks.add(new Break(top, ys[i], -1, 0));
                }
                continue;
            }
            long dt = times[i] - times[i - 1];
            boolean omittedHere = i == ladder.omittedAt() && ladder.omitted() > 0;
            double proportional = dt * scale;
            if (omittedHere || proportional > MAX_GAP) {
                ys[i] = ys[i - 1] + BREAK;
                breaks.add(new Break(ys[i - 1], ys[i], omittedHere ? -1 : dt, i));
            } else {
                ys[i] = ys[i - 1] + Math.max(least[i], proportional);
            }
        }
    }

    /** The least gap a TIME-WAIT band's label needs between two rows: a line of its own between their states' lines. */
    static final double LABEL_GAP = 40;

    /**
     * The least gap above each row: {@link #MIN_STEP}, or {@link #LABEL_GAP} above the row that
     * ends a TIME-WAIT band which has no wider gap to hold its label (its length is written in
     * the band's widest gap, beside the states): a TIME-WAIT of 0 ms, say, ended on the next row.
     */
    private double[] labelRoom(List<Row> rows) {
        double[] least = new double[rows.size()];
        Arrays.fill(least, MIN_STEP);
        for (boolean left : new boolean[] {true, false}) {
            int from = -1;
            for (int i = 0; i < rows.size(); i++) {
                State s = left ? rows.get(i).leftState() : rows.get(i).rightState();
                if (from < 0 && s == State.TIME_WAIT) {
                    from = i;
                } else if (from >= 0 && s != null) {
                    boolean roomy = false;
                    for (int k = from + 1; k <= i; k++) roomy |= (times[k] - times[k - 1]) * scale >= LABEL_GAP;
                    if (!roomy) least[from + 1] = LABEL_GAP;
                    from = -1;
                }
            }
        }
        return least;
    }

    double y(int row) { return ys[row]; }

    double bottom() { return ys.length == 0 ? 0 : ys[ys.length - 1]; }

    List<Break> breaks() { return breaks; }

    /**
     * Where a segment sent at row {@code from} arrives at {@code time}: on the first later row at
     * that instant, else between the rows around it (at the end of a break), else below the last row;
     * {@code from} -1 for a segment sent before the first row (by an earlier incarnation).
     */
    double arrival(int from, long time) {
        for (int j = from + 1; j < times.length; j++) {
            if (times[j] < time) continue;
            if (times[j] == time) return ys[j];
            if (j == 0) return ys[0];
            double prev = ys[j - 1];
            boolean isBreak = ys[j] - prev == BREAK && (times[j] - times[j - 1]) * scale > MAX_GAP;
            if (isBreak) return ys[j] - MIN_STEP / 2;
            double fraction = (double) (time - times[j - 1]) / (times[j] - times[j - 1]);
            return prev + Math.max(MIN_STEP / 2, (ys[j] - prev) * fraction);
        }
        return bottom() + MIN_STEP;
    }

    /** The median of the non-zero gaps between rows: what one typical step stands for. */
    private static double typicalGap(long[] times) {
        long[] gaps = new long[Math.max(0, times.length - 1)];
        int k = 0;
        for (int i = 1; i < times.length; i++) if (times[i] > times[i - 1]) gaps[k++] = times[i] - times[i - 1];
        if (k == 0) return 1;
        long[] nonZero = Arrays.copyOf(gaps, k);
        Arrays.sort(nonZero);
        return nonZero[k / 2];
    }
}
