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
    private final VirtualLoop loop;

    VirtualClock(VirtualLoop loop) { this.loop = loop; }

    @Override public long now() { return loop.now(); }

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
        loop.drive(Drive.to(VirtualLoop.saturatedAdd(now(), micros)), "advanceBy");
    }

    /** Runs everything due up to and including {@code time}, and leaves the clock at {@code time}. */
    public void advanceTo(long time) {
        loop.drive(Drive.to(time), "advanceTo");
    }

    /**
     * Runs until nothing is runnable and no one-shot timer is pending (periodic timers do not
     * count, so a background tick cannot keep it spinning), or until the clock reaches {@code horizon}.
     * The clock stays at the last event. Returns true if it went idle, false if it hit the horizon.
     */
    public boolean runUntilIdle(long horizon) {
        return loop.drive(Drive.untilIdle(horizon), "runUntilIdle") == Drive.Outcome.IDLE;
    }

    /**
     * Runs until {@code condition} holds (checked on the emulation thread between tasks, so it may
     * read actor-owned state) or the clock reaches {@code maxTime}. Returns whether the condition
     * held; the clock stays where it was when it did.
     */
    public boolean runUntil(BooleanSupplier condition, long maxTime) {
        return loop.drive(Drive.until(condition, maxTime), "runUntil") == Drive.Outcome.CONDITION_MET;
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
    public void stopWhen(BooleanSupplier condition) { loop.stopWhen(condition); }

    /** True on the emulation thread, where the blocking methods must not be called. */
    public boolean isEmulationThread() { return loop.isLoopThread(); }

    public long tasksRun() { return stats().tasksRun(); }

    public long timersFired() { return stats().timersFired(); }

    public long clockJumps() { return stats().clockJumps(); }

    public Stats stats() { return loop.stats(); }

    /**
     * CPU time the emulation thread has used (-1 if the JVM cannot tell): the honest denominator
     * for "events per second" on a shared machine, where wall time measures the neighbours.
     */
    public long cpuTimeNanos() { return loop.cpuTimeNanos(); }

    /**
     * Counters since the system started: tasks run on the emulation thread (mailbox runs, future
     * callbacks), timers fired, times the clock jumped forward, and live timers still pending.
     */
    public record Stats(long now, long tasksRun, long timersFired, long clockJumps, int pendingTimers) {}
}
