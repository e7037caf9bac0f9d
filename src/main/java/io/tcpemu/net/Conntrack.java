package io.tcpemu.net;

import io.tcpemu.tcp.SockAddr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A gateway's connection-tracking table: entries by the client's tuple and, once confirmed, by
 * the tuple the server answers to; each expires after its state's timeout. A reply tuple held by
 * any confirmed entry, in any state (TIME_WAIT too), is not free for another connection: that is
 * what runs a gateway out of ports.
 */
public final class Conntrack {
    /** A tuple from one address and port to another. */
    record Key(SockAddr from, SockAddr to) {}

    private record Expiry(long at, CtEntry entry) {}

    private final ConntrackTimeouts timeouts;
    private final Map<Key, CtEntry> byOriginal = new HashMap<>();
    private final Map<Key, CtEntry> byReply = new HashMap<>();
    private final Map<SockAddr, Integer> perDestination = new HashMap<>();
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>((a, b) -> Long.compare(a.at(), b.at()));
    private int maxSize;

    public Conntrack(ConntrackTimeouts timeouts) { this.timeouts = timeouts; }

    /** The entry of a segment the client side sent, or null. */
    public CtEntry original(SockAddr src, SockAddr dst) { return byOriginal.get(new Key(src, dst)); }

    /** The confirmed entry a server's segment to {@code mapped} belongs to, or null. */
    public CtEntry reply(SockAddr server, SockAddr mapped) { return byReply.get(new Key(server, mapped)); }

    /** True if a confirmed entry holds {@code mapped} towards {@code dst}. */
    public boolean taken(SockAddr mapped, SockAddr dst) { return byReply.containsKey(new Key(dst, mapped)); }

    /** Adds an unconfirmed entry in SYN_SENT. */
    CtEntry add(SockAddr src, SockAddr dst, SockAddr mapped, long now) {
        CtEntry e = new CtEntry(src, dst, mapped);
        byOriginal.put(new Key(src, dst), e);
        schedule(e, now);
        return e;
    }

    /** Confirms an entry; false (and the entry is gone) if a confirmed one already holds its reply tuple. */
    boolean confirm(CtEntry e) {
        if (e.confirmed) return true;
        Key reply = new Key(e.dst, e.mapped);
        if (byReply.containsKey(reply)) {
            remove(e);
            return false;
        }
        e.confirmed = true;
        byReply.put(reply, e);
        perDestination.merge(e.dst, 1, Integer::sum);
        maxSize = Math.max(maxSize, byReply.size());
        return true;
    }

    /** Moves an entry on by a segment and restarts its timeout; returns true if its state changed. */
    boolean update(CtEntry e, io.tcpemu.tcp.Segment seg, boolean fromOriginal, long now) {
        CtState before = e.state;
        e.state = before.after(seg, fromOriginal, e.lastFinFromOriginal);
        if (seg.isFin()) e.lastFinFromOriginal = fromOriginal;
        schedule(e, now);
        return e.state != before;
    }

    void remove(CtEntry e) {
        Key original = new Key(e.src, e.dst);
        if (byOriginal.get(original) == e) byOriginal.remove(original);
        if (e.confirmed && byReply.remove(new Key(e.dst, e.mapped)) == e) perDestination.merge(e.dst, -1, Integer::sum);
        e.expires = Long.MIN_VALUE;
    }

    /** Removes and returns the entries whose timeout has passed by {@code now}. */
    public List<CtEntry> expire(long now) {
        List<CtEntry> gone = new ArrayList<>();
        while (!expiries.isEmpty() && expiries.peek().at() <= now) {
            Expiry x = expiries.poll();
            CtEntry e = x.entry();
            if (e.expires == Long.MIN_VALUE || x.at() != e.scheduled) continue; // removed, or an earlier deadline replaced it
            if (e.expires > now) {
                queue(e, e.expires); // restarted since: one queued deadline per entry, moved on when reached
                continue;
            }
            remove(e);
            gone.add(e);
        }
        return gone;
    }

    /** When the next entry may expire, or Long.MAX_VALUE. */
    public long nextExpiry() {
        return expiries.isEmpty() ? Long.MAX_VALUE : expiries.peek().at();
    }

    /** Confirmed entries now. */
    public int size() { return byReply.size(); }

    /** Most confirmed entries at once. */
    public int maxSize() { return maxSize; }

    /** Confirmed entries in each state now. */
    public Map<CtState, Integer> byState() {
        Map<CtState, Integer> counts = new java.util.EnumMap<>(CtState.class);
        for (CtEntry e : byReply.values()) counts.merge(e.state, 1, Integer::sum);
        return counts;
    }

    /** Confirmed entries towards each destination now. */
    public Map<SockAddr, Integer> perDestination() {
        Map<SockAddr, Integer> out = new HashMap<>();
        perDestination.forEach((k, v) -> { if (v > 0) out.put(k, v); });
        return out;
    }

    /** Restarts the entry's timeout; a new deadline is queued only when it comes before the queued one. */
    private void schedule(CtEntry e, long now) {
        e.expires = now + timeouts.of(e.state);
        if (e.expires < e.scheduled) queue(e, e.expires);
    }

    private void queue(CtEntry e, long at) {
        e.scheduled = at;
        expiries.add(new Expiry(at, e));
    }
}
