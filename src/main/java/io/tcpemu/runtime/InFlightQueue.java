package io.tcpemu.runtime;

import io.tcpemu.tcp.Segment;

import java.util.PriorityQueue;

/**
 * A link direction's segments in flight, taken in order of arrival time, ties in the order they
 * were queued. On a link with a fixed delay every segment arrives no earlier than the one queued
 * before it, so nearly all go to a ring in queued order and leave it from its head: no heap to
 * sift (a priority queue was 4% of the emulation thread). A segment that would arrive before the
 * ring's last one (jitter, a duplicate, a reordering rule) waits in a heap beside it; the head is
 * the earlier of the two heads, so the order is exactly one priority queue's.
 */
final class InFlightQueue {
    /** One that overtook the ring: when it arrives, and the order it was queued in (to break ties). */
    private record Early(long at, long order, Segment segment, long sentAt) implements Comparable<Early> {
        @Override public int compareTo(Early o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private long[] at = new long[16];
    private long[] order = new long[16];
    private long[] sentAt = new long[16];
    private Segment[] segment = new Segment[16];
    /** The ring's first slot and how many it holds. */
    private int head, count;
    private final PriorityQueue<Early> early = new PriorityQueue<>();
    private long queued;

    boolean isEmpty() { return count == 0 && early.isEmpty(); }

    int size() { return count + early.size(); }

    /** Queues {@code seg}, sent at {@code sent}, to arrive {@code arrives}. */
    void add(long arrives, Segment seg, long sent) {
        long n = queued++;
        if (count > 0 && arrives < at[slot(count - 1)]) {
            early.add(new Early(arrives, n, seg, sent));
            return;
        }
        if (count == at.length) grow();
        int i = slot(count++);
        at[i] = arrives;
        order[i] = n;
        sentAt[i] = sent;
        segment[i] = seg;
    }

    /** When the first segment arrives, or {@link Long#MAX_VALUE} when none is in flight. */
    long nextAt() {
        if (ringFirst()) return at[head];
        return early.isEmpty() ? Long.MAX_VALUE : early.peek().at();
    }

    /** The first segment's sending time; only when not empty. */
    long nextSentAt() { return ringFirst() ? sentAt[head] : early.peek().sentAt(); }

    /** Removes the first segment and returns it; only when not empty. */
    Segment poll() {
        if (!ringFirst()) return early.poll().segment();
        Segment seg = segment[head];
        segment[head] = null;
        head = (head + 1) & (at.length - 1);
        count--;
        return seg;
    }

    /** True if the ring's head comes first (the heap's head arrives later, or at the same time but was queued later). */
    private boolean ringFirst() {
        if (count == 0) return false;
        if (early.isEmpty()) return true;
        Early e = early.peek();
        return at[head] < e.at() || (at[head] == e.at() && order[head] < e.order());
    }

    private int slot(int k) { return (head + k) & (at.length - 1); }

    /** Doubles the ring (its length stays a power of two), its head moved to slot 0. */
    private void grow() {
        int n = at.length;
        Segment[] s = new Segment[n * 2];
        for (int k = 0; k < count; k++) s[k] = segment[slot(k)];
        segment = s;
        at = unrolled(at, n * 2);
        order = unrolled(order, n * 2);
        sentAt = unrolled(sentAt, n * 2);
        head = 0;
    }

    private long[] unrolled(long[] a, int length) {
        long[] b = new long[length];
        int first = Math.min(count, a.length - head);
        System.arraycopy(a, head, b, 0, first);
        System.arraycopy(a, 0, b, first, count - first);
        return b;
    }
}
