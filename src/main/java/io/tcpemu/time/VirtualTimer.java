package io.tcpemu.time;

import org.apache.pekko.actor.Cancellable;
import scala.concurrent.ExecutionContext;

/**
 * One scheduled task on the virtual clock. Cancelling takes it out of the heap at once, from the
 * place it knows ({@link #index}).
 */
final class VirtualTimer implements Cancellable, Runnable {
    static final int PENDING = 0, FIRED = 1, CANCELLED = 2;

    private final VirtualLoop loop;
    final Runnable task;
    final ExecutionContext executor;
    /** 0 for a one-shot timer, else the period in µs. */
    final long interval;
    long deadline;
    /** Who scheduled it ({@link Origins}): breaks deadline ties before the scheduling order. */
    final long origin;
    /** Breaks deadline ties in scheduling order, so runs are reproducible. Set by the queue. */
    long seq;
    /** While pending its place in the {@link TimerQueue}: in the heap (0, 1, ...) or the far list (-2, -3, ...); else -1. Guarded by the loop's lock. */
    int index = -1;
    /** Guarded by the loop's lock; volatile so isCancelled() needs no lock. */
    volatile int state = PENDING;

    VirtualTimer(VirtualLoop loop, long deadline, long origin, long interval, Runnable task, ExecutionContext executor) {
        this.loop = loop;
        this.deadline = deadline;
        this.origin = origin;
        this.interval = interval;
        this.task = task;
        this.executor = executor;
    }

    boolean periodic() { return interval > 0; }

    /** Fires: hands the task to its execution context; for Pekko's timers that is the parasitic one (runs inline). */
    @Override public void run() {
        executor.execute(task);
    }

    @Override public boolean cancel() { return loop.cancel(this); }

    @Override public boolean isCancelled() { return state == CANCELLED; }
}
