package io.tcpemu.time;

/**
 * Ties the virtual clock to a wall clock for real time: the clock may not pass the wall's
 * emulated now (wall time × scale since the anchor). Events still happen at their exact
 * emulated times, one thread runs them in order, so a late wake-up (a loaded machine, a coarse
 * OS timer) delays what the user sees but never what the emulation measures. Guarded by the loop's lock.
 */
final class Pacer {
    /** The longest the loop sleeps in one go, so a stop request (Ctrl-C) is seen within this much wall time. */
    static final long MAX_SLEEP_NANOS = 100_000_000L;

    private final double scale;
    private final WallClock wall;
    private long anchorNanos;
    private long anchorMicros;

    Pacer(double scale, WallClock wall) {
        this.scale = scale;
        this.wall = wall;
        this.anchorNanos = wall.nanoTime();
    }

    double scale() { return scale; }

    WallClock wall() { return wall; }

    /** Emulated µs the wall clock has reached. */
    long emulatedNow() {
        double elapsed = (wall.nanoTime() - anchorNanos) / 1000.0 * scale;
        return VirtualLoop.saturatedAdd(anchorMicros, (long) Math.max(0, Math.min(elapsed, Long.MAX_VALUE)));
    }

    /** Wall nanoseconds until the wall reaches emulated time {@code micros} (0 if it has), at most {@link #MAX_SLEEP_NANOS}. */
    long nanosUntil(long micros) {
        long ahead = micros - emulatedNow();
        if (ahead <= 0) return 0;
        return (long) Math.min(MAX_SLEEP_NANOS, Math.ceil(ahead * 1000.0 / scale));
    }

    /**
     * The clock was held at {@code clockMicros} while the wall went on (between a run's steps, or
     * behind under load): start pacing again from here rather than racing to catch up.
     */
    void resumeFrom(long clockMicros) {
        if (emulatedNow() <= clockMicros) return;
        anchorNanos = wall.nanoTime();
        anchorMicros = clockMicros;
    }
}
