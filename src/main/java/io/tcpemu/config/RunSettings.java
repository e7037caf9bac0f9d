package io.tcpemu.config;

/**
 * How a run goes: its seed, its clock and when it stops.
 *
 * @param seed                 seed of every random choice
 * @param timeMode             virtual (as fast as possible) or real (wall clock × scale)
 * @param timeScale            emulated seconds per wall-clock second, for real time
 * @param duration             longest emulated run, microseconds
 * @param stopAfterConnections stop once this many connections completed; 0 = no limit
 * @param partitions           over how many partitions the emulation runs, and which host goes where
 * @param repeat               runs of each point, with seeds seed, seed + 1, ... (1 = one run)
 */
public record RunSettings(long seed, TimeMode timeMode, double timeScale, long duration, long stopAfterConnections,
                          PartitionSettings partitions, int repeat) {

    /** Most runs of one point {@code repeat} may ask for. */
    public static final int MAX_REPEAT = 1000;

    public enum TimeMode { VIRTUAL, REAL }

    /** On one partition, run once. */
    public RunSettings(long seed, TimeMode timeMode, double timeScale, long duration, long stopAfterConnections) {
        this(seed, timeMode, timeScale, duration, stopAfterConnections, PartitionSettings.ONE, 1);
    }

    static RunSettings create(Reader r, Iterable<HostSettings> hosts) {
        TimeMode mode = r.choice("time.mode", TimeMode.class, TimeMode.VIRTUAL);
        PartitionSettings partitions = PartitionSettings.create(r, hosts);
        if (mode == TimeMode.REAL && partitions.count() != 1) {
            r.problem("partitions", "real time runs on one partition (its one clock follows the wall clock); set partitions = 1 or time.mode = virtual");
        }
        return new RunSettings(
                r.wholeNumber("seed", Long.MIN_VALUE, Long.MAX_VALUE),
                mode,
                r.positive("time.scale", "a number above 0 such as 0.5"),
                r.micros("duration"),
                r.wholeNumber("stop-after-connections", 0, Long.MAX_VALUE),
                partitions,
                r.integer("repeat", 1, MAX_REPEAT));
    }
}
