package io.tcpemu.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The median of several runs, with the smallest and largest. */
record Spread(double median, double min, double max, int runs) {
    static <T> Spread of(List<T> runs, ToDoubleFunction<T> figure) {
        double[] v = runs.stream().mapToDouble(figure).sorted().toArray();
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new Spread(median, v[0], v[n - 1], n);
    }

    /** "123,456" for one run; "123,456 (min 120,000, max 130,000, 5 runs)" for several. */
    String format(String pattern) {
        String m = String.format(pattern, median);
        if (runs == 1) return m;
        return m + " (min " + String.format(pattern, min) + ", max " + String.format(pattern, max) + ", " + runs + " runs)";
    }

    @Override public String toString() { return Arrays.toString(new double[] {median, min, max}); }
}
