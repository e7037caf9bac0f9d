package io.tcpemu.time;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Windows that run apart without a barrier after each one: for a stretch of a drive (an
 * <em>epoch</em>, at most {@link #EPOCH_LOOKAHEADS} lookaheads long) every partition runs on its
 * own thread up to its own horizon, the conservative protocol of Chandy, Misra and Bryant without
 * null messages. Each partition publishes its <em>bound</em>: its clock, which it never runs
 * anything before again (in an epoch a loop's clock only moves forward). Partition p may run up to
 * (the smallest bound of the others) + lookahead − 1: anything another sends from now on is sent
 * at its bound or later and arrives a lookahead after that. A segment that crosses is pushed into
 * its receiver's inbox when it is sent, before its sender publishes a later bound, and the
 * receiver reads the bounds before it empties its inbox, so it has every segment that could
 * arrive within its horizon before it moves there (each still checked: never in its past). It
 * looks again only once its clock is to pass that horizon: it moves even while segments keep
 * coming (they arrive past it), rather than stand at one instant taking them one by one while
 * the one that sends them comes to wait for it.
 *
 * <p>Why: with a barrier after each window both threads wait, every window, for the slower of the
 * two, and the one that waited longer than its spin parks and has to be woken (measured on 2 cores,
 * 1 ms links: hundreds of µs a wake-up). Here a partition waits only when it is a whole lookahead
 * ahead of another, and the imbalance of one window is made up in the next.
 *
 * <p>What needs every partition at one instant stays at the barrier the epoch ends with: the
 * trace's merge and the other barrier hooks, the drive's end, a condition (a drive with one, or
 * one that stops when idle, never runs epochs), failures and interrupts (seen at the epoch's end,
 * which is why an epoch is bounded). Who ran what never shows in the results: each partition runs its
 * events in the order of their times, each segment taken before its time, as in a window.
 */
final class Horizons {
    /**
     * The longest epoch, in lookaheads: failures, interrupts and the trace wait for its end. Why
     * not shorter: each end costs both partitions, the first to reach it idles until the other
     * has caught up (up to a lookahead of its work), the barrier runs, and the one that did not
     * run it is woken again; with 32 lookaheads (1 ms links, the bench's standard workload) that
     * was about 0.15 s of each partition's 5-6 s, with 256 about 0.05 s. An epoch of 256 ms
     * emulated still ends within tens of ms of wall time at the bench's pace.
     */
    static final int EPOCH_LOOKAHEADS = 256;
    /** {@code tcpemu.time.horizons=false} runs windows apart with a barrier after each, as before (for measuring). */
    static final String PROPERTY = "tcpemu.time.horizons";
    /** How long a waiting partition watches the others' bounds, yielding, before it parks, wall nanos (not on a busy machine: {@link Spin}). */
    static final long WATCH_NANOS = 200_000;
    /** A parked partition looks again after this long in any case (work from outside does not wake it), wall nanos. */
    private static final long PARK_NANOS = 200_000;

    /** What the epoch needs of the window protocol. */
    interface Protocol {
        /** Hands a crossing to its receiving end, on the receiver's thread, its clock at {@code receiverNow} (one in its past fails the run). */
        void deliver(RemotePartition.Crossing c, long receiverNow);

        /** Takes the crossings no one took before the epoch ended: they are handed over at its barrier. */
        void leftOver(RemotePartition.Crossing c);
    }

    /** One partition's side of an epoch. */
    final class Side {
        final int index;
        /** Its clock, which it runs nothing before again; Long.MAX_VALUE once its epoch is over. */
        volatile long bound;
        /** Its thread while it waits for the others (parked or about to be), else null. */
        volatile Thread waiting;
        /** While it is parked: the smallest bound of the others it waits for (one that lets it move a step). */
        volatile long wanted;
        /** What each other partition sent it, by sender ({@link CrossingQueue}: one adder, one taker); null at its own index. */
        final CrossingQueue[] inboxes;
        /** What was sent it from a thread that runs no partition of the epoch (none in a run: kept so nothing is lost). */
        final ConcurrentLinkedQueue<RemotePartition.Crossing> fromOutside = new ConcurrentLinkedQueue<>();
        /**
         * The others' horizon as it was read before its inbox was last emptied: every segment that
         * can arrive up to there was in the inbox then (one handed over later is sent at a bound
         * published after that read, so it arrives past it). Its clock may move up to it without
         * another look at the inbox. Its own thread only.
         */
        long certified = Long.MIN_VALUE;
        /** Wall nanos it waited for the others; its own thread only. */
        long waitedNanos;

        Side(int index, long clock, int partitions) {
            this.index = index;
            this.bound = clock;
            this.inboxes = new CrossingQueue[partitions];
            for (int k = 0; k < partitions; k++) if (k != index) inboxes[k] = new CrossingQueue();
        }

        /** The next segment sent to it, or null; on its own thread, or under its lock once the epoch is over. */
        private RemotePartition.Crossing poll() {
            for (CrossingQueue q : inboxes) {
                if (q == null) continue;
                RemotePartition.Crossing c = q.poll();
                if (c != null) return c;
            }
            return fromOutside.poll();
        }

        /**
         * On its loop's thread, nothing runnable at {@code now} and the next timer at
         * {@code next}: takes what crossed to it (then returns {@code now}: run that first), or
         * returns how far its clock may jump (the next timer, its horizon or the epoch's end),
         * published as its bound; while it may not move, waits, until {@code woken} holds.
         */
        long allow(long now, long next, BooleanSupplier woken) {
            long waitFrom = 0;
            try {
                while (true) {
                    if (certified > now && now < end) {
                        // what crossed since the inbox was last emptied arrives past the horizon certified then: move on first
                        long to = Math.min(Math.min(next, certified), end);
                        publish(this, to);
                        return to;
                    }
                    long h = horizon(index);   // the others' bounds first, then what they handed over before publishing them
                    boolean took = takeInbox(this, now);
                    certified = h;
                    if (took) return now;
                    long to = Math.min(Math.min(next, h), end);
                    if (to > now || now >= end) {
                        publish(this, to);
                        return to;
                    }
                    if (woken.getAsBoolean()) return now;
                    if (waitFrom == 0) waitFrom = System.nanoTime();
                    // on a machine with far more runnable threads than cores a yield gives the core away for a whole slice: park at once (as Spin)
                    if (System.nanoTime() - waitFrom < WATCH_NANOS && !Spin.busyMachine()) Thread.yield();
                    else if (waiting == null) {
                        wanted = Math.min(VirtualLoop.saturatedAdd(now, step), end) - (lookahead - 1);
                        waiting = Thread.currentThread();   // then looks once more: a bound published before this is seen
                    }
                    else LockSupport.parkNanos(this, PARK_NANOS);
                }
            } finally {
                waiting = null;
                if (waitFrom != 0) waitedNanos += System.nanoTime() - waitFrom;
            }
        }

        /** Its epoch is over (or its system terminated): no one waits for it any more. */
        void finished() { publish(this, Long.MAX_VALUE); }
    }

    private final Protocol protocol;
    private final long lookahead;
    private final long from, end;
    /**
     * How far, emulated µs, a parked partition waits to be able to move before it is woken: a
     * quarter of a lookahead. It is then a lookahead ahead of the one it waits for, so waking it
     * later costs that one nothing, and each wake-up (a futex call and a trip through the OS
     * scheduler) buys more work.
     */
    private final long step;
    private final Side[] sides;
    private volatile boolean closed;

    /**
     * @param clocks each partition's clock as the epoch begins (held)
     * @param end    the epoch's end, emulated µs: every partition runs up to it and is held there
     */
    Horizons(Protocol protocol, long lookahead, long[] clocks, long from, long end) {
        if (lookahead < 2) throw new IllegalArgumentException("an epoch needs a lookahead of at least 2 µs, got " + lookahead);
        this.protocol = protocol;
        this.lookahead = lookahead;
        this.from = from;
        this.end = end;
        this.step = Math.max(1, lookahead / 4);
        this.sides = new Side[clocks.length];
        for (int i = 0; i < clocks.length; i++) sides[i] = new Side(i, clocks[i], clocks.length);
    }

    /**
     * Whether a drive's stretch may run as an epoch: windows are to run apart, and nothing in the
     * drive needs the partitions at one instant between windows (a condition, a stop when idle).
     */
    static boolean suits(Drive request, long lookahead) {
        return request.condition == null && !request.stopWhenIdle && lookahead >= 2 && lookahead != Long.MAX_VALUE
                && !"false".equals(System.getProperty(PROPERTY));
    }

    /** Where an epoch that begins with the window to {@code windowEnd} ends: up to {@link #EPOCH_LOOKAHEADS} lookaheads on, never past the drive's {@code target}. */
    static long endOf(long windowEnd, long target, long lookahead) {
        long further = VirtualLoop.saturatedAdd(windowEnd, (EPOCH_LOOKAHEADS - 1) * lookahead);
        return Math.max(windowEnd, Math.min(target, further));
    }

    long end() { return end; }

    Side side(int partition) { return sides[partition]; }

    /**
     * A segment sent in the epoch by partition {@code from}, on that partition's thread (-1: a
     * thread that runs none): into its receiver's inbox, before the sender publishes a later bound.
     */
    void post(RemotePartition.Crossing c, int from) {
        Side to = sides[c.to()];
        if (from >= 0 && from < sides.length && to.inboxes[from] != null) to.inboxes[from].add(c);
        else to.fromOutside.add(c);
        if (closed) handOverLeft(to);   // the epoch ended meanwhile: its barrier hands it over
    }

    /** The epoch's end, every partition held at it: what no one took is handed over at the barrier. */
    void close() {
        closed = true;
        for (Side s : sides) handOverLeft(s);
    }

    /** The drive failed as the epoch began: no partition waits for another. */
    void abandon() {
        for (Side s : sides) s.finished();
    }

    /** Wall nanos the partitions waited for each other in the epoch. */
    long waitedNanos() {
        long sum = 0;
        for (Side s : sides) sum += s.waitedNanos;
        return sum;
    }

    /** A partition's work in the epoch scaled to one lookahead, what a window's work is measured in. */
    long workPerLookahead(long ranNanos, int partition) {
        long work = Math.max(0, ranNanos - sides[partition].waitedNanos);
        return work / Math.max(1, (end - from + 1 + lookahead - 1) / lookahead);
    }

    /** Once the epoch is over, every partition held (or by a sender that came late): each inbox taken by one thread at a time. */
    private void handOverLeft(Side s) {
        synchronized (s) {
            for (RemotePartition.Crossing c; (c = s.poll()) != null; ) protocol.leftOver(c);
        }
    }

    /** How far partition {@code me} may run: the others' smallest bound + lookahead − 1. */
    private long horizon(int me) {
        long least = Long.MAX_VALUE;
        for (Side s : sides) if (s.index != me) least = Math.min(least, s.bound);
        return least == Long.MAX_VALUE ? Long.MAX_VALUE : VirtualLoop.saturatedAdd(least, lookahead - 1);
    }

    /** Hands {@code s} what crossed to it; true if anything did (it runs that at {@code now} first). */
    private boolean takeInbox(Side s, long now) {
        boolean any = false;
        for (RemotePartition.Crossing c; (c = s.poll()) != null; ) {
            protocol.deliver(c, now);
            any = true;
        }
        return any;
    }

    private void publish(Side s, long bound) {
        if (bound <= s.bound) return;
        s.bound = bound;
        for (Side other : sides) {
            // one that waits parked is woken once it can move a step, not at every event of the one it waits for
            Thread t = other.waiting;
            if (t != null && other != s && bound >= other.wanted) LockSupport.unpark(t);
        }
    }
}
