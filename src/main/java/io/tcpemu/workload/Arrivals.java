package io.tcpemu.workload;

import io.tcpemu.config.WorkloadSettings.Process;

import java.util.SplittableRandom;

/**
 * When requests arrive: successive absolute emulated times from a start. Constant arrivals are
 * evenly spaced (the k-th at start + k/rate, rounded, so rounding never drifts); Poisson arrivals
 * have exponential gaps drawn from a seeded stream, so the same seed gives the same times.
 */
final class Arrivals {
    private final Process process;
    private final double gapMicros;
    private final long start;
    private final SplittableRandom random;
    private long count;
    private double poissonTime;

    /** @param rate arrivals per emulated second (&gt; 0) */
    Arrivals(Process process, double rate, long start, long seed) {
        this.process = process;
        this.gapMicros = 1e6 / rate;
        this.start = start;
        this.random = new SplittableRandom(seed);
        this.poissonTime = start;
    }

    /** The time of the next arrival; the first constant arrival is at the start itself. */
    long next() {
        if (process == Process.CONSTANT) return start + Math.round(count++ * gapMicros);
        poissonTime += -Math.log(1.0 - random.nextDouble()) * gapMicros;
        count++;
        return Math.round(poissonTime);
    }
}
