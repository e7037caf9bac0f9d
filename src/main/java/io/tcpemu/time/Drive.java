package io.tcpemu.time;

import java.util.function.BooleanSupplier;

/** One request from a driver to move the virtual clock, and how it ended. Guarded by the loop's lock. */
final class Drive {
    enum Outcome { REACHED_TARGET, IDLE, CONDITION_MET, TERMINATED, INTERRUPTED }

    /** How far the clock may go, in emulated µs. */
    final long target;
    /** Stop early once nothing is runnable and no one-shot timer is pending. */
    final boolean stopWhenIdle;
    /** Stop early once this holds; checked on the loop thread between tasks. Null for none. */
    final BooleanSupplier condition;

    /** Loop thread only: the condition has been evaluated at least once for this drive. */
    boolean conditionChecked;
    /** Volatile: the window protocol's coordinator watches it without the loop's lock ({@link Spin}). */
    volatile boolean done;
    Outcome outcome;
    Throwable failure;
    /** Wall-clock nanos when it ended, for the window protocol's barrier-wait figure. */
    long finishedAtNanos;
    /** Wall-clock nanos when a thread first took it up (after the work queued before it), and how long it ran from then: a window's work. */
    long takenAtNanos, ranNanos;
    /** A window's drive run by another partition's thread, this loop lent to it ({@link VirtualLoop#runLent}). */
    boolean lent;
    /**
     * A window run in turn ({@link WindowRelay#runInTurn}): the thread that runs them all reads the
     * wall clock once between two partitions' windows and sets the times above itself, the loop
     * reads none (a reading costs about 40 ns here, and windows in turn hold a few µs of work).
     */
    boolean timedByHolder;
    /** A window's drive started for another thread than the starter's (a hand-off), and when, wall nanos. */
    boolean handedOff;
    long startedAtNanos;
    /** In an epoch of windows run apart ({@link Horizons}): how far the loop may run moves with the other partitions. Null for none. */
    Horizons.Side horizon;
    /**
     * Run by the loop's thread once this drive has ended, outside the loop's lock, the loop held
     * (idle): the window protocol's barrier, when partitions relay windows among themselves. Null for none.
     */
    Runnable then;

    private Drive(long target, boolean stopWhenIdle, BooleanSupplier condition) {
        this.target = target;
        this.stopWhenIdle = stopWhenIdle;
        this.condition = condition;
    }

    static Drive to(long target) { return new Drive(target, false, null); }

    /** A window's drive: to {@code target}, then {@code then} on the loop's thread. */
    static Drive to(long target, Runnable then) {
        Drive d = new Drive(target, false, null);
        d.then = then;
        return d;
    }

    static Drive untilIdle(long horizon) { return new Drive(horizon, true, null); }

    static Drive until(BooleanSupplier condition, long maxTime) { return new Drive(maxTime, false, condition); }
}
