package io.tcpemu.time;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;

/**
 * The driver's handle on a virtual-time actor system ({@link VirtualTime#of}). The clock moves
 * only inside these methods; between calls it is held, and messages sent from outside are
 * processed at the current time. In real time the same methods wait for the wall clock, and a
 * free-running real-time clock also moves between them. All times are emulated microseconds since the system started.
 * The blocking methods must be called from a thread of your own (a test, the console), never from
 * an actor: that fails with an {@link IllegalStateException} instead of deadlocking.
 */
public final class VirtualClock implements EmuTime {
    /** One loop; or, when partitioned, partition 0's (it serves the driver's own asks and timers). */
    private final VirtualLoop loop;
    /** The window protocol over every partition's loop; null for one partition. */
    private final Windows windows;

    VirtualClock(VirtualLoop loop) { this(loop, null); }

    private VirtualClock(VirtualLoop loop, Windows windows) {
        this.loop = loop;
        this.windows = windows;
    }

    /** The clock of partitions driven together in windows ({@link Partitions}). */
    static VirtualClock partitioned(Windows windows, VirtualLoop first) { return new VirtualClock(first, windows); }

    /** On a partition's own thread its clock; elsewhere the time every partition is held at between windows. */
    @Override public long now() { return windows == null ? loop.now() : windows.now(); }

    private Drive.Outcome drive(Drive request, String method) {
        return windows == null ? loop.drive(request, method) : windows.drive(request, method);
    }

    /**
     * In virtual time the scheduler counts virtual microseconds, so the delay is taken literally
     * (capped at Pekko's longest duration, ~292 years, for "never").
     */
    @Override public Duration delay(long emulatedMicros) {
        return emulatedMicros >= Long.MAX_VALUE / 1000 ? Duration.ofNanos(Long.MAX_VALUE)
                : Duration.of(Math.max(0, emulatedMicros), ChronoUnit.MICROS);
    }

    /** Runs everything due in the next {@code micros} and leaves the clock {@code micros} later. */
    public void advanceBy(long micros) {
        if (micros < 0) throw new IllegalArgumentException("advanceBy: expected micros >= 0, got " + micros);
        drive(Drive.to(VirtualLoop.saturatedAdd(now(), micros)), "advanceBy");
    }

    /** Runs everything due up to and including {@code time}, and leaves the clock at {@code time}. */
    public void advanceTo(long time) {
        drive(Drive.to(time), "advanceTo");
    }

    /**
     * Runs until nothing is runnable and no one-shot timer is pending (periodic timers do not
     * count, so a background tick cannot keep it spinning), or until the clock reaches {@code horizon}.
     * The clock stays at the last event. Returns true if it went idle, false if it hit the horizon.
     */
    public boolean runUntilIdle(long horizon) {
        return drive(Drive.untilIdle(horizon), "runUntilIdle") == Drive.Outcome.IDLE;
    }

    /**
     * Runs until {@code condition} holds (checked on the emulation thread between tasks, so it may
     * read actor-owned state) or the clock reaches {@code maxTime}. Returns whether the condition
     * held; the clock stays where it was when it did.
     */
    public boolean runUntil(BooleanSupplier condition, long maxTime) {
        return drive(Drive.until(condition, maxTime), "runUntil") == Drive.Outcome.CONDITION_MET;
    }

    /** True in real time: the clock is paced by a wall clock ({@link RealTime}). */
    public boolean isRealTime() { return loop.pacer() != null; }

    /** The wall clock real time is paced by (a fake one in tests); null in virtual time. */
    public WallClock wallClock() { return loop.pacer() == null ? null : loop.pacer().wall(); }

    /**
     * Real time only: true lets the clock follow the wall clock by itself from where it is now
     * (the console), false holds it between drives (a run's script, so its steps are exact).
     */
    public void runFree(boolean on) { loop.runFree(on); }

    /**
     * Once {@code condition} holds, every drive (the methods above) ends at the current instant,
     * after the work due then: a Ctrl-C handler sets it. In real time the loop sleeps at most
     * {@link Pacer#MAX_SLEEP_NANOS} at a time, so it is seen within that much wall time at any scale.
     */
    public void stopWhen(BooleanSupplier condition) {
        if (windows != null) windows.stopWhen(condition);
        else loop.stopWhen(condition);
    }

    /** True on the emulation thread (any partition's), where the blocking methods must not be called. */
    public boolean isEmulationThread() { return windows == null ? loop.isLoopThread() : windows.isLoopThread(); }

    /**
     * The partition whose work runs on this thread now (0 for one partition), or -1 off the
     * emulation threads. Not always the thread's own partition: a partition's thread may run
     * another's window.
     */
    public int partitionHere() { return windows == null ? (loop.isLoopThread() ? 0 : -1) : windows.partitionHere(); }

    /** How many partitions run this emulation (1 unless partitioned). */
    public int partitions() { return windows == null ? 1 : windows.partitions(); }

    /** The window protocol's figures; all zero for one partition. */
    public WindowStats windowStats() { return windows == null ? new WindowStats(1, -1, 0, 0, 0, 0, 0, 0, 0) : windows.stats(); }

    /**
     * What the window protocol cost.
     *
     * @param lookahead        emulated µs a window may reach past the earliest next event; -1 when no link joins two partitions
     * @param windows          windows run
     * @param windowsApart     of them, those in which partitions ran on several threads at once (in the
     *                         others one thread ran every partition with work, one after another)
     * @param handOffs         windows a partition's thread was woken for by another thread
     * @param handOffNanos     wall time from those wake-ups to the woken thread taking its window up, summed
     * @param barrierWaitNanos wall time partitions that ran at once spent waiting at barriers for the slowest, summed over partitions
     * @param windowNanos      wall time spent inside windows
     * @param barriers         barriers that ran their hooks (the trace's merge): one per window, except that windows run
     *                         in turn on one thread share one ({@code time.WindowRelay})
     */
    public record WindowStats(int partitions, long lookahead, long windows, long windowsApart, long handOffs, long handOffNanos,
                              long barrierWaitNanos, long windowNanos, long barriers) {}

    public long tasksRun() { return stats().tasksRun(); }

    public long timersFired() { return stats().timersFired(); }

    public long clockJumps() { return stats().clockJumps(); }

    public Stats stats() { return windows == null ? loop.stats() : windows.sumStats(); }

    /**
     * CPU time the emulation thread has used (-1 if the JVM cannot tell): the honest denominator
     * for "events per second" on a shared machine, where wall time measures the neighbours.
     */
    public long cpuTimeNanos() { return windows == null ? loop.cpuTimeNanos() : windows.cpuTimeNanos(); }

    /**
     * Counters since the system started: tasks run on the emulation thread (mailbox runs, future
     * callbacks), timers fired, times the clock jumped forward, and live timers still pending.
     */
    public record Stats(long now, long tasksRun, long timersFired, long clockJumps, int pendingTimers) {}
}
