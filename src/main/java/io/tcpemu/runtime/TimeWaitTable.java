package io.tcpemu.runtime;

import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.tcp.TimeWaitEntry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A host's connections in TIME-WAIT, kept as compact {@link TimeWaitEntry} records rather than
 * actors (Linux's inet_timewait_sock). Pure: the host feeds it time and owns the one timer.
 *
 * <p>Every entry lasts the same TIME-WAIT length, so entries expire in the order they arrive:
 * a FIFO suffices. A restarted entry (a retransmitted FIN) is appended again and its old place
 * in the queue becomes stale, skipped lazily when it reaches the head. An entry replaced with the
 * same expiry (a newer peer timestamp) keeps its place.
 */
public final class TimeWaitTable {
    /** Linux's tw_reuse wants the entry to be older than one second. */
    public static final long REUSE_MIN_AGE = TcpConfig.SECOND;

    private final int capacity;
    private final Map<FourTuple, TimeWaitEntry> byTuple = new HashMap<>();
    private final ArrayDeque<TimeWaitEntry> fifo = new ArrayDeque<>();
    private final int[] perPort = new int[65536];
    private final SockAddr[] locals = new SockAddr[65536];
    /**
     * The FIFO's head is known to be current (looked up since the head or its entry last changed):
     * {@link #nextExpiry}, asked at every put, then skips the look-up of an entry a whole
     * TIME-WAIT old, which has long left the cache.
     */
    private boolean headCurrent;

    /** @param capacity the most entries held at once (Linux tcp_max_tw_buckets) */
    public TimeWaitTable(int capacity) {
        if (capacity < 0) throw new IllegalArgumentException("time-wait capacity must not be negative: " + capacity);
        this.capacity = capacity;
    }

    public int size() { return byTuple.size(); }
    public int capacity() { return capacity; }
    public boolean isFull() { return byTuple.size() >= capacity; }

    public TimeWaitEntry get(FourTuple tuple) { return byTuple.get(tuple); }

    /** True if some entry has {@code port} as its local port (a bind without SO_REUSEADDR fails). */
    public boolean holdsPort(int port) { return perPort[port] > 0; }

    /**
     * Adds an entry, or replaces the one for the same tuple (its timer restarted).
     *
     * @return false, adding nothing, if this is a new tuple and the table is full
     */
    public boolean put(TimeWaitEntry entry) {
        if (isFull() && !byTuple.containsKey(entry.tuple())) return false;
        entry = withSharedLocal(entry);
        TimeWaitEntry old = byTuple.put(entry.tuple(), entry);   // one look-up in a table of up to a million entries, not two
        if (old == null) perPort[entry.tuple().local().port()]++;
        else headCurrent = false;   // the head may be the entry replaced
        if (old == null || old.expiresAt() != entry.expiresAt()) fifo.addLast(entry);
        return true;
    }

    /** Removes the entry for {@code tuple}; returns it, or null if there was none. */
    public TimeWaitEntry remove(FourTuple tuple) {
        TimeWaitEntry old = byTuple.remove(tuple);
        if (old != null) {
            perPort[tuple.local().port()]--;
            headCurrent = false;
        }
        return old;
    }

    /** The earliest expiry time, or {@link Long#MAX_VALUE} when the table is empty. */
    public long nextExpiry() {
        dropStaleHead();
        return fifo.isEmpty() ? Long.MAX_VALUE : fifo.peekFirst().expiresAt();
    }

    /** Removes and returns every entry whose time is up at {@code now}, oldest first. */
    public List<TimeWaitEntry> expire(long now) {
        List<TimeWaitEntry> expired = Collections.emptyList();
        while (nextExpiry() <= now) {
            TimeWaitEntry entry = remove(fifo.pollFirst().tuple());   // (the head changes: remove marks it unchecked)
            if (expired.isEmpty()) expired = new ArrayList<>();
            expired.add(entry);
        }
        return expired;
    }

    /** The entries, in no particular order (for the console). */
    public Collection<TimeWaitEntry> entries() { return Collections.unmodifiableCollection(byTuple.values()); }

    /**
     * Linux's net.ipv4.tcp_tw_reuse: an outgoing connect may take over this tuple if the entry is
     * older than one second and carries a peer timestamp (so PAWS can reject old duplicates).
     */
    public static boolean reusable(TimeWaitEntry entry, long now, boolean timestamps) {
        return timestamps && entry.tsRecent() != Segment.NO_TIMESTAMP && now - entry.enteredAt() >= REUSE_MIN_AGE;
    }

    /**
     * Entries of one host share their local address objects: with a million entries, a
     * {@link SockAddr} each would be 24 MB of copies of the same few values.
     */
    private TimeWaitEntry withSharedLocal(TimeWaitEntry e) {
        SockAddr local = e.tuple().local();
        SockAddr shared = locals[local.port()];
        if (shared == null || shared.ip() != local.ip()) {
            locals[local.port()] = local;
            return e;
        }
        if (shared == local) return e;
        return e.withTuple(new FourTuple(shared, e.tuple().remote()));
    }

    /**
     * A queued entry is stale if its tuple left the table or was restarted (a later expiry) since.
     * Every entry in the table has one queued place with its expiry, so a queue no longer than the
     * table holds no stale place, and the head needs no look-up: entries that only ever expire
     * (nearly all) cost none.
     */
    private void dropStaleHead() {
        if (headCurrent || fifo.size() == byTuple.size()) return;
        while (!fifo.isEmpty()) {
            TimeWaitEntry head = fifo.peekFirst();
            TimeWaitEntry current = byTuple.get(head.tuple());
            if (current != null && current.expiresAt() == head.expiresAt()) {
                headCurrent = true;
                return;
            }
            fifo.pollFirst();
        }
    }
}
