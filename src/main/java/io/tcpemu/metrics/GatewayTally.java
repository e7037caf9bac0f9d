package io.tcpemu.metrics;

import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceSink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each router did, from the trace alone: segments forwarded, the longest wait in it, drops
 * by reason, and for a NAT gateway its conntrack table (entries now and at most, per destination)
 * from its "conntrack-new" and "conntrack-gone" events.
 */
public final class GatewayTally implements TraceSink {
    /** One router's figures. {@code tableMax}, {@code allocations} and {@code perDestinationMax} are 0 without a NAT. */
    public record Gateway(String name, long forwarded, long maxWaitMicros, Map<String, Long> drops, long allocations,
                          long table, long tableMax, Map<String, Long> perDestinationMax) {}

    private static final class Tally {
        long forwarded, maxWait, allocations, table, tableMax;
        final Map<String, Long> drops = new TreeMap<>();
        final Map<String, Long> perDestination = new TreeMap<>();
        final Map<String, Long> perDestinationMax = new TreeMap<>();
    }

    private final Map<String, Tally> routers = new LinkedHashMap<>();

    @Override
    public void accept(TraceEvent e) {
        if (e instanceof TraceEvent.Forwarded f) {
            Tally t = tally(f.router());
            t.forwarded++;
            t.maxWait = Math.max(t.maxWait, f.queued());
        } else if (e instanceof TraceEvent.SegmentEvent s && s.action() == TraceEvent.SegmentAction.DROPPED && routers.containsKey(s.where())) {
            tally(s.where()).drops.merge(kind(s.reason()), 1L, Long::sum);
        } else if (e instanceof TraceEvent.HostEvent h && h.kind().startsWith("conntrack-")) {
            Tally t = tally(h.host());
            String dst = destination(h.detail());
            if (h.kind().equals("conntrack-new")) {
                t.allocations++;
                t.tableMax = Math.max(t.tableMax, ++t.table);
                long n = t.perDestination.merge(dst, 1L, Long::sum);
                t.perDestinationMax.merge(dst, n, Math::max);
            } else if (h.kind().equals("conntrack-gone")) {
                t.table--;
                t.perDestination.merge(dst, -1L, Long::sum);
            }
        }
    }

    /** A router is known once it forwarded or tracked something; a drop before that is still its own. */
    private Tally tally(String router) { return routers.computeIfAbsent(router, k -> new Tally()); }

    /** Register a router up front, so drops before its first forward are counted. */
    public GatewayTally router(String name) {
        tally(name);
        return this;
    }

    public Map<String, Gateway> gateways() {
        Map<String, Gateway> out = new LinkedHashMap<>();
        routers.forEach((name, t) -> out.put(name, new Gateway(name, t.forwarded, t.maxWait, Map.copyOf(t.drops), t.allocations,
                t.table, t.tableMax, Map.copyOf(t.perDestinationMax))));
        return out;
    }

    /** "queue full (5 segments towards r2)" counts as "queue full"; "nat: no free port" as itself. */
    private static String kind(String reason) {
        int paren = reason.indexOf(" (");
        return paren < 0 ? reason : reason.substring(0, paren);
    }

    /** "10.0.0.1:40000 -> 10.0.1.1:443 as 203.0.113.1:1024 ..." gives "10.0.1.1:443". */
    private static String destination(String detail) {
        String[] words = detail.split(" ");
        return words.length > 2 ? words[2] : "?";
    }
}
