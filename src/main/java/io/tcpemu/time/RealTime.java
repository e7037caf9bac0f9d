package io.tcpemu.time;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;

/**
 * Real time: Pekko's own scheduler and dispatchers, and emulated time = wall time × scale.
 * At scale 100 an MSL of 60 s plays in 0.6 s of wall time.
 *
 * <p>Pekko's scheduler fires timers on a tick, 10 ms by default: at 100× that is a second of
 * emulated time, and segments arrived seconds late. {@link #config} sets the finest tick Pekko
 * allows (1 ms; 10 ms on Windows), so a timer is late by at most one tick (×scale emulated) plus
 * what the machine's load adds.
 */
public final class RealTime implements EmuTime {
    /** Where the speed-up factor lives in the config. */
    public static final String SCALE_KEY = "tcpemu.time.scale";

    private final double scale;
    private final long startNanos;

    RealTime(double scale, long startNanos) {
        this.scale = checkScale(scale, SCALE_KEY);
        this.startNanos = startNanos;
    }

    /** The overlay for a real-time system playing emulated time {@code scale} times faster than the wall clock. */
    public static Config config(double scale) { return config(scale, 0); }

    /** As {@link #config(double)}, with the run's seed ({@link VirtualTime#seed}) for the workload's randomness. */
    public static Config config(double scale, long seed) {
        checkScale(scale, "RealTime.config(scale)");
        return ConfigFactory.parseString(SCALE_KEY + " = " + scale + "\n" + VirtualTime.SEED_KEY + " = " + seed
                + "\npekko.scheduler.tick-duration = " + TICK);
    }

    /** Pekko's finest scheduler tick: 1 ms, but it refuses less than 10 ms on Windows. */
    static final String TICK = System.getProperty("os.name", "").startsWith("Windows") ? "10ms" : "1ms";

    /** The scale in {@code config}, 1.0 when absent; a clear error when it is not a positive number. */
    static double scaleIn(Config config) {
        if (!config.hasPath(SCALE_KEY)) return 1.0;
        String raw = config.getValue(SCALE_KEY).unwrapped().toString();
        try {
            return checkScale(Double.parseDouble(raw), SCALE_KEY);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SCALE_KEY + ": expected a number > 0 (e.g. 100), got '" + raw + "'");
        }
    }

    public double scale() { return scale; }

    @Override public long now() {
        return (long) ((System.nanoTime() - startNanos) / 1000.0 * scale);
    }

    @Override public Duration delay(long emulatedMicros) {
        return Duration.ofNanos(Math.round(Math.max(0, emulatedMicros) * 1000.0 / scale));
    }

    private static double checkScale(double scale, String where) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException(where + ": expected a number > 0 (e.g. 100), got " + scale);
        }
        return scale;
    }
}
