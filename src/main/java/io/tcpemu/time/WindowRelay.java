package io.tcpemu.time;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Partitions that all run in this JVM relay the windows among themselves: the last one to
 * finish a window runs the barrier and grants the next, on its own thread, while the driver's
 * thread sleeps until the drive is over. A window then costs one wake-up per other partition
 * with work in it (none if it is alone), not a start and a join of every partition from a third
 * thread: on a machine with few cores that third thread competes with the partitions for them,
 * and a window of short links (50 µs) holds only a few µs of work. What a window is and what the
 * barrier does stay in {@link Windows}; this is only who runs them.
 */
final class WindowRelay {
    /** The barrier, run by the last partition to finish a window. */
    interface Barrier { void ended(Drive[] drives, long startedNanos, long end); }

    private final List<WindowMember> loops;
    private final Windows.Plan plan;
    private final String method;
    private final Barrier barrier;
    private final AtomicInteger running = new AtomicInteger();
    private final Drive[] drives;
    private final CountDownLatch over = new CountDownLatch(1);
    private final Runnable arrive = this::arrived;
    private volatile Throwable thrown;
    private long end;
    private long startedNanos;

    WindowRelay(List<WindowMember> loops, Windows.Plan plan, String method, Barrier barrier) {
        this.loops = loops;
        this.plan = plan;
        this.method = method;
        this.barrier = barrier;
        this.drives = new Drive[loops.size()];
    }

    /** On the driver's thread: starts the first window and waits until the drive is over. */
    Drive.Outcome await() {
        relay();
        boolean interrupted = false;
        long[] seen = new long[loops.size()];
        Arrays.fill(seen, -1);
        boolean reported = false;
        while (true) {
            try {
                if (over.await(VirtualLoop.STALL_CHECK_SECONDS, TimeUnit.SECONDS)) break;
                for (int i = 0; i < seen.length; i++) {
                    VirtualLoop loop = (VirtualLoop) loops.get(i);
                    long progress = loop.progress();
                    if (!reported && progress == seen[i] && loop.insideTask()) {
                        loop.reportStall(method);
                        reported = true;
                    }
                    seen[i] = progress;
                }
            } catch (InterruptedException e) {
                interrupted = true;
                plan.interrupted = true;
                for (WindowMember m : loops) ((VirtualLoop) m).interruptWindow();
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Throwable t = thrown;
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        if (t != null) throw new IllegalStateException(t);
        return plan.outcome;
    }

    /**
     * Plans windows and starts them until one has a partition running in it (the last of them
     * to finish goes on from {@link #arrived}) or the drive is over. A window no partition has
     * work in costs no wake-up at all: every clock is moved to its end here.
     */
    private void relay() {
        try {
            while (true) {
                end = plan.nextWindow();
                if (end < 0) {
                    done(null);
                    return;
                }
                startedNanos = System.nanoTime();
                running.set(1);   // held by this thread until every partition with work is started
                for (int i = 0; i < drives.length; i++) {
                    drives[i] = null;
                    if (loops.get(i).skipTo(end)) continue;
                    drives[i] = Drive.to(end, arrive);
                    running.incrementAndGet();
                    loops.get(i).start(drives[i]);
                }
                if (running.decrementAndGet() != 0) return;
                windowEnded();
            }
        } catch (Throwable t) {
            done(t);
        }
    }

    /** On a partition's thread, its window over and the partition held: the last one runs the barrier. */
    private void arrived() {
        if (running.decrementAndGet() != 0) return;
        try {
            windowEnded();
        } catch (Throwable t) {
            done(t);
            return;
        }
        relay();
    }

    private void windowEnded() { barrier.ended(drives, startedNanos, end); }

    private void done(Throwable t) {
        thrown = t;
        over.countDown();
    }
}
