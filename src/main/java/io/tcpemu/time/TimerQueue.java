package io.tcpemu.time;

import java.util.Arrays;

/**
 * Pending timers keyed by (deadline, origin, scheduling order): a 4-ary heap. The origin
 * ({@link Origins}) comes before the scheduling order so that timers due at one instant fire in
 * an order that does not depend on which thread scheduled what when: the same whatever the
 * partition count. Keys live in one {@code long} array beside the timers, so sifting compares
 * numbers in place instead of chasing a pointer per comparison. Each timer knows its place in the
 * heap, so a cancelled one leaves at once: nearly every timer an endpoint arms (a retransmission,
 * a delayed ACK) is cancelled, and left in the heap until their deadlines they made it thousands
 * deep (a simulated hour spent an eighth of its time sifting past them). Not thread-safe: the
 * {@link VirtualLoop} guards it.
 */
final class TimerQueue {
    private VirtualTimer[] timers = new VirtualTimer[256];
    /** Entry i's deadline at 3i, its origin at 3i+1 and its scheduling order at 3i+2. */
    private long[] keys = new long[768];
    private int size;
    private long nextSeq;
    private int liveOneShots;

    void add(VirtualTimer timer) {
        timer.seq = nextSeq++;
        if (!timer.periodic()) liveOneShots++;
        push(timer);
    }

    /** The earliest timer due at or before {@code now}, removed (or re-armed if periodic); else null. */
    VirtualTimer pollDue(long now) {
        if (size == 0 || deadline(0) > now) return null;
        VirtualTimer top = removeAt(0);
        if (top.periodic()) {
            top.deadline = VirtualLoop.saturatedAdd(top.deadline, top.interval);
            top.seq = nextSeq++;
            push(top);
        } else {
            top.state = VirtualTimer.FIRED;
            liveOneShots--;
        }
        return top;
    }

    /** Deadline of the earliest timer, or Long.MAX_VALUE when none. */
    long nextDeadline() {
        return size == 0 ? Long.MAX_VALUE : deadline(0);
    }

    /** Takes a pending timer out; false if it already fired or was cancelled. */
    boolean cancel(VirtualTimer timer) {
        if (timer.state != VirtualTimer.PENDING) return false;
        timer.state = VirtualTimer.CANCELLED;
        if (!timer.periodic()) liveOneShots--;
        removeAt(timer.index);
        return true;
    }

    /** One-shot timers still to fire; periodic ones never make the emulation "busy". */
    int liveOneShots() { return liveOneShots; }

    /** Pending timers, one-shot and periodic. */
    int size() { return size; }

    void clear() {
        for (int i = 0; i < size; i++) {
            timers[i].state = VirtualTimer.CANCELLED;
            timers[i].index = -1;
        }
        Arrays.fill(timers, 0, size, null);
        size = 0;
        liveOneShots = 0;
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
