package io.tcpemu.time;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.pekko.actor.ActorCell;
import org.apache.pekko.dispatch.Mailbox;

/**
 * The window protocol between partitions, all of it: conservative synchronisation as ns-3's
 * distributed simulator does it. Every partition is a {@link VirtualLoop} (its own thread, timer
 * heap and clock). Between windows all of them are held at the same time {@code now}. A window
 * is granted up to (the earliest next event of any partition) + lookahead − 1 µs, where the
 * lookahead is the smallest delay a link between partitions can produce: nothing sent in the
 * window can arrive before it ends, so the partitions run it at once, each alone. At the barrier
 * the segments that crossed are handed to their partitions (each checked: never in the
 * receiver's past, never sooner than the lookahead), the trace gathered in the canonical order,
 * and the next window granted.
 */
final class Windows {
    /** A segment on its way to another partition, handed over at the next barrier. */
    private record Post(int to, long sentAt, long at, String link, Runnable deliver) {}

    private final List<VirtualLoop> loops;
    private final long lookahead;
    private final List<Runnable> barrierHooks = new ArrayList<>();
    private final ConcurrentLinkedQueue<Post> posts = new ConcurrentLinkedQueue<>();
    private final ReentrantLock driverLock = new ReentrantLock();
    private volatile long now;
    private volatile String failure;
    private volatile java.util.function.BooleanSupplier stop;
    private long windows;
    private long barrierWaitNanos;
    private long busyNanos;
    /** Per partition, since the last barrier: segments handed over (queued there, not yet taken) and the earliest delivery time among them. */
    private final int[] handedOver;
    private final long[] earliestHandedOver;

    /** @param lookahead emulated µs; Long.MAX_VALUE when no link joins two partitions */
    Windows(List<VirtualLoop> loops, long lookahead) {
        if (lookahead <= 0) throw new IllegalArgumentException("a lookahead must be > 0 µs, got " + lookahead);
        this.loops = List.copyOf(loops);
        this.lookahead = lookahead;
        this.handedOver = new int[this.loops.size()];
        this.earliestHandedOver = new long[this.loops.size()];
        for (VirtualLoop loop : this.loops) loop.windows = this;
    }

    int partitions() { return loops.size(); }

    long lookahead() { return lookahead; }

    /** Between windows, the time every partition is at; on a partition's thread, that partition's clock. */
    long now() {
        VirtualLoop mine = VirtualLoop.current();
        return mine != null && mine.windows == this ? mine.now() : now;
    }

    boolean isLoopThread() {
        VirtualLoop mine = VirtualLoop.current();
        return mine != null && mine.windows == this;
    }

    void onBarrier(Runnable hook) { barrierHooks.add(hook); }

    void stopWhen(java.util.function.BooleanSupplier condition) { stop = condition; }

    int indexOf(VirtualLoop loop) { return loops.indexOf(loop); }

    /**
     * A segment sent at {@code sentAt} by link {@code link} arrives in partition {@code to} at
     * {@code at}: {@code deliver} runs there (from the coordinator, the partition held) at the
     * next barrier. A hand-over sooner than the lookahead ends the run: the window that let the
     * receiver run on might already have passed {@code at}.
     */
    void post(int to, long sentAt, long at, String link, Runnable deliver) {
        if (at - sentAt < lookahead) fail("link " + link + " delivers a segment " + (at - sentAt) + " µs after sending it,"
                + " less than the partitions' lookahead (" + lookahead + " µs, the smallest delay of a link between partitions);"
                + " keep its delay at or above that, or place both its hosts on one partition");
        posts.add(new Post(to, sentAt, at, link, deliver));
    }

    /**
     * A message sent straight to a host or link actor of partition {@code to} from another
     * partition's thread, around the links: it would run at whatever time the receiver happens to
     * be at, so the run could not be repeated. It ends the run. (Replies to the driver's own
     * actors, which only record, may cross; so may a workload supervisor's rare orders to its
     * drivers: stop on Ctrl-C, crash in a test.)
     */
    void checkCrossing(VirtualLoop to, Runnable task) {
        VirtualLoop from = VirtualLoop.current();
        if (from == null || from == to || from.windows != this || !(task instanceof Mailbox mailbox)) return;
        ActorCell cell = mailbox.actor();
        if (cell == null) return;
        String top = Origins.topLevel(cell.self().path());
        if (!top.startsWith("host-") && !top.startsWith("link-") && !top.startsWith("router-")) return;
        String path = cell.self().path().toStringWithoutAddress();
        fail("partition " + indexOf(from) + " sent a message straight to " + path + " in partition " + indexOf(to)
                + " (not over a link, so without a delay); place the hosts that talk this way on one partition");
    }

    void fail(String problem) {
        if (failure == null) failure = problem;
    }

