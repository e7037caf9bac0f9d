package io.tcpemu.time;

import java.util.PriorityQueue;

/**
 * Pending timers keyed by (deadline, scheduling order): a binary heap with lazy cancellation.
 * Not thread-safe: the {@link VirtualLoop} guards it with its lock.
 */
final class TimerQueue {
    /** Below this many dead entries a purge is not worth a heap rebuild. */
    private static final int PURGE_MIN = 1024;

    private final PriorityQueue<VirtualTimer> heap = new PriorityQueue<>();
    private long nextSeq;
    private int liveOneShots;
    private int cancelledInHeap;

    void add(VirtualTimer timer) {
        timer.seq = nextSeq++;
        heap.add(timer);
        if (!timer.periodic()) liveOneShots++;
    }

    /** The earliest live timer due at or before {@code now}, removed (or re-armed if periodic); else null. */
    VirtualTimer pollDue(long now) {
        dropCancelledTop();
        VirtualTimer top = heap.peek();
        if (top == null || top.deadline > now) return null;
        heap.poll();
        if (top.periodic()) {
            top.deadline = VirtualLoop.saturatedAdd(top.deadline, top.interval);
            add(top);
        } else {
            top.state = VirtualTimer.FIRED;
            liveOneShots--;
        }
        return top;
    }

    /** Deadline of the earliest live timer, or Long.MAX_VALUE when none. */
    long nextDeadline() {
        dropCancelledTop();
        VirtualTimer top = heap.peek();
        return top == null ? Long.MAX_VALUE : top.deadline;
    }

    /** Marks a pending timer cancelled; false if it already fired or was cancelled. */
    boolean cancel(VirtualTimer timer) {
        if (timer.state != VirtualTimer.PENDING) return false;
        timer.state = VirtualTimer.CANCELLED;
        if (!timer.periodic()) liveOneShots--;
        if (++cancelledInHeap > PURGE_MIN && cancelledInHeap > heap.size() / 2) purge();
        return true;
    }

    /** One-shot timers still to fire; periodic ones never make the emulation "busy". */
    int liveOneShots() { return liveOneShots; }

    int size() { return heap.size() - cancelledInHeap; }

    void clear() {
        heap.forEach(t -> t.state = VirtualTimer.CANCELLED);
        heap.clear();
        liveOneShots = 0;
        cancelledInHeap = 0;
    }

    private void dropCancelledTop() {
        while (!heap.isEmpty() && heap.peek().state == VirtualTimer.CANCELLED) {
            heap.poll();
            cancelledInHeap--;
        }
    }

    private void purge() {
        heap.removeIf(t -> t.state == VirtualTimer.CANCELLED);
        cancelledInHeap = 0;
    }
}
