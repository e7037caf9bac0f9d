package io.tcpemu.net;

import java.util.ArrayDeque;

/**
 * One output interface of a router: a drop-tail queue that sends a segment every
 * {@code serviceMicros}. A segment ready at {@code t} leaves when the interface is free, or is
 * dropped when {@code limit} segments (the one being sent included) are already waiting.
 * With no service time nothing ever waits. Pure: time is an argument.
 */
public final class OutputQueue {
    public static final long DROPPED = -1;

    private final long serviceMicros;
    private final int limit;
    private final ArrayDeque<Long> departures = new ArrayDeque<>();
    private int maxLength;
    private long drops;

    /** @param limit segments held at most; 0 = no limit */
    public OutputQueue(long serviceMicros, int limit) {
        if (serviceMicros < 0 || limit < 0) throw new IllegalArgumentException("service time and limit must not be negative");
        this.serviceMicros = serviceMicros;
        this.limit = limit;
    }

    /** The service time of an interface sending {@code rate} segments per second (0: none). */
    public static long serviceMicros(long rate) { return rate == 0 ? 0 : Math.max(1, 1_000_000L / rate); }

    /** When a segment ready at {@code readyAt} leaves, or {@link #DROPPED}. Calls come in order of {@code readyAt}. */
    public long enqueue(long readyAt) {
        int waiting = length(readyAt);
        if (limit > 0 && waiting >= limit) {
            drops++;
            return DROPPED;
        }
        long start = departures.isEmpty() ? readyAt : Math.max(readyAt, departures.peekLast());
        long leaves = start + serviceMicros;
        if (leaves > readyAt) departures.add(leaves);
        maxLength = Math.max(maxLength, departures.size());
        return leaves;
    }

    /** Segments still queued or being sent at {@code now}. */
    public int length(long now) {
        while (!departures.isEmpty() && departures.peekFirst() <= now) departures.poll();
        return departures.size();
    }

    public int maxLength() { return maxLength; }
    public long drops() { return drops; }
    public int limit() { return limit; }
}
