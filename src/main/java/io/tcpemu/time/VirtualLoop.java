package io.tcpemu.time;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.pekko.event.LoggingAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.ExecutionContext;

/**
 * The heart of virtual time: one thread runs every task of an actor system in FIFO order; when it
 * has nothing runnable it fires the timers due now, and when none are due it jumps the clock to
 * the next deadline, but only as far as the current {@link Drive} allows. With no drive the clock
 * is held and work submitted from outside runs at the current time.
 *
 * <p>Real time is the same loop with a {@link Pacer}: before each jump it waits until the wall
 * clock (× scale) reaches the deadline, so every event still happens at its exact emulated time
 * and in one order. A free-running loop (the console in real time) moves without a driver, as far
 * as the wall clock has gone; work arriving from outside then runs at the wall's emulated now.
 */
final class VirtualLoop implements WindowMember {
    private static final Runnable NOTHING = () -> {};
    private static final Logger STALLS = LoggerFactory.getLogger(VirtualLoop.class);
    /** How often (wall clock) a waiting driver checks that the emulation thread is getting anywhere. */
    static final long STALL_CHECK_SECONDS = 5;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workArrived = lock.newCondition();
    private final Condition driveProgress = lock.newCondition();
    /** Serialises drivers so two test threads cannot steer the clock at once. */
    private final ReentrantLock driverLock = new ReentrantLock();
    /** Work submitted from other threads (drivers, tests, the console); guarded by the lock. */
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    /**
     * Work the loop thread submits to itself (nearly every message an actor sends): touched by
     * that thread only, so it takes no lock. External work joins its tail when the loop next
     * looks, so all of it still runs first come, first served.
     */
    private final ArrayDeque<Runnable> local = new ArrayDeque<>();
    private volatile boolean externalWork;
    /** Tasks run from {@link #local}; written by the loop thread only, read by drivers for stall checks. */
    private final java.util.concurrent.atomic.AtomicLong localTasksRun = new java.util.concurrent.atomic.AtomicLong();
    private final TimerQueue timers = new TimerQueue();
    /** This loop as an execution context, for timers that queue their message as a dispatcher would ({@link LoopTimers}). */
    final LoopTimers.Queue queue = new LoopTimers.Queue(this);
    private final LoggingAdapter log;
    private final Thread thread;
    /** Null in virtual time; in real time, the wall clock the clock may not pass. */
    private final Pacer pacer;
    /** Real time only: the clock follows the wall clock with no driver. */
    private volatile boolean freeRun;
    /** The drive a free-running loop is always on; never finished. */
    private final Drive free = Drive.to(Long.MAX_VALUE);
    /** Once this holds, every drive ends where the clock is (Ctrl-C); null for never. */
    private volatile java.util.function.BooleanSupplier stop;
    /** While the paced loop sleeps: the emulated time it sleeps towards (outside readers see the wall up to it); else -1. */
    private long sleepingTowards = -1;

    // Written under the lock by the loop thread; volatile so readers need no lock.
    private volatile long now;
    private volatile Drive drive;
    private volatile boolean terminated;
    private long tasksRun, timersFired, clockJumps;
    /** Loop thread only: the origin ({@link Origins}) of the work running now, given to the timers it schedules. */
    private long origin = Origins.EXTERNAL;
    /**
     * Loop thread only: when not null, the origin is this mailbox's actor's, not worked out yet.
     * Most tasks schedule no timer, and working it out (a walk up the actor's path, a hash of a
     * name) was a cost paid on every message.
     */
    private org.apache.pekko.dispatch.Mailbox originOf;
    /** Loop thread only: origins worked out so far. */
    private final Origins.Cache origins = new Origins.Cache();
    /** Loop thread only (read by the window protocol between drives): the clock when the last task ran. */
    private long lastActivity;
    private boolean idle;
    private volatile boolean closing;
    /** The loop thread's wait for the next window, and a driver's wait for a window to end ({@link #join}). */
    private final Spin spin = new Spin(), joinSpin = new Spin();
    /** Under the lock: the {@link Drive#then} of a drive that ended, for the loop thread to run once it is held. */
    private Runnable afterDrive;
    /**
     * Under the lock: the thread of another partition this loop is lent to ({@link #lend}), which
     * runs its windows while its own thread waits; null while its own thread holds it.
     */
    private Thread lentTo;

