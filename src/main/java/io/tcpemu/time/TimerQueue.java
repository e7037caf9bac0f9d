package io.tcpemu.time;

import java.util.Arrays;

/**
 * Pending timers keyed by (deadline, origin, scheduling order). The origin ({@link Origins}) comes
 * before the scheduling order so that timers due at one instant fire in an order that does not
 * depend on which thread scheduled what when: the same whatever the partition count.
 *
 * <p>Two parts. Timers due before the {@link #horizon} wait in a 4-ary heap; later ones in an
 * unsorted {@link #far} list, moved into the heap only when the heap runs dry. Nearly every timer
 * an endpoint arms (a retransmission, hundreds of ms out) is cancelled an RTT later: in the list
 * arming and cancelling cost a store each, where in the heap they sifted past the few timers that
 * do fire soon (a link's next delivery). Every heap entry is due before every far one, so the
 * heap's top is the earliest timer and the firing order is exactly a single heap's.
 *
 * <p>Keys live in {@code long} arrays beside the timers, so sifting and scanning compare numbers
 * in place instead of chasing a pointer per comparison. Each timer knows its place, so a
 * cancelled one leaves at once: left in until their deadlines they made the heap thousands deep.
 * Not thread-safe: the {@link VirtualLoop} guards it.
 */
final class TimerQueue {
    private VirtualTimer[] timers = new VirtualTimer[256];
    /** Entry i's deadline at 3i, its origin at 3i+1 and its scheduling order at 3i+2. */
    private long[] keys = new long[768];
    private int size;
    /** Timers due at or after the horizon, in no order, and their deadlines at the same places. */
    private VirtualTimer[] far = new VirtualTimer[256];
    private long[] farDeadlines = new long[256];
    private int farSize;
    /** Heap entries are due before it, far ones at or after it; it only moves on when the heap is empty. */
    private long horizon = Long.MIN_VALUE;
    /** How far past the earliest far timer a refill of the heap reaches, in µs; see {@link #refill}. */
    private long reach = INITIAL_REACH;
    /** Adds, cancellations and firings since the last refill: the work a refill's scan is weighed against. */
    private long opsSinceRefill;
    private long nextSeq;
    private int liveOneShots;

    /**
     * Past a link's delay and the arrivals of a workload, so the timers that do fire soon go
     * straight into the heap (at 1 ms, nearly every timer of a 1 ms link went round through the
     * list, and a sparse run refilled the heap every millisecond); short of an RTO (200 ms at
     * least), so retransmission timers stay out.
     */
    static final long INITIAL_REACH = 32_768, MIN_REACH = 32_768;

    void add(VirtualTimer timer) {
        timer.seq = nextSeq++;
        if (!timer.periodic()) liveOneShots++;
        opsSinceRefill++;
        place(timer);
    }

    /** The earliest timer due at or before {@code now}, removed (or re-armed if periodic); else null. */
    VirtualTimer pollDue(long now) {
        if (nextDeadline() > now || size == 0) return null;   // (nextDeadline refills the heap first)
        VirtualTimer top = removeAt(0);
        opsSinceRefill++;
        if (top.periodic()) {
            top.deadline = VirtualLoop.saturatedAdd(top.deadline, top.interval);
            top.seq = nextSeq++;
            place(top);
        } else {
            top.state = VirtualTimer.FIRED;
            liveOneShots--;
        }
        return top;
    }

    /** Deadline of the earliest timer, or Long.MAX_VALUE when none. */
    long nextDeadline() {
        if (size == 0) {
            if (farSize == 0) return Long.MAX_VALUE;
            refill();
        }
        return deadline(0);
    }

    /** Takes a pending timer out; false if it already fired or was cancelled. */
    boolean cancel(VirtualTimer timer) {
        if (timer.state != VirtualTimer.PENDING) return false;
        timer.state = VirtualTimer.CANCELLED;
        if (!timer.periodic()) liveOneShots--;
        opsSinceRefill++;
        if (timer.index >= 0) removeAt(timer.index);
        else removeFar(farPlace(timer));
        return true;
    }

    /** One-shot timers still to fire; periodic ones never make the emulation "busy". */
    int liveOneShots() { return liveOneShots; }

    /** Pending timers, one-shot and periodic. */
    int size() { return size + farSize; }

    void clear() {
        for (int i = 0; i < size; i++) {
            timers[i].state = VirtualTimer.CANCELLED;
            timers[i].index = -1;
        }
        for (int i = 0; i < farSize; i++) {
            far[i].state = VirtualTimer.CANCELLED;
            far[i].index = -1;
        }
        Arrays.fill(timers, 0, size, null);
        Arrays.fill(far, 0, farSize, null);
        size = 0;
        farSize = 0;
        liveOneShots = 0;
    }

