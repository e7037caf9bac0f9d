package io.tcpemu.config;

/**
 * How a run goes: its seed, its clock and when it stops.
 *
 * @param seed                 seed of every random choice
 * @param timeMode             virtual (as fast as possible) or real (wall clock × scale)
 * @param timeScale            emulated seconds per wall-clock second, for real time
 * @param duration             longest emulated run, microseconds
 * @param stopAfterConnections stop once this many connections completed; 0 = no limit
 * @param repeat               runs of each point, with seeds seed, seed + 1, ... (1 = one run)
 */
public record RunSettings(long seed, TimeMode timeMode, double timeScale, long duration, long stopAfterConnections, int repeat) {

    /** Most runs of one point {@code repeat} may ask for. */
    public static final int MAX_REPEAT = 1000;

    public RunSettings(long seed, TimeMode timeMode, double timeScale, long duration, long stopAfterConnections) {
        this(seed, timeMode, timeScale, duration, stopAfterConnections, 1);
    }

    public enum TimeMode { VIRTUAL, REAL }

    static RunSettings create(Reader r) {
        return new RunSettings(
                r.wholeNumber("seed", Long.MIN_VALUE, Long.MAX_VALUE),
                r.choice("time.mode", TimeMode.class, TimeMode.VIRTUAL),
                r.positive("time.scale", "a number above 0 such as 0.5"),
                r.micros("duration"),
                r.wholeNumber("stop-after-connections", 0, Long.MAX_VALUE),
                r.integer("repeat", 1, MAX_REPEAT));
    }
}
