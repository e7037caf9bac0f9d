package io.tcpemu.time;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Partitions that all run in this JVM relay the windows among themselves: the last one to
 * finish a window runs the barrier and grants the next, on its own thread, while the driver's
 * thread sleeps until the drive is over. What a window is and what the barrier does stay in
 * {@link Windows}; this is only who runs them.
 *
 * <p>The thread that runs the barrier also runs the next window of every partition itself, one
 * after the other ({@link VirtualLoop#lend}), unless at least two of them have enough work to pay
 * for running apart ({@link #apart}): a window of short links (50 µs) holds a few µs of work per
 * partition, less than waking another thread costs, and two threads sharing a lifecycle's data
 * across cores did the same work about twice as slowly. Windows kept on one thread then run in
 * turn ({@link #runInTurn}): back to back, what crosses taken by its receiver as it is sent
 * ({@link Windows#takeInTurn}), and the whole barrier once in up to {@link Horizons#EPOCH_LOOKAHEADS} lookaheads. Who ran what never shows in the results:
 * each partition runs its window alone either way, in the same order.
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
    private final Measured measured;
    private final long apartNanos;
    private final Windows windows;
    /** The epoch of windows run apart without barriers that runs now ({@link Horizons}), or null. */
    private Horizons epoch;

    /**
     * What decides whether windows run apart, kept from one drive to the next (a run drives in
     * steps) by {@link Windows}; touched only by whoever runs the barrier, in turn.
     */
    static final class Measured {
        /** Per partition: the work of its recent windows, wall nanos (a moving average over about 8). */
        final long[] work;

        Measured(int partitions) { work = new long[partitions]; }
    }

    WindowRelay(Windows windows, List<WindowMember> loops, Measured measured, Windows.Plan plan, String method, Barrier barrier) {
        this.windows = windows;
        this.loops = loops;
        this.plan = plan;
        this.method = method;
        this.barrier = barrier;
        this.drives = new Drive[loops.size()];
        this.measured = measured;
        this.apartNanos = Math.multiplyExact(Math.max(0, Long.getLong(APART_MICROS, DEFAULT_APART_MICROS)), 1000L);
    }

    /**
     * Windows run apart, each partition on its own thread, when at least two partitions with work
     * in them have done this much in their recent windows (wall µs); else one thread runs them
     * all. (Not more when hand-offs are slow, as on a loaded machine where a woken thread waits
     * for a core: there two runnable threads also get two shares of the cores, and windows of
     * 1 ms links, a hundred µs of work per side, ran no faster on one thread: speed-up 1.00
     * against 1.61 apart at load 15.) The system property {@value #APART_MICROS}, read as each drive begins, sets it for
     * measuring and for tests: 0 runs every window with work on two sides apart (as before), a
     * huge value none.
     */
    static final String APART_MICROS = "tcpemu.time.apart-micros";
    static final long DEFAULT_APART_MICROS = 30;

    /** Whether at least two of the partitions with a drive have recently done {@code threshold} nanos of work per window or more. */
    static boolean apart(Drive[] drives, long[] work, long threshold) {
        int big = 0;
        for (int i = 0; i < drives.length; i++) if (drives[i] != null && work[i] >= threshold) big++;
        return big >= 2;
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
                for (int i = 0; i < drives.length; i++) {
                    // a partition with nothing to do in the window is not woken: its clock is moved to the end
                    drives[i] = loops.get(i).skipTo(end) ? null : Drive.to(end, arrive);
                }
                if (runInTurn()) continue;
                running.set(1);   // held by this thread until every partition with work is started
                if (!runHere()) {
                    if (apart(drives, measured.work, apartNanos)) beginEpoch();
                    if (VirtualLoop.current() == null) {
                        if (startAll()) return;
                    } else {
                        for (int i = 0; i < drives.length; i++) {
                            if (drives[i] == null) continue;
                            running.incrementAndGet();
                            Windows.startHandingOff(loops.get(i), drives[i]);
                        }
                    }
                }
                if (running.decrementAndGet() != 0) return;
                windowEnded();
            }
        } catch (Throwable t) {
            done(t);
        }
    }

    /**
     * On the driver's thread, which starts a drive's first window: starts every partition with
     * work in it on its own thread; false if none has any. Counted in full before the first
     * starts, so the last of them to finish runs the barrier, never the driver's thread: it held
     * on to the barrier when the partitions finished before it counted itself out, and then ran
     * every window of the drive from there, each a hand-off to every partition and none in turn
     * (seen on a loaded machine, windows of a few µs). A partition's thread still holds the count
     * while it starts the others (it may run the barrier itself next).
     */
    private boolean startAll() {
        // a copy: once the last has started, the first may have run the barrier and planned the next window in drives
        Drive[] start = drives.clone();
        int n = 0;
        for (Drive d : start) if (d != null) n++;
        if (n == 0) return false;
        running.set(n);
        for (int i = 0; i < start.length; i++) {
            if (start[i] != null) Windows.startHandingOff(loops.get(i), start[i]);
        }
        return true;
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

    /**
     * On a partition's thread, unless the window is for running apart: runs the window of every
     * other partition with work here and now, one after the other (lent to this thread, which
     * keeps them until windows run apart or the drive ends), and starts its own, which it runs
     * next. False, with nothing lent, if the window runs apart (or one would not be lent: its
     * thread is still taking what was handed to it).
     */
    private boolean runHere() {
        VirtualLoop mine = VirtualLoop.current();
        int me = mine == null ? -1 : loops.indexOf(mine);
        if (me < 0 || apart(drives, measured.work, apartNanos)) {
            giveBackLent();
            return false;
        }
        for (int i = 0; i < drives.length; i++) {
            if (i != me && drives[i] != null && !((VirtualLoop) loops.get(i)).lend()) {
                giveBackLent();
                return false;
            }
        }
        for (int i = 0; i < drives.length; i++) {
            if (i == me || drives[i] == null) continue;
            drives[i].lent = true;
            running.incrementAndGet();
            ((VirtualLoop) loops.get(i)).runLent(drives[i]);
        }
        if (drives[me] != null) {
            running.incrementAndGet();
            mine.start(drives[me]);   // this thread runs it once the barrier is over
        }
        return true;
    }

    /**
     * On a partition's thread, while windows stay on one thread: runs them here in turn, from the
     * one to {@link #end}, every partition lent to this thread, what crosses taken by its receiver
     * as it is sent ({@link Windows#takeInTurn}), with no barrier between two of them (its hooks,
     * the trace's merge, the figures of threads). About a thousand windows of an emulated second each held a few µs of
     * work on one side (1 ms links at 500 connections a second), and the barrier round of each
     * cost a fifth of a partitioned run. The run in turn ends, with the barrier's hooks, where an
     * epoch would ({@link Horizons#endOf}), or sooner where the barrier must come first
     * ({@link Windows.Plan#nextInTurn}), or before a window whose work says run apart (the relay
     * then plans that window again and runs it so). Each partition still runs each window alone
     * and takes each segment before its time, so who ran what never shows. False, with nothing
     * run or lent, when it does not apply. The window's {@link #drives} are made: those are run.
     */
    private boolean runInTurn() {
        VirtualLoop mine = VirtualLoop.current();
        int me = mine == null ? -1 : loops.indexOf(mine);
        if (me < 0 || !plan.inTurn() || apart(drives, measured.work, apartNanos) || !mine.heldHere()) return false;
        for (int i = 0; i < loops.size(); i++) {
            if (i != me && !((VirtualLoop) loops.get(i)).lend()) {
                giveBackLent();
                return false;
            }
        }
        long until = Horizons.endOf(end, plan.request.target, windows.lookahead());
        windows.inTurn(true);
        try {
            // one reading of the wall clock between two partitions' windows times both (the work of each, for apart)
            long clock = startedNanos;
            while (true) {
                for (int i = 0; i < drives.length; i++) {
                    Drive d = drives[i];
                    if (d == null) continue;
                    d.then = null;   // no relay between these windows: this thread goes on
                    d.lent = i != me;
                    d.timedByHolder = true;
                    d.takenAtNanos = clock;
                    ((VirtualLoop) loops.get(i)).runLent(d);   // its own loop too: held, in its barrier
                    long after = System.nanoTime();
                    d.finishedAtNanos = after;
                    d.ranNanos = after - clock;
                    clock = after;
                }
                measure();
                windows.relayedWindowEnded(drives, startedNanos, clock, end, false);
                long next = plan.nextInTurn(until);
                if (next < 0) break;
                end = next;
                startedNanos = clock;   // the planning in between counts as the next window's
                for (int i = 0; i < drives.length; i++) drives[i] = loops.get(i).skipTo(end) ? null : Drive.to(end);
                if (apart(drives, measured.work, apartNanos)) break;
            }
        } finally {
            windows.inTurn(false);
        }
        windows.relayedHooks();
        return true;
    }

    /** The loops lent to this thread go back to their own threads. */
    private void giveBackLent() {
        for (WindowMember m : loops) {
            if (m instanceof VirtualLoop loop && loop.lentHere()) loop.giveBack();
        }
    }

    /**
     * Windows that run apart go on without a barrier after each, up to the epoch's end, when the
     * drive allows ({@link Windows#openEpoch}): every partition gets a drive there, even one with
     * nothing in the first window (its clock was moved to that window's end), as segments may
     * reach it later in the epoch.
     */
    private void beginEpoch() {
        epoch = windows.openEpoch(plan, end);
        if (epoch == null) return;
        end = epoch.end();
        for (int i = 0; i < drives.length; i++) {
            Horizons.Side side = epoch.side(i);
            drives[i] = Drive.to(end, () -> {
                side.finished();   // no one waits for it any more, even if its system terminated
                arrived();
            });
            drives[i].horizon = side;
        }
    }

    private void windowEnded() {
        Horizons e = epoch;
        epoch = null;
        if (e != null) {
            windows.closeEpoch(e);
            for (int i = 0; i < drives.length; i++) drives[i].ranNanos = e.workPerLookahead(drives[i].ranNanos, i);
        }
        measure();
        if (e == null) lendAhead();
        barrier.ended(drives, startedNanos, end);
    }

    /**
     * On a partition's thread, before the barrier hands over what crossed in the window: when the
     * windows that follow are to run in turn here ({@link #runInTurn} lends every partition to
     * this thread anyway), the others that are held and idle are lent now, so what is handed to
     * them is queued without waking their threads (a wake-up a drive, each a futex call, and the
     * woken thread then waited for the lock this thread takes every few µs). Should the next
     * window run apart after all, they are given back first ({@link #runHere}) and woken then.
     */
    private void lendAhead() {
        VirtualLoop mine = VirtualLoop.current();
        if (mine == null || !loops.contains(mine) || !plan.inTurn() || apart(drives, measured.work, apartNanos)) return;
        for (WindowMember m : loops) {
            if (m != mine) ((VirtualLoop) m).lend();   // one that is not held and idle now is not lent: it is woken as before
        }
    }

    /** What the window's drives ran counts in each partition's moving average (over about 8 windows with work). */
    private void measure() {
        for (int i = 0; i < drives.length; i++) {
            Drive d = drives[i];
            if (d == null) continue;
            measured.work[i] += (d.ranNanos - measured.work[i]) / 8;
        }
    }

    private void done(Throwable t) {
        Horizons open = epoch;
        if (open != null) open.abandon();   // a partition not started: the others must not wait for it
        try {
            giveBackLent();
        } catch (RuntimeException | Error e) {
            if (t == null) t = e;
        }
        thrown = t;
        over.countDown();
    }
}
