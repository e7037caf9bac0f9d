package io.tcpemu.time;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
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
 *
 * <p>A partition is a {@link WindowMember}: a loop in this JVM, or one on another node of a
 * cluster ({@link RemoteMember} over a {@link RemotePartition}); the protocol is the same. A node
 * that serves partitions for a driver elsewhere runs them one window at a time ({@link #serve}),
 * its partitions run elsewhere standing in as {@link #ELSEWHERE}, and sends back what crossed.
 */
final class Windows {
    /** A partition run by neither this driver nor this server: another node serves it. */
    private static final WindowMember ELSEWHERE = new WindowMember() {
        @Override public void start(Drive d) {}
        @Override public void join(Drive d) { d.outcome = Drive.Outcome.REACHED_TARGET; }
        @Override public long now() { return 0; }
        @Override public long nextEventTime() { return Long.MAX_VALUE; }
        @Override public long nextEventTimeAfterHandOvers(long earliest) { return Long.MAX_VALUE; }
        @Override public boolean isIdle() { return true; }
        @Override public long lastActivity() { return 0; }
        @Override public void rewindTo(long t) {}
        @Override public VirtualClock.Stats stats() { return new VirtualClock.Stats(0, 0, 0, 0, 0); }
        @Override public long cpuTimeNanos() { return 0; }
    };

    private final List<WindowMember> loops;
    private final long lookahead;
    private final List<Runnable> barrierHooks = new ArrayList<>();
    /** Segments on their way to another partition, handed over at the next barrier. */
    private final ConcurrentLinkedQueue<RemotePartition.Crossing> posts = new ConcurrentLinkedQueue<>();
    /** The receiving ends in this JVM, by link name. */
    private final Map<String, HandOvers.Receiver> receivers = new ConcurrentHashMap<>();
    /** Per partition in this JVM: what the barrier hands over to it, queued there in one task once all is sorted out. */
    private final HandOvers[] handOvers;
    /** In an epoch, what crossed to each partition and is taken there in one task; each touched by its partition's thread only. */
    private final HandOvers[] epochHandOvers;
    private volatile Consumer<Object> gatheredSink = g -> { };
    private final ReentrantLock driverLock = new ReentrantLock();
    private volatile long now;
    private volatile String failure;
    private volatile java.util.function.BooleanSupplier stop;
    private long windows;
    /** Windows in which partitions ran on several threads at once (the others ran on one thread, one partition after another). */
    private long windowsApart;
    /** Windows a partition's thread was woken for (started by another thread), and the wall nanos from start to its taking it up. */
    private long handOffs, handOffNanos;
    private long barrierWaitNanos;
    /** Barriers that ran their hooks (the trace): one per window, but one per run of windows in turn on one thread. */
    private long barriers;
    private long busyNanos;
    /** Per partition, since the last barrier: segments handed over (queued there, not yet taken) and the earliest delivery time among them. */
    private final int[] handedOver;
    private final long[] earliestHandedOver;

    /** @param lookahead emulated µs; Long.MAX_VALUE when no link joins two partitions */
    Windows(List<VirtualLoop> loops, long lookahead) { this(loops, Map.of(), lookahead); }

    /**
     * @param local   partition k's loop at index k, or null where it runs elsewhere
     * @param remotes the partitions other nodes run for this driver, by index; a partition neither
     *                here nor there is {@link #ELSEWHERE} (this is a server: {@link #serve})
     */
    Windows(List<VirtualLoop> local, Map<Integer, RemotePartition> remotes, long lookahead) {
        if (lookahead <= 0) throw new IllegalArgumentException("a lookahead must be > 0 µs, got " + lookahead);
        this.lookahead = lookahead;
        List<WindowMember> members = new ArrayList<>();
        for (int k = 0; k < local.size(); k++) {
            VirtualLoop loop = local.get(k);
            RemotePartition remote = remotes.get(k);
            if (loop != null) {
                loop.partition = k;
                loop.windows = this;
            }
            members.add(loop != null ? loop : remote != null ? new RemoteMember(remote, this) : ELSEWHERE);
        }
        this.loops = List.copyOf(members);
        this.relayed = remotes.isEmpty() && !local.isEmpty() && local.stream().allMatch(l -> l != null && l.pacer() == null);
        this.measured = new WindowRelay.Measured(this.loops.size());
        this.handedOver = new int[this.loops.size()];
        this.handOvers = new HandOvers[this.loops.size()];
        this.epochHandOvers = new HandOvers[this.loops.size()];
        for (int k = 0; k < handOvers.length; k++) {
            handOvers[k] = new HandOvers(this, k);
            epochHandOvers[k] = new HandOvers(this, k);
        }
        this.earliestHandedOver = new long[this.loops.size()];
        this.viaBarrier = new boolean[this.loops.size()];
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

    /** The index of the partition whose work runs on this thread now, or -1. */
    int partitionHere() {
        VirtualLoop mine = VirtualLoop.current();
        return mine != null && mine.windows == this ? mine.partition : -1;
    }

    void onBarrier(Runnable hook) { barrierHooks.add(hook); }

    void stopWhen(java.util.function.BooleanSupplier condition) { stop = condition; }

    int indexOf(VirtualLoop loop) { return loops.indexOf(loop); }

    /** The time every partition is held at between windows. */
    long heldAt() { return now; }

    /** Segments for link {@code link} arriving in this JVM are told to {@code receivingEnd}. */
    void receiveOn(String link, Consumer<Object> receivingEnd) { receivers.put(link, HandOvers.Receiver.told(receivingEnd)); }

    /**
     * Segments for link {@code link} arriving in this JVM are taken by {@code take} on the receiving
     * partition's thread, as the work of the actor whose path is {@code end} (its origin), or, if
     * it returns false, told to {@code receivingEnd} from there.
     */
    void receiveOn(String link, org.apache.pekko.actor.ActorPath end, java.util.function.Predicate<Object> take, Consumer<Object> receivingEnd) {
        receivers.put(link, new HandOvers.Receiver(receivingEnd, Origins.of(end), take, link));
    }

    /** Gets what a partition elsewhere gathered in each window (its trace), before the barrier's hooks run. */
    void onGathered(Consumer<Object> sink) { gatheredSink = sink; }

    void gathered(Object g) { gatheredSink.accept(g); }

    /**
     * A segment sent at {@code sentAt} by link {@code link} arrives in partition {@code to} at
     * {@code at}: {@code deliver} runs there (from the coordinator, the partition held) at the
     * next barrier. A hand-over sooner than the lookahead ends the run: the window that let the
     * receiver run on might already have passed {@code at}.
     */
    void post(RemotePartition.Crossing c) {
        // with no link between partitions (no lookahead) only what is no segment crosses: it is handed at the next barrier
        if (lookahead != Long.MAX_VALUE && c.at() - c.sentAt() < lookahead) fail("link " + c.link() + " delivers a segment " + (c.at() - c.sentAt()) + " µs after sending it,"
                + " less than the partitions' lookahead (" + lookahead + " µs, the smallest delay of a link between partitions);"
                + " keep its delay at or above that, or place both its hosts on one partition");
        Horizons e = epoch;
        if (e != null) e.post(c, partitionHere());   // windows run apart without barriers: straight to the receiver's inbox
        else if (Thread.currentThread() == inTurn) takeInTurn(c);
        else posts.add(c);
    }

    /**
     * In windows run in turn, on the thread that runs them all: {@code c} is taken by its
     * receiving end at once, on this thread, as the receiver's work (its loop is lent here), not
     * at the next barrier in a task of its own. It arrives a lookahead after it was sent, past the
     * receiver's clock and the window's end either way; taken now, the timer it arms counts in the
     * receiver's next event at once, and a receiver with nothing else due is not woken for the
     * hand-over alone. What has no such receiving end waits for the barrier.
     */
    private void takeInTurn(RemotePartition.Crossing c) {
        VirtualLoop to = (VirtualLoop) loops.get(c.to());
        if (inReceiversPast(c, to.now())) return;
        HandOvers.Receiver end = receivers.get(c.link());
        int k = c.to();
        if (end == null || end.take() == null || viaBarrier[k] || handOvers[k].queued() || !handOvers[k].isEmpty()) {
            // what was handed to it before and waits there is taken first: a link keeps its segments in the order they were sent
            viaBarrier[k] = true;
            inTurnPosts.add(c);
        } else {
            to.runHereAs(end.origin(), () -> HandOvers.take(this, k, end, c.message()));
        }
    }

    /**
     * While windows run in turn on one thread ({@link WindowRelay#runInTurn}): that thread. Every
     * partition is lent to it, so what crosses is all posted there and taken at once
     * ({@link #takeInTurn}), or kept in a list it alone touches, not {@link #posts} (a node and two
     * compare-and-sets a segment, about ten segments a lifecycle). Plain: only the thread that set
     * it can find itself in it.
     */
    private Thread inTurn;
    /** What crossed in windows run in turn and was not taken at once, in the order it was posted; handed over at each barrier as {@link #posts} are. */
    private final ArrayList<RemotePartition.Crossing> inTurnPosts = new ArrayList<>();
    /** Per partition: something for it waits in {@link #inTurnPosts} until the next barrier, so what follows waits too. */
    private final boolean[] viaBarrier;

    /** On the thread that runs windows in turn: from now on (true) until false, what it posts is kept in {@link #inTurnPosts}. */
    void inTurn(boolean on) { inTurn = on ? Thread.currentThread() : null; }

    /** While windows run apart without a barrier after each: that epoch. */
    private volatile Horizons epoch;

    /**
     * Relayed, windows about to run apart from {@code windowEnd} on: an epoch of them without a
     * barrier after each ({@link Horizons}), begun; or null when the drive needs every window's
     * barrier. Every partition is held.
     */
    Horizons openEpoch(Plan plan, long windowEnd) {
        if (!Horizons.suits(plan.request, lookahead)) return null;
        long[] clocks = new long[loops.size()];
        for (int i = 0; i < clocks.length; i++) clocks[i] = loops.get(i).now();
        Horizons e = new Horizons(new Horizons.Protocol() {
            @Override public void deliver(RemotePartition.Crossing c, long receiverNow) {
                if (!inReceiversPast(c, receiverNow)) deliverNow(c);
            }

            @Override public void leftOver(RemotePartition.Crossing c) { posts.add(c); }
        }, lookahead, clocks, now, Horizons.endOf(windowEnd, plan.request.target, lookahead));
        epoch = e;
        return e;
    }

    /** The epoch is over, every partition held at its end, before its barrier: what crossed and was not taken is handed over there. */
    void closeEpoch(Horizons e) {
        epoch = null;
        e.close();
        barrierWaitNanos += e.waitedNanos();
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
        if (Thread.currentThread() == barrierThread) return;   // the barrier, run on a partition's thread, hands segments over
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

    /**
     * An order from the driving thread between windows, every partition held at {@link #heldAt}:
     * its receiving end takes it at that instant, in this JVM at once (on this thread), on another
     * node with the next window, before that window runs. So an order given from outside the run
     * (the console's or a script's) reaches every partition at one instant, as it would one.
     */
    void tellHeld(int to, String link, Object message) {
        if (isLoopThread()) throw new IllegalStateException("an order for every partition at one instant must come from the driving thread, not an emulation thread");
        driverLock.lock();
        try {
            deliver(new RemotePartition.Crossing(to, now, now, link, message));
        } finally {
            driverLock.unlock();
        }
    }

    /** Drives every partition in windows until {@code request} ends; the same outcomes as one loop's drive. */
    Drive.Outcome drive(Drive request, String method) {
        if (isLoopThread()) throw new IllegalStateException("VirtualClock." + method + " was called on an emulation thread;"
                + " it would wait for itself forever. Call it from a test, console or driver thread instead.");
        driverLock.lock();
        try {
            if (request.target < now) throw new IllegalArgumentException("VirtualClock." + method
                    + ": cannot go back in time to " + request.target + " µs, the clock is at " + now + " µs");
            // Work sent from outside (a test, the console) runs at once, even with the clocks held:
            // let every partition finish it before anything is decided, as one loop checks a condition after each task.
            runWindow(now);
            Plan plan = new Plan(request, now);
            if (relayed) return new WindowRelay(this, loops, measured, plan, method, this::relayedWindowEnded).await();
            while (true) {
                long end = plan.nextWindow();
                if (end < 0) return plan.outcome;
                runWindow(end);
            }
        } finally {
            driverLock.unlock();
        }
    }

    /**
     * What a drive does between two windows, wherever the barrier runs: ends the drive (its
     * outcome set) or says where the next window ends. Every partition is held when it runs.
     */
    final class Plan {
        final Drive request;
        final long from;
        Drive.Outcome outcome;
        /** The window to the drive's target has been run: the next barrier ends the drive. */
        private boolean last;
        /** Set by an interrupted driver: the next barrier ends the drive. */
        volatile boolean interrupted;

        Plan(Drive request, long from) {
            this.request = request;
            this.from = from;
        }

        /** Where the next window ends, or -1 with {@link #outcome} set: the drive is over. */
        long nextWindow() {
            check();
            if (last) return over(Drive.Outcome.REACHED_TARGET);
            if (interrupted || stopRequested()) return over(Drive.Outcome.INTERRUPTED);
            if (request.condition != null && holds(request)) return over(Drive.Outcome.CONDITION_MET);
            if (request.stopWhenIdle && allIdle()) {
                check();
                stopAtLastEvent(from);
                return over(Drive.Outcome.IDLE);
            }
            long next = nextEvent();
            if (next > request.target) {
                last = true;
                return request.target;
            }
            // a condition is checked between windows: one instant at a time, so the clock stops where it first holds
            long end = request.condition != null ? next : VirtualLoop.saturatedAdd(next, lookahead) - 1;
            return Math.min(request.target, end);
        }

        private long over(Drive.Outcome o) {
            outcome = o;
            return -1;
        }

        /**
         * Whether this drive's windows may run in turn on one thread without a barrier between
         * them ({@link WindowRelay}): nothing in it needs every instant's barrier (a condition
         * stops at the instant it first holds), and some link joins partitions.
         */
        boolean inTurn() {
            return request.condition == null && lookahead != Long.MAX_VALUE && !"false".equals(System.getProperty(IN_TURN));
        }

        /**
         * Between two windows run in turn (their segments handed over, no hooks run): where the
         * next ends, as {@link #nextWindow} would say, or -1 when a barrier must come first: a
         * failure, an interrupt or a stop, every partition idle in a drive that stops there, or
         * the next event past {@code until} or the drive's target.
         */
        long nextInTurn(long until) {
            if (failure != null || interrupted || stopRequested()) return -1;
            if (request.stopWhenIdle && allIdle()) return -1;
            long next = nextEvent();
            if (next > until || next > request.target) return -1;
            return Math.min(request.target, VirtualLoop.saturatedAdd(next, lookahead) - 1);
        }
    }

    /**
     * {@code tcpemu.time.in-turn=false}: windows judged to run on one thread each end with the
     * whole barrier (its hooks, the trace), as before, for measuring.
     */
    static final String IN_TURN = "tcpemu.time.in-turn";

    /** Every partition runs in this JVM: they run the barrier themselves ({@link WindowRelay}). */
    private final boolean relayed;
    /** Relayed: what decides, from drive to drive, whether windows run on one thread or apart. */
    private final WindowRelay.Measured measured;
    /** While a partition's thread runs the barrier: that thread (it may hand segments to other partitions' links). */
    private volatile Thread barrierThread;

    /** On the thread that runs the barrier: marks it while it hands over (before any partition is started again), then ends the window. */
    void relayedWindowEnded(Drive[] drives, long started, long end) { relayedWindowEnded(drives, started, System.nanoTime(), end, true); }

    /**
     * As {@link #relayedWindowEnded(Drive[], long, long)}, the window's work over at wall nanos
     * {@code finished}; without {@code hooks} (a window run in turn on one thread, another
     * following it before the barrier's hooks, {@link WindowRelay}) only what crossed is handed
     * over, and {@link #relayedHooks} runs them once the run in turn ends.
     */
    void relayedWindowEnded(Drive[] drives, long started, long finished, long end, boolean hooks) {
        barrierThread = Thread.currentThread();
        try {
            ended(drives, started, finished, end, hooks);
        } finally {
            barrierThread = null;
        }
    }

    /** The hooks of a barrier whose segments were handed over by {@link #relayedWindowEnded} without them. */
    void relayedHooks() {
        barrierThread = Thread.currentThread();
        try {
            runHooks();
        } finally {
            barrierThread = null;
        }
    }

    private void ended(Drive[] drives, long started, long end) { ended(drives, started, System.nanoTime(), end, true); }

    /** The barrier after a window to {@code end}: its figures, then what crossed handed over and the hooks run (if {@code hooks}). */
    private void ended(Drive[] drives, long started, long finished, long end, boolean hooks) {
        // only partitions that ran on threads of their own waited for each other; one lent to another's thread ran in turn
        long last = 0;
        int threads = 0;
        for (Drive d : drives) {
            if (d == null || d.lent) continue;
            last = Math.max(last, d.finishedAtNanos);
            threads++;
        }
        for (Drive d : drives) {
            if (d == null) continue;
            if (threads >= 2 && !d.lent) barrierWaitNanos += Math.max(0, last - d.finishedAtNanos);
            if (d.handedOff && d.takenAtNanos != 0) {
                handOffs++;
                handOffNanos += Math.max(0, d.takenAtNanos - d.startedAtNanos);
            }
            if (d.outcome == Drive.Outcome.TERMINATED) fail("a partition's actor system terminated during the run");
        }
        if (threads >= 2) windowsApart++;
        busyNanos += finished - started;
        now = end;
        windows++;
        barrier(hooks);
    }

    /** Every partition runs up to {@code end} at once; then the barrier. */
    private void runWindow(long end) {
        long started = System.nanoTime();
        Drive[] drives = new Drive[loops.size()];
        for (int i = 0; i < drives.length; i++) {
            // a partition with nothing to do in the window is not woken: its clock is moved to the end
            if (loops.get(i).skipTo(end)) continue;
            drives[i] = Drive.to(end);
            startHandingOff(loops.get(i), drives[i]);
        }
        for (int i = 0; i < drives.length; i++) {
            if (drives[i] != null) loops.get(i).join(drives[i]);
        }
        ended(drives, started, end);
    }

    /** Starts {@code d} on {@code m}, counted as a hand-off unless the calling thread is the one that runs it. */
    static void startHandingOff(WindowMember m, Drive d) {
        d.handedOff = m != VirtualLoop.current();
        d.startedAtNanos = System.nanoTime();
        m.start(d);
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
            WindowMember loop = loops.get(i);
            next = Math.min(next, handedOver[i] == 0 ? loop.nextEventTime() : loop.nextEventTimeAfterHandOvers(earliestHandedOver[i]));
        }
        // Work told to a held partition at the barrier (news from another node) may have finished and
        // sent something on since: its sender was busy then, which counts as its time. Read after the
        // loops, so what such work sent before it finished is seen here.
        if (!posts.isEmpty()) for (RemotePartition.Crossing c : posts) next = Math.min(next, c.sentAt());
        return next;
    }

    /** Hands over what crossed, checking each against its receiver's clock, then runs the hooks (the trace) if {@code hooks}. */
    private void barrier(boolean hooks) {
        java.util.Arrays.fill(handedOver, 0);
        java.util.Arrays.fill(earliestHandedOver, Long.MAX_VALUE);
        if (!inTurnPosts.isEmpty()) {
            for (int i = 0; i < inTurnPosts.size(); i++) handOver(inTurnPosts.get(i));
            inTurnPosts.clear();
            java.util.Arrays.fill(viaBarrier, false);   // queued there now: HandOvers.queued() holds what follows back until it ran
        }
        for (RemotePartition.Crossing p; (p = posts.poll()) != null; ) handOver(p);
        queueHandOvers();
        if (hooks) runHooks();
    }

    /** At the barrier: {@code p} to its receiving end, checked against its receiver's clock, and counted in the receiver's next event. */
    private void handOver(RemotePartition.Crossing p) {
        if (inReceiversPast(p, loops.get(p.to()).now())) return;
        deliver(p);
        handedOver[p.to()]++;
        earliestHandedOver[p.to()] = Math.min(earliestHandedOver[p.to()], p.at());
    }

    /**
     * The check every hand-over makes (at a barrier, in an epoch, in turn): a segment due at or
     * before its receiver's clock ends the run, as the window that let the receiver run on has
     * passed its time; true then.
     */
    private boolean inReceiversPast(RemotePartition.Crossing c, long receiverNow) {
        if (c.at() > receiverNow) return false;
        fail("partition " + c.to() + " would receive a segment of link " + c.link() + " at " + c.at()
                + " µs, in its past (its clock is at " + receiverNow + " µs)");
        return true;
    }

    private void runHooks() {
        barriers++;
        for (Runnable hook : barrierHooks) hook.run();
    }

    /** To its receiving end here, or with the next window of the node that runs its partition. */
    private void deliver(RemotePartition.Crossing c) {
        if (loops.get(c.to()) instanceof RemoteMember remote) {
            remote.receive(c);
            return;
        }
        HandOvers.Receiver end = receivers.get(c.link());
        if (end == null) {
            if (c.message() instanceof Runnable code) code.run();   // handed over as code, in one JVM
            else fail("no receiving end of link " + c.link() + " in partition " + c.to());
        } else if (end.take() == null) {
            end.told().accept(c.message());
        } else {
            // the last window's, run there by now (its window took it), is filled again; one still waiting is left alone
            if (handOvers[c.to()].queued()) handOvers[c.to()] = new HandOvers(this, c.to());
            handOvers[c.to()].add(end, c.message());
        }
    }

    /**
     * In an epoch, on the receiving partition's own thread as it takes its inbox: taken by its
     * receiving end in a task queued there now (what this drain of the inbox brought, in one
     * {@link HandOvers}, run before the clock moves), not kept for the barrier's hand-over task,
     * which only comes when the epoch ends, after the partition has passed the segment's time.
     */
    private void deliverNow(RemotePartition.Crossing c) {
        HandOvers.Receiver end = receivers.get(c.link());
        if (end == null || loops.get(c.to()) instanceof RemoteMember) deliver(c);
        else if (end.take() == null) end.told().accept(c.message());
        else {
            // taken in one task, as at a barrier: a message to the receiving end per segment cost more than the segment
            HandOvers h = epochHandOvers[c.to()];
            h.add(end, c.message());
            if (!h.queued()) h.queueOn((VirtualLoop) loops.get(c.to()));
        }
    }

    /** What {@link #deliver} kept for partitions here: one task each, queued behind what they have. */
    private void queueHandOvers() {
        for (int k = 0; k < handOvers.length; k++) {
            if (!handOvers[k].isEmpty() && !handOvers[k].queued()) handOvers[k].queueOn((VirtualLoop) loops.get(k));
        }
    }

    /**
     * The serving side of one window, for a driver on another node: hands over what crossed to
     * this node's partitions, runs them up to {@code end}, and reports what they sent on (every
     * crossing goes back through the driver, which owns the barrier) and when they next have work.
     *
     * @param gather takes what was gathered for the driver in the window (the trace), or null
     * @throws PartitionFailure a rule of the protocol was broken here
     */
    RemotePartition.Report serve(long end, List<RemotePartition.Crossing> received, java.util.function.Supplier<Object> gather) {
        driverLock.lock();
        try {
            check();
            for (RemotePartition.Crossing c : received) deliver(c);
            queueHandOvers();
            Drive[] drives = new Drive[loops.size()];
            for (int i = 0; i < drives.length; i++) {
                drives[i] = Drive.to(end);
                loops.get(i).start(drives[i]);
            }
            for (int i = 0; i < drives.length; i++) {
                loops.get(i).join(drives[i]);
                if (drives[i].outcome == Drive.Outcome.TERMINATED) fail("a partition's actor system terminated during the run");
            }
            now = end;
            windows++;
            if (loops.stream().filter(VirtualLoop.class::isInstance).count() >= 2) windowsApart++;   // each on its own thread
            check();
            List<RemotePartition.Crossing> sent = new ArrayList<>();
            for (RemotePartition.Crossing c; (c = posts.poll()) != null; ) sent.add(c);
            long next = Long.MAX_VALUE, last = 0;
            boolean idle = true;
            for (WindowMember m : loops) {
                next = Math.min(next, m.nextEventTime());
                idle &= m.isIdle();
                last = Math.max(last, m.lastActivity());
            }
            // no counters: taking them queues a task on each loop, which would count as activity
            return new RemotePartition.Report(end, next, idle, last, sent, gather == null ? null : gather.get(), null, cpuTimeNanos());
        } finally {
            driverLock.unlock();
        }
    }

    /** Lets the partitions other nodes serve for this driver go. */
    void closeRemotes() {
        for (WindowMember m : loops) if (m instanceof RemoteMember remote) remote.close();
    }

    /** The serving side of {@link RemotePartition#rewindTo}. */
    void rewindServed(long t) {
        driverLock.lock();
        try {
            for (WindowMember m : loops) m.rewindTo(t);
            now = t;
        } finally {
            driverLock.unlock();
        }
    }

    /** As one loop stops when it goes idle: at the last thing that ran (not before the drive began), not at the window's end. */
    private void stopAtLastEvent(long from) {
        long last = from;
        for (WindowMember loop : loops) last = Math.max(last, loop.lastActivity());
        for (WindowMember loop : loops) loop.rewindTo(last);
        now = last;
    }

    private void check() {
        String f = failure;
        if (f != null) throw new PartitionFailure(f);
    }

    private boolean allIdle() {
        if (!posts.isEmpty()) return false;
        for (WindowMember loop : loops) if (!loop.isIdle()) return false;
        return true;
    }

    private static boolean holds(Drive d) {
        try {
            return d.condition.getAsBoolean();
        } catch (RuntimeException | Error e) {
            throw new IllegalStateException("the condition threw " + e, e);
        }
    }

    private boolean stopRequested() { return VirtualLoop.asked(stop); }

    /** Windows run so far (and how many of them on several threads), wall nanos partitions waited at barriers for the slowest, wall nanos inside windows. */
    VirtualClock.WindowStats stats() {
        return new VirtualClock.WindowStats(loops.size(), lookahead == Long.MAX_VALUE ? -1 : lookahead, windows, windowsApart, handOffs, handOffNanos, barrierWaitNanos, busyNanos, barriers);
    }

    private VirtualClock.Stats sum(List<VirtualClock.Stats> each) {
        long tasks = 0, timers = 0, jumps = 0;
        int pending = 0;
        for (VirtualClock.Stats s : each) {
            tasks += s.tasksRun();
            timers += s.timersFired();
            jumps += s.clockJumps();
            pending += s.pendingTimers();
        }
        return new VirtualClock.Stats(now, tasks, timers, jumps, pending);
    }

    /** The partitions' counters added up; the clock is the time they are held at. */
    VirtualClock.Stats sumStats() {
        // Every partition held between two tasks at once, not one after another: a task on one
        // partition's thread can cancel a timer of another's (an ask from the driver times out on
        // partition 0, its reply completes it on the replying host's partition, which then cancels
        // that timer), so a loop read while another is inside such a task counts a dead timer.
        if (isLoopThread()) return sum(loops.stream().map(WindowMember::stats).toList());   // a partition cannot hold itself
        List<VirtualLoop> here = loops.stream().filter(VirtualLoop.class::isInstance).map(VirtualLoop.class::cast).toList();
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(here.size());
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        for (VirtualLoop loop : here) loop.holdBetweenTasks(held, release);
        try {
            held.await();
            // partitions on other nodes are between windows here: their last report stands
            return sum(loops.stream().map(m -> m instanceof VirtualLoop loop ? loop.snapshot() : m.stats()).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the partitions' stats", e);
        } finally {
            release.countDown();
        }
    }

    long cpuTimeNanos() {
        long sum = 0;
        for (WindowMember loop : loops) {
            long t = loop.cpuTimeNanos();
            if (t < 0) return -1;
            sum += t;
        }
        return sum;
    }
}
