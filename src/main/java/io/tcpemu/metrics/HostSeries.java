package io.tcpemu.metrics;

import io.tcpemu.tcp.State;

/**
 * One host's connections per state and ephemeral ports in use, sampled every {@code interval}
 * microseconds from time 0: sample {@code k} is the count after every event up to {@code k × interval}.
 * CLOSED is never counted (a closed connection holds no state).
 */
public final class HostSeries {
    /** Ints per sample: one per state, then ports in use. */
    static final int STRIDE = State.values().length + 1;
    private static final int PORTS = STRIDE - 1;

    private final String host;
    private final long interval;
    private final int samples;
    private final int[] data;

    HostSeries(String host, long interval, int samples, int[] data) {
        this.host = host;
        this.interval = interval;
        this.samples = samples;
        this.data = data;
    }

    public String host() { return host; }

    public long interval() { return interval; }

    public int samples() { return samples; }

    /** Emulated time of sample {@code k}, microseconds. */
    public long time(int k) { return k * interval; }

    public int inState(int k, State state) { return data[k * STRIDE + state.ordinal()]; }

    /** Local ports held by connections this host opened (connect()), from SYN-SENT until CLOSED. */
    public int portsInUse(int k) { return data[k * STRIDE + PORTS]; }

    public int max(State state) {
        int max = 0;
        for (int k = 0; k < samples; k++) max = Math.max(max, inState(k, state));
        return max;
    }

    public int maxPortsInUse() {
        int max = 0;
        for (int k = 0; k < samples; k++) max = Math.max(max, portsInUse(k));
        return max;
    }

    /** Mean count in {@code state} over the samples at or after {@code fromTime} (e.g. after warm-up); 0 if none. */
    public double mean(State state, long fromTime) {
        long sum = 0;
        int n = 0;
        for (int k = 0; k < samples; k++) {
            if (time(k) < fromTime) continue;
            sum += inState(k, state);
            n++;
        }
        return n == 0 ? 0 : (double) sum / n;
    }
}