    /** Into the heap if due before the horizon, else onto the far list. */
    private void place(VirtualTimer timer) {
        if (beforeHorizon(timer.deadline)) push(timer);
        else addFar(timer);
    }

    /** A horizon of Long.MAX_VALUE (saturated) takes every deadline, "never" included: the heap then holds all. */
    private boolean beforeHorizon(long deadline) { return deadline < horizon || horizon == Long.MAX_VALUE; }

    /**
     * The heap ran dry: the horizon moves to {@link #reach} past the earliest far timer, and every
     * far timer due before it goes into the heap, the earliest at least. Each refill scans the
     * whole list, so the reach grows while the list is long beside the work done since the last
     * scan (a million timers an hour apart), and shrinks back while it is short, never below
     * {@link #MIN_REACH} (32 ms: short of any RTO, so retransmission timers stay on the list).
     */
    private void refill() {
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < farSize; i++) earliest = Math.min(earliest, farDeadlines[i]);
        if (farSize > 2 * opsSinceRefill) reach = Math.min(reach * 2, Long.MAX_VALUE / 4);
        else if (8L * farSize < opsSinceRefill) reach = Math.max(reach / 2, MIN_REACH);
        opsSinceRefill = 0;
        horizon = VirtualLoop.saturatedAdd(earliest, reach);
        for (int i = farSize - 1; i >= 0; i--) {
            if (beforeHorizon(farDeadlines[i])) {
                VirtualTimer t = far[i];
                removeFar(i);
                push(t);
            }
        }
    }

    /** A far timer's place in the list is kept in its index as -2, -3, ... (-1: in neither part). */
    private static int farPlace(VirtualTimer timer) { return -2 - timer.index; }

    private void addFar(VirtualTimer timer) {
        if (farSize == far.length) {
            far = Arrays.copyOf(far, farSize * 2);
            farDeadlines = Arrays.copyOf(farDeadlines, farSize * 2);
        }
        setFar(farSize++, timer);
    }

    /** The last far timer takes place i. */
    private void removeFar(int i) {
        far[i].index = -1;
        int last = --farSize;
        if (i < last) setFar(i, far[last]);
        far[last] = null;
    }

    private void setFar(int i, VirtualTimer timer) {
        far[i] = timer;
        farDeadlines[i] = timer.deadline;
        timer.index = -2 - i;
    }

    private void push(VirtualTimer timer) {
        if (size == timers.length) grow();
        siftUp(size++, timer, timer.deadline, timer.origin, timer.seq);
    }

    /** Removes entry i: the last entry takes its place and moves down or up to where it belongs. */
    private VirtualTimer removeAt(int i) {
        VirtualTimer removed = timers[i];
        removed.index = -1;
        int last = --size;
        VirtualTimer moved = timers[last];
        long d = deadline(last), o = origin(last), s = seq(last);
        timers[last] = null;
        if (i < last) {
            siftDown(i, moved, d, o, s);
            if (timers[i] == moved) siftUp(i, moved, d, o, s);
        }
        return removed;
    }

    private void siftUp(int i, VirtualTimer t, long d, long o, long s) {
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (before(parent, d, o, s)) break;
            set(i, timers[parent], deadline(parent), origin(parent), seq(parent));
            i = parent;
        }
        set(i, t, d, o, s);
    }

    /** Four children per node: half the levels of a binary heap, and siblings' keys share cache lines. */
    private void siftDown(int i, VirtualTimer t, long d, long o, long s) {
        while (true) {
            int first = 4 * i + 1;
            if (first >= size) break;
            int best = first;
            for (int c = first + 1, end = Math.min(first + 4, size); c < end; c++) {
                if (before(c, deadline(best), origin(best), seq(best))) best = c;
            }
            if (!before(best, d, o, s)) break;
            set(i, timers[best], deadline(best), origin(best), seq(best));
            i = best;
        }
        set(i, t, d, o, s);
    }

    /** Whether entry i comes before the key (d, o, s). */
    private boolean before(int i, long d, long o, long s) {
        long di = deadline(i);
        if (di != d) return di < d;
        long oi = origin(i);
        if (oi != o) return oi < o;
        return seq(i) < s;
    }

    private long deadline(int i) { return keys[3 * i]; }

    private long origin(int i) { return keys[3 * i + 1]; }

    private long seq(int i) { return keys[3 * i + 2]; }

    private void set(int i, VirtualTimer t, long d, long o, long s) {
        timers[i] = t;
        t.index = i;
        keys[3 * i] = d;
        keys[3 * i + 1] = o;
        keys[3 * i + 2] = s;
    }

    private void grow() {
        int n = timers.length * 2;
        timers = Arrays.copyOf(timers, n);
        keys = Arrays.copyOf(keys, 3 * n);
    }
}
