package io.tcpemu.time;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The segments one partition sends another in an epoch ({@link Horizons}), in the order sent: one
 * thread adds (the sender's), one takes (the receiver's), so neither needs a compare-and-set, and
 * the segments go in arrays of {@link #CHUNK} rather than a node each. Unbounded: a sender never
 * waits for its receiver. Why: about ten segments cross per lifecycle, and a
 * {@link java.util.concurrent.ConcurrentLinkedQueue} (a node and a CAS on a line both threads
 * write, per segment) was a few per cent of each side's work.
 *
 * <p>The count of segments added is written last ({@link AtomicLong#lazySet}, a release), so a
 * taker that reads it ({@link AtomicLong#get}, an acquire) sees every segment and chunk it counts.
 */
final class CrossingQueue {
    static final int CHUNK = 256;

    private static final class Chunk {
        final RemotePartition.Crossing[] items = new RemotePartition.Crossing[CHUNK];
        Chunk next;
    }

    private final AtomicLong added = new AtomicLong();
    /** The adder's. */
    private Chunk tail;
    private long count;
    /** The taker's. */
    private Chunk head;
    private long taken;

    CrossingQueue() {
        tail = head = new Chunk();
    }

    /** On the sending thread only. */
    void add(RemotePartition.Crossing c) {
        int i = (int) (count % CHUNK);
        if (i == 0 && count != 0) {
            Chunk next = new Chunk();
            tail.next = next;
            tail = next;
        }
        tail.items[i] = c;
        added.lazySet(++count);
    }

    /** On the taking thread only (or one ordered after it): the next segment in the order added, or null. */
    RemotePartition.Crossing poll() {
        if (taken == added.get()) return null;
        int i = (int) (taken % CHUNK);
        if (i == 0 && taken != 0) head = head.next;
        RemotePartition.Crossing c = head.items[i];
        head.items[i] = null;
        taken++;
        return c;
    }
}
