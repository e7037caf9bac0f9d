package io.tcpemu.tcp;

/**
 * Emulated time that cannot overflow. Every duration a user can type (config, link rules, the
 * console, packetdrill scripts) must lie within the horizon, {@value #TEXT}; it is refused where it
 * enters, so the emulation only ever adds a few such values to a clock that starts at 0 and
 * stays far from {@code Long.MAX_VALUE} (about 292,000 years of microseconds). What the core
 * computes from them (a backed-off timeout, a deadline) goes through the saturating arithmetic
 * here, so an extreme setting gives "very late", never a wrapped negative "at once".
 */
public final class TimeHorizon {
    private TimeHorizon() {}

    /** 100 years of 365 days, in microseconds. */
    public static final long MICROS = 100L * 365 * 24 * 3_600 * 1_000_000;
    /** The horizon as messages say it. */
    public static final String TEXT = "100 years";

    /** True for a duration from 0 to the horizon. */
    public static boolean contains(long micros) { return micros >= 0 && micros <= MICROS; }

    /** {@code time + delta}, or {@code Long.MAX_VALUE} / {@code Long.MIN_VALUE} where it would wrap. */
    public static long plus(long time, long delta) {
        long sum = time + delta;
        if (((time ^ sum) & (delta ^ sum)) < 0) return delta > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        return sum;
    }

    /** {@code micros · 2^doublings} for a backoff, never above {@code cap} and never wrapped ({@code micros >= 0}). */
    public static long doubled(long micros, int doublings, long cap) {
        if (micros <= 0 || doublings <= 0) return Math.min(Math.max(micros, 0), cap);
        if (doublings >= Long.numberOfLeadingZeros(micros) - 1) return cap; // the shift would reach the sign bit
        return Math.min(micros << doublings, cap);
    }

    /**
     * A typed amount times its unit in microseconds, rounded; -1 when it is not a finite number
     * from 0 to the horizon, so a parser can refuse it with its own wording.
     */
    public static long ofAmount(double amount, long unitMicros) {
        double micros = amount * unitMicros;
        if (!(micros >= 0) || micros > MICROS) return -1;
        return Math.round(micros);
    }
}