    /** Drives every partition in windows until {@code request} ends; the same outcomes as one loop's drive. */
    Drive.Outcome drive(Drive request, String method) {
        if (isLoopThread()) throw new IllegalStateException("VirtualClock." + method + " was called on an emulation thread;"
                + " it would wait for itself forever. Call it from a test, console or driver thread instead.");
        driverLock.lock();
        try {
            if (request.target < now) throw new IllegalArgumentException("VirtualClock." + method
                    + ": cannot go back in time to " + request.target + " µs, the clock is at " + now + " µs");
            long from = now;
            // Work sent from outside (a test, the console) runs at once, even with the clocks held:
            // let every partition finish it before anything is decided, as one loop checks a condition after each task.
            runWindow(now);
            while (true) {
                check();
                if (stopRequested()) return Drive.Outcome.INTERRUPTED;
                if (request.condition != null && holds(request)) return Drive.Outcome.CONDITION_MET;
                if (request.stopWhenIdle && allIdle()) {
                    check();
                    stopAtLastEvent(from);
                    return Drive.Outcome.IDLE;
                }
                long next = nextEvent();
                if (next > request.target) {
                    runWindow(request.target);
                    check();
                    return Drive.Outcome.REACHED_TARGET;
                }
                // a condition is checked between windows: one instant at a time, so the clock stops where it first holds
                long end = request.condition != null ? next : VirtualLoop.saturatedAdd(next, lookahead) - 1;
                runWindow(Math.min(request.target, end));
            }
        } finally {
            driverLock.unlock();
        }
    }

    /** Every partition runs up to {@code end} at once; then the barrier. */
    private void runWindow(long end) {
        long started = System.nanoTime();
        Drive[] drives = new Drive[loops.size()];
        for (int i = 0; i < drives.length; i++) {
            drives[i] = Drive.to(end);
            loops.get(i).start(drives[i]);
        }
        long last = 0;
        for (int i = 0; i < drives.length; i++) {
            loops.get(i).join(drives[i]);
            last = Math.max(last, drives[i].finishedAtNanos);
        }
        for (Drive d : drives) {
            barrierWaitNanos += Math.max(0, last - d.finishedAtNanos);
            if (d.outcome == Drive.Outcome.TERMINATED) fail("a partition's actor system terminated during the run");
        }
        busyNanos += System.nanoTime() - started;
        now = end;
        windows++;
        barrier();
    }

    /**
     * The earliest next event of any partition. A partition that was just handed segments has
     * them queued, not yet run: each will arm its timer at its delivery time, so that time counts
     * (no round trip to let the partition take them first; the held loop may already be running
     * them, which counts as now, as does anything else queued or running).
     */
    private long nextEvent() {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < loops.size(); i++) {
            VirtualLoop loop = loops.get(i);
            next = Math.min(next, handedOver[i] == 0 ? loop.nextEventTime() : loop.nextEventTimeAfterHandOvers(earliestHandedOver[i]));
        }
        return next;
    }

    /** Hands over what crossed, checking each against its receiver's clock, then runs the hooks (the trace). */
    private void barrier() {
        java.util.Arrays.fill(handedOver, 0);
        java.util.Arrays.fill(earliestHandedOver, Long.MAX_VALUE);
        for (Post p; (p = posts.poll()) != null; ) {
            long receiverNow = loops.get(p.to()).now();
            if (p.at() <= receiverNow) {
                fail("partition " + p.to() + " would receive a segment of link " + p.link() + " at " + p.at()
                        + " µs, in its past (its clock is at " + receiverNow + " µs)");
                continue;
            }
            p.deliver().run();
            handedOver[p.to()]++;
            earliestHandedOver[p.to()] = Math.min(earliestHandedOver[p.to()], p.at());
        }
        for (Runnable hook : barrierHooks) hook.run();
    }

    /** As one loop stops when it goes idle: at the last thing that ran (not before the drive began), not at the window's end. */
    private void stopAtLastEvent(long from) {
        long last = from;
        for (VirtualLoop loop : loops) last = Math.max(last, loop.lastActivity());
        for (VirtualLoop loop : loops) loop.rewindTo(last);
        now = last;
    }

    private void check() {
        String f = failure;
        if (f != null) throw new PartitionFailure(f);
    }

    private boolean allIdle() {
        if (!posts.isEmpty()) return false;
        for (VirtualLoop loop : loops) if (!loop.isIdle()) return false;
        return true;
    }

    private static boolean holds(Drive d) {
        try {
            return d.condition.getAsBoolean();
        } catch (RuntimeException | Error e) {
            throw new IllegalStateException("the condition threw " + e, e);
        }
    }

    private boolean stopRequested() {
        java.util.function.BooleanSupplier s = stop;
        try {
            return s != null && s.getAsBoolean();
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** Windows run so far, wall nanos partitions waited at barriers for the slowest, wall nanos inside windows. */
    VirtualClock.WindowStats stats() {
        return new VirtualClock.WindowStats(loops.size(), lookahead == Long.MAX_VALUE ? -1 : lookahead, windows, barrierWaitNanos, busyNanos);
    }

    /** The partitions' counters added up; the clock is the time they are held at. */
    VirtualClock.Stats sumStats() {
        long tasks = 0, timers = 0, jumps = 0;
        int pending = 0;
        for (VirtualLoop loop : loops) {
            VirtualClock.Stats s = loop.stats();
            tasks += s.tasksRun();
            timers += s.timersFired();
            jumps += s.clockJumps();
            pending += s.pendingTimers();
        }
        return new VirtualClock.Stats(now, tasks, timers, jumps, pending);
    }

    long cpuTimeNanos() {
        long sum = 0;
        for (VirtualLoop loop : loops) {
            long t = loop.cpuTimeNanos();
            if (t < 0) return -1;
            sum += t;
        }
        return sum;
    }
}
