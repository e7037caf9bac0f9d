package io.tcpemu.time;

import java.util.concurrent.locks.Condition;

/**
 * The wall clock real time is paced by: the system's by default, a fake one in tests (named by
 * {@link RealTime#WALL_CLOCK_KEY}, built with its no-argument constructor), so a test of pacing
 * never waits on the real clock.
 */
public interface WallClock {
    /** Wall-clock nanoseconds from an arbitrary origin, as {@link System#nanoTime()}. */
    long nanoTime();

    /**
     * Waits on {@code wakeUp} (held by the caller) for at most {@code nanos} of wall time; it may
     * return early when signalled. The system clock waits; a fake one lets its time pass.
     */
    void sleep(Condition wakeUp, long nanos) throws InterruptedException;

    /** The machine's clock. */
    final class Machine implements WallClock {
        @Override public long nanoTime() { return System.nanoTime(); }

        @Override public void sleep(Condition wakeUp, long nanos) throws InterruptedException { wakeUp.awaitNanos(nanos); }
    }
}
