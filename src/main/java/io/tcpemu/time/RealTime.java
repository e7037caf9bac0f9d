package io.tcpemu.time;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * Real time: the virtual clock paced by the wall clock, so emulated time runs {@code scale}
 * times faster than the wall (at 100 an MSL of 60 s plays in 0.6 s).
 *
 * <p>It used to be Pekko's own scheduler and thread pool with emulated time read off the wall
 * clock. Every timer then fired up to a scheduler tick late plus whatever the machine added, and
 * the scale multiplied that: at 100× a 5 ms hop took 100 ms or more, SYNs were retransmitted for
 * nothing, and events stamped on different threads were traced out of order. Now the one
 * virtual-time thread runs every event at its exact emulated time, in order, and only waits for
 * the wall clock before each jump ({@link Pacer}): lateness delays what a user sees, not what
 * the emulation measures, and a seeded real-time run gives the same results as a virtual one.
 */
public final class RealTime {
    /** Where the speed-up factor lives in the actor system's config; its presence means real time. */
    public static final String SCALE_KEY = "tcpemu.time.pacing.scale";
    /** The {@link WallClock} class to pace by; tests name a fake one. */
    public static final String WALL_CLOCK_KEY = "tcpemu.time.pacing.wall-clock";

    private RealTime() {}

    /**
     * A real-time system, emulated time passing {@code scale} times faster than the wall clock
     * while a driver ({@link VirtualClock#advanceBy} ...) lets it, so a script's steps run at their
     * exact times; after {@link VirtualClock#runFree} it passes by itself. It starts held so that
     * Pekko's own start-up (which waits on timers) cannot see its timeouts fly by at a high scale.
     */
    public static Config config(double scale) { return config(scale, 0); }

    /** As {@link #config(double)}, with the run's seed ({@link VirtualTime#seed}) for the workload's randomness. */
    public static Config config(double scale, long seed) {
        checkScale(scale, "RealTime.config(scale)");
        return VirtualTime.config(seed).withFallback(ConfigFactory.parseString(SCALE_KEY + " = " + scale));
    }

    /** The pacer for a system built with this config, or null in virtual time. */
    static Pacer pacer(Config config) {
        if (!config.hasPath(SCALE_KEY)) return null;
        return new Pacer(scaleIn(config), wallClock(config));
    }

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

    private static WallClock wallClock(Config config) {
        if (!config.hasPath(WALL_CLOCK_KEY)) return new WallClock.Machine();
        String name = config.getString(WALL_CLOCK_KEY);
        try {
            return (WallClock) Class.forName(name).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException(WALL_CLOCK_KEY + ": cannot make a WallClock of '" + name + "': " + e);
        }
    }

    private static double checkScale(double scale, String where) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException(where + ": expected a number > 0 (e.g. 100), got " + scale);
        }
        return scale;
    }
}