    VirtualLoop(String threadName, LoggingAdapter log) { this(threadName, log, null); }

    VirtualLoop(String threadName, LoggingAdapter log, Pacer pacer) {
        this.log = log;
        this.pacer = pacer;
        this.thread = new LoopThread(this, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The current emulated time. On the loop thread (every actor) the clock itself; elsewhere, in
     * real time while the loop waits for the wall clock, the wall's emulated now up to that wait's
     * end: what a message sent now would see.
     */
    @Override public long now() {
        if (pacer == null || isLoopThread()) return now;
        lock.lock();
        try {
            long t = now;
            if (sleepingTowards > t) return Math.max(t, Math.min(pacer.emulatedNow(), sleepingTowards));
            // free-running, between waits: where the loop will be once it looks at the wall clock again
            if (freeRun && drive == null) return Math.max(t, Math.min(pacer.emulatedNow(), timers.nextDeadline()));
            return t;
        } finally {
            lock.unlock();
        }
    }

    Pacer pacer() { return pacer; }

    /** Real time: lets the clock follow the wall clock with no driver (true), from where it is now, or holds it (false). */
    void runFree(boolean on) {
        if (pacer == null) throw new IllegalStateException("runFree: a virtual-time clock moves only when driven");
        lock.lock();
        try {
            if (on && !freeRun) pacer.resumeFrom(now);
            freeRun = on;
            workArrived.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Every drive from now on ends at the current instant once {@code condition} holds (null: never). */
    void stopWhen(java.util.function.BooleanSupplier condition) {
        lock.lock();
        try {
            stop = condition;
            workArrived.signal();
        } finally {
            lock.unlock();
        }
    }

    /** True on the thread that holds this loop now: its own, or the partition's that it is lent to ({@link #lend}). */
    boolean isLoopThread() { return current() == this; }

    /**
     * The thread of a virtual-time loop, so a loop can tell work sent from another partition's
     * thread. It runs its own loop, and for a while may run another partition's lent to it.
     */
    static final class LoopThread extends Thread {
        final VirtualLoop loop;
        /** The loop whose work this thread runs now; this thread only. */
        VirtualLoop running;

        LoopThread(VirtualLoop loop, String name) {
            super(loop::run, name);
            this.loop = loop;
            this.running = loop;
        }
    }

    /** The loop whose work this thread runs now (its own, or one lent to it), or null on any other thread. */
    static VirtualLoop current() {
        return Thread.currentThread() instanceof LoopThread t ? t.running : null;
    }

    /** Set once this loop is one partition of several: work that reaches it from another partition's thread is reported there. */
    volatile Windows windows;
    /** Its index among those partitions, set with {@link #windows}. */
    volatile int partition;

    /** CPU time the loop thread has used, or -1 if the JVM cannot tell. */
    @Override public long cpuTimeNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(thread.getId()) : -1;
    }

    // ---- submitting work (any thread) ----

    void submit(Runnable task) {
        if (isLoopThread() && !terminated) {
            local.addLast(task);
            return;
        }
        Windows w = windows;
        if (w != null) w.checkCrossing(this, task);
        lock.lock();
        try {
            if (!terminated) {
                ready.addLast(task);
                externalWork = true;
                // lent, the holder takes it in its next window: its own thread is not woken for nothing
                if (idle && lentTo == null) workArrived.signal();
                return;
            }
        } finally {
            lock.unlock();
        }
        // The system has terminated and its thread is gone: run stragglers (late future callbacks) here.
        task.run();
    }

    VirtualTimer schedule(long delayMicros, long intervalMicros, Runnable task, ExecutionContext executor) {
        return schedule(delayMicros, intervalMicros, task, executor, isLoopThread() ? origin() : Origins.EXTERNAL);
    }

    /** The same, as the work of {@code origin} whoever schedules it ({@link LoopTimers#runOnFiring(long, Runnable, long)}). */
    VirtualTimer schedule(long delayMicros, long intervalMicros, Runnable task, ExecutionContext executor, long origin) {
        lock.lock();
        try {
            if (closing) throw new org.apache.pekko.actor.SchedulerException("cannot schedule: the virtual scheduler is closed");
            VirtualTimer timer = new VirtualTimer(this, saturatedAdd(now, Math.max(0, delayMicros)),
                    origin, Math.max(0, intervalMicros), task, executor);
            timers.add(timer);
            if (idle && lentTo == null) workArrived.signal();
            return timer;
        } finally {
            lock.unlock();
        }
    }

    boolean cancel(VirtualTimer timer) {
        lock.lock();
        try {
            return timers.cancel(timer);
        } finally {
            lock.unlock();
        }
    }

    /** Stops the loop once the work already queued has run; pending timers are dropped. */
    void close() {
        lock.lock();
        try {
            closing = true;
            timers.clear();
            Drive d = drive;
            if (d != null) finish(d, Drive.Outcome.TERMINATED);
            workArrived.signal();
        } finally {
            lock.unlock();
        }
    }

    // ---- driving the clock (a thread other than the loop's) ----

    Drive.Outcome drive(Drive request, String method) {
        if (isLoopThread()) {
            throw new IllegalStateException("VirtualClock." + method + " was called on the emulation's own thread"
                    + " (from inside an actor, a timer or a future callback); it would wait for itself forever."
                    + " Call it from a test, console or driver thread instead.");
        }
        driverLock.lock();
        try {
            lock.lock();
            try {
                if (closing || terminated) throw new IllegalStateException(
                        "VirtualClock." + method + ": the actor system has terminated");
                // free-running, the clock may have passed what the driver read a moment ago: that target is reached
                if (freeRun && request.target < now) return Drive.Outcome.REACHED_TARGET;
                if (request.target < now) throw new IllegalArgumentException("VirtualClock." + method
                        + ": cannot go back in time to " + request.target + " µs, the clock is at " + now + " µs");
                if (pacer != null && !freeRun) pacer.resumeFrom(now);
                drive = request;
                workArrived.signal();
                awaitDone(request, method);
                if (request.failure != null) throw new IllegalStateException(
                        "VirtualClock." + method + ": the condition threw " + request.failure, request.failure);
                return request.outcome;
            } finally {
                lock.unlock();
            }
        } finally {
            driverLock.unlock();
        }
    }

    /**
     * The window protocol's drive: starts {@code request} (a {@link Drive#to} within the window)
     * without waiting, so every partition runs its window at once; {@link #join} waits for it.
     */
    @Override public void start(Drive request) {
        lock.lock();
        try {
            if (closing || terminated) throw new IllegalStateException("the actor system of " + thread.getName() + " has terminated");
            if (request.target < now) throw new IllegalArgumentException("cannot go back in time to " + request.target + " µs, the clock is at " + now + " µs");
            if (lentTo != null) throw new IllegalStateException(thread.getName() + " is lent to " + lentTo.getName() + ": that thread runs its windows");
            drive = request;
            workArrived.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A window with nothing in it for this partition costs no wake-up of its thread: held, idle,
     * with no timer due by {@code target}, the drive would only jump the clock there.
     */
    @Override public boolean skipTo(long target) {
        lock.lock();
        try {
            if (!idle || closing || terminated || freeRun || drive != null || !ready.isEmpty() || !local.isEmpty()) return false;
            if (target < now || timers.nextDeadline() <= target) return false;
            jumpTo(target);
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ---- lent to another partition's thread (the window protocol) ----

    /**
     * Lends this loop, held and idle, to the calling thread, another partition's: from now on that
     * thread runs its windows ({@link #runLent}) while its own thread waits, until it gives it back
     * ({@link #giveBack}). A run of windows with little work in each then costs no hand-off between
     * threads at all, and what the partitions share stays in one core's cache. The loop's lock
     * orders what its own thread did before against what the holder does after, and back.
     *
     * @return false, and nothing changes, if it is not held and idle now (its thread is still
     *         running work handed to it, say); true if it is lent to this thread (or already was)
     */
    boolean lend() {
        LoopThread me = Thread.currentThread() instanceof LoopThread t && t.loop != this ? t : null;
        if (me == null) throw new IllegalStateException("a loop is lent only to another partition's thread, not to " + Thread.currentThread().getName());
        lock.lock();
        try {
            if (lentTo != null) return lentTo == me;
            if (!idle || drive != null || afterDrive != null || closing || terminated || freeRun || pacer != null || !local.isEmpty()) return false;
            lentTo = me;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** On its own thread: whether it holds this loop, held between drives (not lent, its system not terminated), so it may run a window of it ({@link #runLent}). */
    boolean heldHere() {
        lock.lock();
        try {
            return heldByItsThread();
        } finally {
            lock.unlock();
        }
    }

    private boolean heldByItsThread() {
        return Thread.currentThread() == thread && lentTo == null && idle && drive == null && !closing && !terminated;
    }

    /** Whether this loop is lent to the calling thread now. */
    boolean lentHere() {
        lock.lock();
        try {
            return lentTo != null && lentTo == Thread.currentThread();
        } finally {
            lock.unlock();
        }
    }

    /**
     * On the thread this loop is lent to: runs the window {@code d} here, as its own thread would
     * (the same queues, timers and clock, so the same order), then {@code d.then}. Meanwhile this
     * thread is this loop's: what its tasks send to themselves is queued locally, the timers they
     * arm get their origins, and {@link #current} is this loop. Its own thread may run a window of
     * it this way too while it is held, from inside the window protocol's barrier (windows run in
     * turn without a barrier between them, {@link WindowRelay}).
     */
    void runLent(Drive d) {
        LoopThread me = (LoopThread) Thread.currentThread();
        lock.lock();
        try {
            if (lentTo != me && !heldByItsThread()) throw new IllegalStateException(thread.getName() + " is not lent to " + me.getName()
                    + (lentTo == null ? "" : " but to " + lentTo.getName()));
            if (closing || terminated) throw new IllegalStateException("the actor system of " + thread.getName() + " has terminated");
            if (d.target < now) throw new IllegalArgumentException("cannot go back in time to " + d.target + " µs, the clock is at " + now + " µs");
            drive = d;
        } finally {
            lock.unlock();
        }
        VirtualLoop was = me.running;
        me.running = this;
        try {
            Runnable task;
            while ((task = next(true)) != null) {
                if (task != NOTHING) lastActivity = now;
                runSafely(task);
            }
        } finally {
            me.running = was;
        }
        if (d.then == null) return;   // (windows in turn: nothing to run after, and no lock to take for it)
        Runnable then;
        lock.lock();
        try {
            then = afterDrive;
            afterDrive = null;
        } finally {
            lock.unlock();
        }
        if (then != null) then.run();
    }

    /** On the thread this loop is lent to: its own thread holds it again, and looks at once for work that came meanwhile. */
    void giveBack() {
        lock.lock();
        try {
            if (lentTo != Thread.currentThread()) throw new IllegalStateException(thread.getName() + " is not lent to " + Thread.currentThread().getName());
            lentTo = null;
            workArrived.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the drive {@link #start}ed ends. */
    @Override public void join(Drive request) {
        if (joinSpin.until(() -> request.done)) return;   // a window is often done within microseconds
        lock.lock();
        try {
            awaitDone(request, "advanceTo");
        } finally {
            lock.unlock();
        }
    }

    /** When this loop next has something to do: now if work is queued or running, else its next timer (Long.MAX_VALUE: never). Between drives only. */
    @Override public long nextEventTime() {
        lock.lock();
        try {
            return !ready.isEmpty() || !local.isEmpty() || busy() ? now : timers.nextDeadline();
        } finally {
            lock.unlock();
        }
    }

    /**
     * When this loop next has something to do, given that segments were handed to its links, the
     * earliest to arrive at {@code earliest}: if all that is queued is links' mailboxes (a link's
     * receiving end only arms a timer for each arrival), that time or its next timer; else
     * {@link #nextEventTime()}. Between drives only.
     */
    @Override public long nextEventTimeAfterHandOvers(long earliest) {
        lock.lock();
        try {
            if (busy()) return now;
            // the loop's own thread (a partition running the barrier) handed over into its own queue; others' is only read if empty
            if (isLoopThread() ? !onlyLinks(local) : !local.isEmpty()) return now;
            if (!onlyLinks(ready)) return now;
            return Math.min(earliest, timers.nextDeadline());
        } finally {
            lock.unlock();
        }
    }

    /** True if every task queued is a link's mailbox or segments handed over (a link's receiving end only arms a timer for each arrival). */
    private static boolean onlyLinks(ArrayDeque<Runnable> tasks) {
        for (Runnable task : tasks) {
            if (task instanceof HandOvers) continue;
            if (!(task instanceof org.apache.pekko.dispatch.Mailbox m) || m.actor() == null
                    || !Origins.topLevel(m.actor().self().path()).startsWith("link-")) return false;
        }
        return true;
    }

    /** Ends a window's drive now, as an interrupted driver does: the window protocol's drive was interrupted. */
    void interruptWindow() {
        lock.lock();
        try {
            Drive d = drive;
            // an epoch's drive ends at the epoch's end, every partition at one time (advanceWithin)
            if (d != null && d.then != null && d.horizon == null) finish(d, Drive.Outcome.INTERRUPTED);
        } finally {
            lock.unlock();
        }
    }

    /** Tasks and timers run so far: a waiting driver (of this loop, or of windows relayed among partitions) sees whether it got anywhere. */
    long progress() {
        lock.lock();
        try {
            return tasksRun + localTasksRun.get() + timersFired;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the loop thread is inside a task now (for the same driver's stall report). */
    boolean insideTask() {
        lock.lock();
        try {
            return busy();
        } finally {
            lock.unlock();
        }
    }

    /** True when nothing is queued or running and no one-shot timer is pending. Between drives only. */
    @Override public boolean isIdle() {
        lock.lock();
        try {
            return ready.isEmpty() && local.isEmpty() && !busy() && timers.liveOneShots() == 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the loop thread is running a task now. Held between drives it still runs work sent
     * from outside at once: a barrier's hand-overs run while the coordinator goes on to ask what
     * is left, and while one runs (off the queue, its timer not armed yet) the queues are empty.
     * Counting only the queues let thread timing end a partitioned run early. Under the lock.
     */
    private boolean busy() { return !idle && !terminated; }

    String threadName() { return thread.getName(); }

    /** The clock when this loop last ran anything. Between drives only. */
    @Override public long lastActivity() {
        lock.lock();
        try {
            return lastActivity;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts the clock back to {@code t}, which nothing has happened since (at or after the last
     * task run): the window protocol ending a drive that went idle where one loop would have
     * stopped, at the last event rather than at the window's end. Between drives only.
     */
    @Override public void rewindTo(long t) {
        lock.lock();
        try {
            if (t < lastActivity || t > now) throw new IllegalStateException("rewindTo " + t + ": outside [" + lastActivity + ", " + now + "]");
            now = t;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the loop to finish the drive; an interrupt (Ctrl-C in the console) stops the clock
     * where it is. If the loop makes no progress for a while, says where it is stuck.
     */
    private void awaitDone(Drive request, String method) {
        long progressSeen = progress();
        boolean reported = false;
        while (!request.done) {
            try {
                boolean woken = driveProgress.await(STALL_CHECK_SECONDS, TimeUnit.SECONDS);
                long progress = progress();
                if (!woken && !request.done && !idle && progress == progressSeen && !reported) {
                    reportStall(method);
                    reported = true;
                }
                progressSeen = progress;
            } catch (InterruptedException e) {
                if (!request.done) finish(request, Drive.Outcome.INTERRUPTED);
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Logged straight to SLF4J: Pekko's logging would go through an actor on the stuck thread.
     * The usual cause is an actor waiting (Await, get) for work only this thread could do.
     */
    void reportStall(String method) {
        StringBuilder where = new StringBuilder();
        Thread holder;
        lock.lock();
        try {
            holder = lentTo != null ? lentTo : thread;
        } finally {
            lock.unlock();
        }
        StackTraceElement[] stack = holder.getStackTrace();
        for (int i = 0; i < Math.min(12, stack.length); i++) where.append("\n\tat ").append(stack[i]);
        STALLS.warn("VirtualClock.{} is waiting, and for over {} s the emulation thread has been inside one task;"
                + " an actor may be blocking it (Await or get() inside an actor waits forever on the only thread)."
                + " It is at:{}", method, STALL_CHECK_SECONDS, where);
    }

    /**
     * A snapshot taken between two tasks, never in the middle of one: a task that completes a
     * future and then cancels a timer (Pekko's ask does, in that order) would otherwise let a
     * driver that saw the future complete count the timer as still pending, depending on how the
     * OS scheduled the two threads. From another thread the snapshot is itself queued as a task.
     */
    @Override public VirtualClock.Stats stats() {
        // its own thread running another partition's window, or the thread it is lent to running another's, holds it between tasks
        if (isLoopThread() || Thread.currentThread() == thread || lentHere()) return snapshot();
        java.util.concurrent.CompletableFuture<VirtualClock.Stats> taken = new java.util.concurrent.CompletableFuture<>();
        submit(() -> taken.complete(snapshot())); // runs inline once the thread has ended
        return taken.join();
    }

    /**
     * Queues a task that says so on {@code held} and then keeps this loop between two tasks until
     * {@code release} opens: the window protocol holds every partition at once this way to read
     * their stats. A loop whose thread has ended runs it inline, and then only says so.
     */
    void holdBetweenTasks(java.util.concurrent.CountDownLatch held, java.util.concurrent.CountDownLatch release) {
        submit(() -> {
            held.countDown();
            // only its own thread waits here: another partition's holding it (within a drive) must not stop both
            if (Thread.currentThread() != thread) return;
            boolean interrupted = false;
            while (true) {
                try {
                    release.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        });
    }

    /** The counters now; from another thread, only while the loop is held between tasks ({@link #holdBetweenTasks}). */
    VirtualClock.Stats snapshot() {
        lock.lock();
        try {
            return new VirtualClock.Stats(now, tasksRun + localTasksRun.get(), timersFired, clockJumps, timers.size());
        } finally {
            lock.unlock();
        }
    }

    // ---- the loop thread ----

    private void run() {
        try {
            Runnable task;
            while ((task = next(false)) != null) {
                if (task != NOTHING) lastActivity = now;
                runSafely(task);
                Drive d = drive;
                if (d != null && d.condition != null) checkCondition(d);
            }
        } finally {
            Runnable then;
            lock.lock();
            try {
                terminated = true;
                Drive d = drive;
                if (d != null) finish(d, Drive.Outcome.TERMINATED); // never leave a driver waiting for a dead thread
                driveProgress.signalAll();
                then = afterDrive;
                afterDrive = null;
            } finally {
                lock.unlock();
            }
            if (then != null) then.run();   // the window protocol learns that this partition's window ended (terminated)
        }
    }

    /**
     * The next thing to run at the current time, advancing the clock when allowed; null when
     * closed. On its own thread it waits for work, and while the loop is lent for it to be given
     * back; on the thread it is lent to ({@code lent}), null as soon as the drive is over.
     */
    private Runnable next(boolean lent) {
        if (!externalWork) {
            Runnable task = local.pollFirst();
            if (task != null) {
                localTasksRun.lazySet(localTasksRun.get() + 1);
                return task;
            }
        }
        lock.lock();
        try {
            boolean spun = false;
            while (true) {
                if (!lent && lentTo != null) {
                    // another partition's thread runs this loop's windows: it gives it back and signals
                    workArrived.awaitUninterruptibly();
                    continue;
                }
                Drive taken = drive;
                if (taken != null && taken.takenAtNanos == 0 && !taken.timedByHolder) taken.takenAtNanos = System.nanoTime();
                if (externalWork) {
                    // free-running: work typed in arrives at the wall clock's now, not at the last event's time
                    if (freeRun && local.isEmpty()) {
                        Drive d = drive;
                        jumpTo(Math.min(Math.min(pacer.emulatedNow(), timers.nextDeadline()), d == null ? Long.MAX_VALUE : d.target));
                    }
                    local.addAll(ready);
                    ready.clear();
                    externalWork = false;
                }
                Runnable task = local.pollFirst();
                if (task != null) {
                    tasksRun++;
                    idle = false;
                    return task;
                }
                VirtualTimer due = timers.pollDue(now);
                if (due != null) {
                    timersFired++;
                    idle = false;
                    return due;
                }
                if (closing) return null;
                Drive d = drive;
                if (d == null && freeRun) d = free;
                if (d != null && d.condition != null && !d.conditionChecked) {
                    // Nothing ran since this drive began: run nothing, so run() checks the condition (outside the lock).
                    d.conditionChecked = true;
                    idle = false;
                    return NOTHING;
                }
                if (d != null && advance(d)) continue;
                if (freeRun && d != free) continue;   // a drive just ended: the clock goes on following the wall clock
                idle = true;
                if (lent) return null;   // the drive is over; the holder runs its then
                Runnable then = afterDrive;
                if (then != null) {
                    // held now: the window protocol's barrier runs here, and may start this loop's next window
                    afterDrive = null;
                    lock.unlock();
                    try {
                        then.run();
                    } finally {
                        lock.lock();
                    }
                    // still idle (as the barrier saw it) until it takes work: the loop looks again
                    continue;
                }
                if (!spun && windows != null && pacer == null) {
                    // a partition between windows: the next window usually starts within microseconds
                    spun = true;
                    lock.unlock();
                    try {
                        spin.until(this::woken);
                    } finally {
                        lock.lock();
                    }
                    continue;   // look again under the lock: what came while it spun signalled no one
                }
                // idle stays true until work is taken (above): a window protocol asking in between sees it held
                workArrived.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Nothing is runnable at {@code now}: either jump to the next deadline within the drive's
     * target (true), or finish the drive (false). A drive's condition needs no check here: run()
     * checked it after the last thing that ran.
     */
    private boolean advance(Drive d) {
        if (d.horizon != null) return advanceWithin(d);
        if (d != free && stopRequested()) {
            finish(d, Drive.Outcome.INTERRUPTED);
            return false;
        }
        if (d.stopWhenIdle && timers.liveOneShots() == 0) {
            finish(d, Drive.Outcome.IDLE);
            return false;
        }
        long next = timers.nextDeadline();
        if (pacer != null && !wallReached(d, Math.min(next, d.target))) return true;
        if (next <= d.target) {
            jumpTo(next);
            return true;
        }
        jumpTo(d.target);
        finish(d, Drive.Outcome.REACHED_TARGET);
        return false;
    }

    /**
     * As {@link #advance}, in an epoch ({@link Horizons}): the other partitions say how far the
     * clock may go, and hand over what crossed first (then it runs that, at {@code now}); the
     * loop waits for them, its lock free, while it may not move. A stop or an interrupt is seen at
     * the epoch's end, where every partition is held at one time: one that stopped alone could
     * still send a segment another has passed.
     */
    private boolean advanceWithin(Drive d) {
        long next = timers.nextDeadline();
        long to;
        lock.unlock();
        try {
            to = d.horizon.allow(now, next, () -> drive != d || externalWork || closing);
        } finally {
            lock.lock();
        }
        if (drive != d || externalWork || !local.isEmpty()) return true;   // look again: what crossed, or work from outside, runs first
        next = timers.nextDeadline();
        if (next <= to) {
            jumpTo(next);
            return true;
        }
        jumpTo(to);
        if (to < d.target) return true;
        finish(d, Drive.Outcome.REACHED_TARGET);
        return false;
    }

    /**
     * Real time: true once the wall clock has reached {@code goal}; otherwise sleeps towards it
     * (a signal, new work or {@link Pacer#MAX_SLEEP_NANOS} wakes it sooner), moves the clock up
     * to where the wall is, and returns false so the loop looks again.
     */
    private boolean wallReached(Drive d, long goal) {
        long nanos = pacer.nanosUntil(goal);
        if (nanos == 0) return true;
        sleepingTowards = goal;
        idle = true;
        try {
            if (goal == Long.MAX_VALUE) workArrived.awaitNanos(nanos);   // nothing scheduled: only work can wake it
            else pacer.wall().sleep(workArrived, nanos);
        } catch (InterruptedException ignored) {
            // nobody interrupts the loop thread (close() signals it); the loop looks again either way
        } finally {
            idle = false;
            sleepingTowards = -1;
        }
        if (drive == d || (d == free && drive == null)) jumpTo(Math.min(pacer.emulatedNow(), goal));
        return false;
    }

    private boolean stopRequested() { return asked(stop); }

    /** Something for an idle partition to do: a drive (the next window) or work from outside. Read without the lock. */
    private boolean woken() { return drive != null || externalWork || closing; }

    /** Whether a stop hook says stop; one that throws counts as yes (a broken hook must not keep a run going). */
    static boolean asked(java.util.function.BooleanSupplier stop) {
        try {
            return stop != null && stop.getAsBoolean();
        } catch (RuntimeException e) {
            return true;
        }
    }

    private void jumpTo(long t) {
        if (t > now) {
            now = t;
            clockJumps++;
        }
    }

    private void checkCondition(Drive d) {
        d.conditionChecked = true;
        boolean holds = conditionHolds(d);
        if (!holds && d.failure == null) return;
        lock.lock();
        try {
            if (drive == d) finish(d, Drive.Outcome.CONDITION_MET);
        } finally {
            lock.unlock();
        }
    }

    private static boolean conditionHolds(Drive d) {
        try {
            return d.condition.getAsBoolean();
        } catch (RuntimeException | Error e) {
            d.failure = e;
            return true;
        }
    }

    private void finish(Drive d, Drive.Outcome outcome) {
        if (!d.timedByHolder) {
            d.finishedAtNanos = System.nanoTime();
            if (d.takenAtNanos != 0) d.ranNanos = d.finishedAtNanos - d.takenAtNanos;
        }
        d.outcome = outcome;
        d.done = true;
        drive = null;
        if (d.then != null) afterDrive = d.then;
        driveProgress.signalAll();
    }

    private void runSafely(Runnable task) {
        // a timer runs as its origin; a mailbox as its actor's; any other task (a future callback) as the work before it, which is the same in every run
        if (task instanceof VirtualTimer timer) {
            origin = timer.origin;
            originOf = null;
        } else if (task instanceof org.apache.pekko.dispatch.Mailbox m && m.actor() != null) {
            originOf = m;
        }
        try {
            task.run();
        } catch (Throwable t) {
            log.error(t, "task failed on the virtual-time thread: {}", task);
        }
    }

    /** Loop thread only: what runs from now on is the work of {@code origin} (a task that acts for several actors in turn, {@link HandOvers}). */
    void workOf(long origin) {
        this.origin = origin;
        originOf = null;
    }

    /** Loop thread only: runs {@code work} as the work of {@code origin}, then goes back to the work that ran ({@link LoopWork}). */
    <T> void runAs(long origin, java.util.function.Consumer<T> work, T arg) {
        long before = this.origin;
        org.apache.pekko.dispatch.Mailbox beforeOf = originOf;
        this.origin = origin;
        originOf = null;
        try {
            work.accept(arg);
        } finally {
            this.origin = before;
            originOf = beforeOf;
        }
    }

    /**
     * On the thread this loop is lent to (or its own, holding it between windows): runs
     * {@code work} now as this loop's, as the work of {@code origin}, whatever loop the thread
     * runs at the moment. Windows run in turn hand a segment that crosses straight to its
     * receiving end this way ({@link Windows#post}), the receiver being lent to the same thread.
     */
    void runHereAs(long origin, Runnable work) {
        LoopThread me = (LoopThread) Thread.currentThread();
        VirtualLoop was = me.running;
        me.running = this;
        try {
            runAs(origin, Runnable::run, work);
        } finally {
            me.running = was;
        }
    }

    /** The origin of the work running now (loop thread only). */
    private long origin() {
        org.apache.pekko.dispatch.Mailbox m = originOf;
        if (m != null) {
            origin = origins.of(m, origin);
            originOf = null;
        }
        return origin;
    }

    static long saturatedAdd(long a, long b) { return io.tcpemu.tcp.TimeHorizon.plus(a, b); }
}
