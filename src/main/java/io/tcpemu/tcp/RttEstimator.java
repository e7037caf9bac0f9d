package io.tcpemu.tcp;

/**
 * The retransmission timeout of RFC 6298: SRTT and RTTVAR from samples (§2), clamped to
 * [rtoMin, rtoMax] (§2.4, §2.5), doubled on each timeout (§5.5). One segment is timed at a
 * time, and never one that was retransmitted (Karn's rule, §3): a timeout stops the timing.
 */
final class RttEstimator {
    /** Clock granularity G of RFC 6298 §2: our clock counts microseconds. */
    private static final long GRANULARITY = 1;
    private static final int MAX_BACKOFF = 30;

    /** rtoMin and rtoMax are read from it, not copied: a million estimators would hold 16 MB of copies. */
    private final TcpConfig config;
    private long srtt = -1;
    private long rttvar;
    private long rto;
    private int backoff;
    private boolean timing;
    private int timedEnd;
    private long timedAt;

    RttEstimator(TcpConfig config) {
        this.config = config;
        this.rto = config.rtoInitial();
    }

    /** The current timeout, backoff included. */
    long rto() {
        long rtoMax = config.rtoMax();
        if (backoff >= MAX_BACKOFF) return rtoMax;
        return TimeHorizon.doubled(rto, backoff, rtoMax);
    }

    /** A retransmission timeout happened: double the RTO and distrust the running sample. */
    void backOff() {
        if (rto() < config.rtoMax()) backoff++;
        timing = false;
    }

    /** Times the segment ending at {@code end} unless one is already being timed. */
    void startTiming(int end, long now) {
        if (timing) return;
        timing = true;
        timedEnd = end;
        timedAt = now;
    }

    void stopTiming() { timing = false; }

    /** An ACK up to {@code ack} arrived: if it covers the timed segment, take a sample. */
    void onAck(int ack, long now) {
        if (!timing || Seq.lt(ack, timedEnd)) return;
        timing = false;
        sample(now - timedAt);
    }

    private void sample(long r) {
        if (srtt < 0) {
            srtt = r;
            rttvar = r / 2;
        } else {
            rttvar = (3 * rttvar + Math.abs(srtt - r)) / 4;
            srtt = (7 * srtt + r) / 8;
        }
        rto = Math.max(config.rtoMin(), Math.min(config.rtoMax(), srtt + Math.max(GRANULARITY, 4 * rttvar)));
        backoff = 0;
    }

    /** Smoothed RTT in microseconds, or -1 before the first sample. */
    long srtt() { return srtt; }

    long rttvar() { return rttvar; }
}
