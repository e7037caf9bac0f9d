package io.tcpemu.testkit;

/**
 * Emulated durations for scenarios, in the project's unit: microseconds as a {@code long}.
 * <pre>
 *   import static io.tcpemu.testkit.Time.*;
 *   scenario.advance(ms(200));
 * </pre>
 */
public final class Time {
    private Time() {}

    /** {@code n} microseconds (the unit itself, for symmetry). */
    public static long us(long n) { return n; }

    /** {@code n} milliseconds in microseconds. */
    public static long ms(long n) { return Math.multiplyExact(n, 1_000L); }

    /** {@code n} seconds in microseconds. */
    public static long s(long n) { return Math.multiplyExact(n, 1_000_000L); }

    /** {@code n} minutes in microseconds. */
    public static long minutes(long n) { return Math.multiplyExact(n, 60_000_000L); }

    /** Microseconds as milliseconds with three decimals ("210.000 ms"), for messages. */
    public static String format(long micros) {
        return String.format(java.util.Locale.ROOT, "%.3f ms", micros / 1000.0);
    }
}
