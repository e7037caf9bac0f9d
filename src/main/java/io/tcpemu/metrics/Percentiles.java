package io.tcpemu.metrics;

/**
 * Nearest-rank percentiles of a set of durations, in microseconds. All zero when {@code count} is 0.
 */
public record Percentiles(long count, long p50, long p90, long p99, long max) {

    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0);

    static Percentiles of(LongList samples) { return of(samples.sortedCopy()); }

    /** From values sorted in ascending order. */
    static Percentiles of(long[] sorted) {
        if (sorted.length == 0) return NONE;
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }
}
