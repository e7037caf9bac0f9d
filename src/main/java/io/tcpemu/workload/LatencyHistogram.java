package io.tcpemu.workload;

import io.tcpemu.metrics.Percentiles;

/**
 * Durations in microseconds counted in log-linear buckets, so millions of samples cost a fixed
 * 225 KB: exact below 1024 µs, within 0.2 % above (a value reads back as its bucket's lower end).
 * The maximum is exact. Mergeable, for summing the drivers' histograms.
 */
final class LatencyHistogram {
    private static final int EXACT_BITS = 10;
    private static final int EXACT = 1 << EXACT_BITS;
    private static final int SUB_BITS = 9;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = EXACT + (63 - EXACT_BITS) * SUB;

    /** Allocated at the first sample: a workload of 1,000 clients has 1,000 histograms, most of them nearly empty. */
    private long[] counts;
    private long total;
    private long max;

    /** The samples recorded since the last {@link #drainJournal}, when kept (a driver on another node sends them on); else null. */
    private long[] journal;
    private int journaled;

    /** From now on keeps each sample until {@link #drainJournal}. */
    void keepJournal() { if (journal == null) journal = new long[16]; }

    /** The samples recorded since the last call, in order. */
    long[] drainJournal() {
        if (journal == null || journaled == 0) return new long[0];
        long[] out = java.util.Arrays.copyOf(journal, journaled);
        journaled = 0;
        return out;
    }

    void record(long micros) {
        if (journal != null) {
            if (journaled == journal.length) journal = java.util.Arrays.copyOf(journal, journaled * 2);
            journal[journaled++] = micros;
        }
        long v = Math.max(0, micros);
        if (counts == null) counts = new long[BUCKETS];
        counts[index(v)]++;
        total++;
        max = Math.max(max, v);
    }

    void addAll(LatencyHistogram other) {
        if (other.counts == null) return;
        if (counts == null) counts = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) counts[i] += other.counts[i];
        total += other.total;
        max = Math.max(max, other.max);
    }

    long count() { return total; }

    /** Nearest-rank p50, p90, p99 and the exact maximum. */
    Percentiles percentiles() {
        if (total == 0) return Percentiles.NONE;
        return new Percentiles(total, valueAtRank(50), valueAtRank(90), valueAtRank(99), max);
    }

    private long valueAtRank(int percent) {
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) return Math.min(lowerBound(i), max);
        }
        return max;
    }

    static int index(long v) {
        if (v < EXACT) return (int) v;
        int exponent = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) (v >>> (exponent - SUB_BITS)) & (SUB - 1);
        return EXACT + (exponent - EXACT_BITS) * SUB + sub;
    }

    static long lowerBound(int index) {
        if (index < EXACT) return index;
        int exponent = (index - EXACT) / SUB + EXACT_BITS;
        long sub = (index - EXACT) % SUB;
        return (SUB + sub) << (exponent - SUB_BITS);
    }
}
