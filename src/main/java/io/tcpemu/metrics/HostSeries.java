package io.tcpemu.metrics;

import io.tcpemu.tcp.State;

/**
 * One host's connections per state and ephemeral ports in use, sampled every {@code interval}
 * microseconds from time 0 and once more at the end of the run: sample {@code k} is the count
 * after every event up to and including {@link #time(int)}. The maxima are exact, not sampled:
 * the most held at any instant (after all of that instant's events, so an end that enters a
 * state and leaves it at the same instant is never held). CLOSED is never counted (a closed
 * connection holds no state).
 */
public final class HostSeries {
    /** Ints per sample: one per state, then ports in use. */
    static final int STRIDE = State.values().length + 1;
    private static final int PORTS = STRIDE - 1;

    private final String host;
    private final long interval;
    private final long endTime;
    private final int samples;
    private final int[] data;
    private final int[] maxima;

    /** @param maxima the most held at once, per state ordinal and then ports in use ({@link #STRIDE} ints) */
    HostSeries(String host, long interval, long endTime, int samples, int[] data, int[] maxima) {
        this.host = host;
        this.interval = interval;
        this.endTime = endTime;
        this.samples = samples;
        this.data = data;
        this.maxima = maxima;
    }

    public String host() { return host; }

    public long interval() { return interval; }

    public int samples() { return samples; }

    /** Emulated time of sample {@code k}, microseconds: k × interval, the last one at the end of the run. */
    public long time(int k) { return Math.min(k * interval, endTime); }

    public int inState(int k, State state) { return data[k * STRIDE + state.ordinal()]; }

    /** Local ports held by connections this host opened (connect()), from SYN-SENT until CLOSED. */
    public int portsInUse(int k) { return data[k * STRIDE + PORTS]; }

    /** Most connections in {@code state} at once (exact, event by event). */
    public int max(State state) { return maxima[state.ordinal()]; }

    /** Most local ports in use at once (exact, event by event). */
    public int maxPortsInUse() { return maxima[PORTS]; }

    /** Mean count in {@code state} over the samples at or after {@code fromTime} (e.g. after warm-up); 0 if none. */
    public double mean(State state, long fromTime) { return mean(state, fromTime, Long.MAX_VALUE); }

    /**
     * Mean count in {@code state} over the regular samples (every interval; not the extra one at
     * the end of the run) taken from {@code fromTime} to {@code untilTime}, both included; 0 if none.
     */
    public double mean(State state, long fromTime, long untilTime) {
        long sum = 0;
        int n = 0;
        for (int k = 0; k < samples; k++) {
            if (!regular(k, fromTime, untilTime)) continue;
            sum += inState(k, state);
            n++;
        }
        return n == 0 ? 0 : (double) sum / n;
    }

    /** How many regular samples fall from {@code fromTime} to {@code untilTime}, both included. */
    public int samplesBetween(long fromTime, long untilTime) {
        int n = 0;
        for (int k = 0; k < samples; k++) if (regular(k, fromTime, untilTime)) n++;
        return n;
    }

    private boolean regular(int k, long fromTime, long untilTime) {
        long t = k * interval;
        return t >= fromTime && t <= untilTime && t <= endTime;
    }
}
