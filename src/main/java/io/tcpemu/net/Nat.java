package io.tcpemu.net;

import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;

import java.util.HashMap;
import java.util.Map;

/**
 * A masquerading gateway's rewriting, as Linux's netfilter does it: a client's SYN gets a conntrack
 * entry and a public address and port free towards its destination (the first public address
 * with one); later segments of that connection, both ways, are rewritten by the entry and move its
 * state on. Pure: time is an argument; the router confirms an entry when its first segment leaves,
 * and a SYN that finds a confirmed entry on its reply tuple then is dropped (the conntrack race).
 */
public final class Nat {
    /** What became of a segment: rewritten (with its entry), or dropped and why. */
    /** @param replaced an entry in TIME_WAIT the segment's SYN took over (it is gone now), else null */
    public record Verdict(Segment segment, CtEntry entry, Drop drop, CtEntry replaced) {
        public boolean dropped() { return drop != null; }
    }

    /** Why a gateway dropped a segment. */
    public enum Drop {
        /** a new connection found every public port taken towards its destination */
        NO_PORT("nat: no free port"),
        /** a segment of no connection conntrack knows (not a SYN, or an answer to nothing) */
        NO_ENTRY("nat: no conntrack entry"),
        /** two connections took the same public tuple at once; the later one lost at confirmation */
        CLASH("nat: conntrack insert clash");

        public final String reason;

        Drop(String reason) { this.reason = reason; }
    }

    private final NatSpec spec;
    private final Conntrack table;
    private final NatPorts ports;
    private final Map<Drop, Long> drops = new HashMap<>();
    private long allocations;

    public Nat(NatSpec spec, long seed) {
        this.spec = spec;
        this.table = new Conntrack(spec.timeouts());
        this.ports = new NatPorts(spec.portFirst(), spec.portLast(), spec.algorithm(), seed);
    }

    public NatSpec spec() { return spec; }
    public Conntrack table() { return table; }

    /** True if {@code ip} is one of the gateway's public addresses. */
    public boolean isPublic(int ip) { return spec.publicAddresses().contains(ip); }

    /** A segment from the inside leaving through an outside interface. */
    public Verdict outbound(Segment seg, long now) {
        CtEntry e = table.original(seg.src(), seg.dst());
        CtEntry replaced = null;
        if (e != null && e.state == CtState.TIME_WAIT && seg.isSyn() && !seg.isAck()) {
            table.remove(e); // a new SYN on a tuple in TIME_WAIT reopens it: the old entry goes
            replaced = e;
            e = null;
        }
        if (e == null) {
            if (!seg.isSyn() || seg.isAck()) return drop(Drop.NO_ENTRY);
            SockAddr mapped = allocate(seg.src(), seg.dst());
            if (mapped == null) return drop(Drop.NO_PORT);
            allocations++;
            e = table.add(seg.src(), seg.dst(), mapped, now);
        }
        table.update(e, seg, true, now);
        return new Verdict(withSrc(seg, e.mapped), e, null, replaced);
    }

    /** A segment from the outside to one of the public addresses. */
    public Verdict inbound(Segment seg, long now) {
        CtEntry e = table.reply(seg.src(), seg.dst());
        if (e == null) return drop(Drop.NO_ENTRY);
        table.update(e, seg, false, now);
        return new Verdict(withDst(seg, e.src), e, null, null);
    }

    /** The entry's first segment is leaving: confirm it, or report the clash that drops it. */
    public Verdict confirm(Segment seg, CtEntry e) {
        if (table.confirm(e)) return new Verdict(seg, e, null, null);
        return drop(Drop.CLASH);
    }

    /** The entry's first segment was dropped before it left: netfilter destroys an unconfirmed entry then. */
    public void abandon(CtEntry e) {
        if (!e.confirmed) table.remove(e);
    }

    /** Connections given a public tuple so far. */
    public long allocations() { return allocations; }

    public long drops(Drop why) { return drops.getOrDefault(why, 0L); }

    private SockAddr allocate(SockAddr src, SockAddr dst) {
        for (int ip : spec.publicAddresses()) {
            int port = ports.choose(src, dst, p -> !table.taken(new SockAddr(ip, p), dst));
            if (port > 0) return new SockAddr(ip, port);
        }
        return null;
    }

    private Verdict drop(Drop why) {
        drops.merge(why, 1L, Long::sum);
        return new Verdict(null, null, why, null);
    }

    static Segment withSrc(Segment s, SockAddr src) {
        return s.withAddresses(src, s.dst());
    }

    static Segment withDst(Segment s, SockAddr dst) {
        return s.withAddresses(s.src(), dst);
    }
}
