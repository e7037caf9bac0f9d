package io.tcpemu.report;

import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentEvent;
import io.tcpemu.trace.TraceEvent.StateChanged;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ladder through a NAT gateway still reads as one conversation: the addresses the far side sees
 * (the gateway's public address and port) are written back as the ladder's own, from the
 * gateway's {@link TraceEvent.Forwarded} events, so a segment sent by one end and the rewritten
 * copy the other end received are the same arrow. Without a NAT the trace is used as it is.
 */
final class NatAliases {
    private NatAliases() {}

    /** From one address to another. */
    private record Way(SockAddr src, SockAddr dst) {
        Way back() { return new Way(dst, src); }

        static Way of(Segment s) { return new Way(s.src(), s.dst()); }
    }

    static List<? extends TraceEvent> inAddressesOf(List<? extends TraceEvent> all, FourTuple tuple) {
        Way forth = new Way(tuple.local(), tuple.remote());
        Map<Way, Way> alias = new HashMap<>();
        for (TraceEvent e : all) {
            if (!(e instanceof TraceEvent.Forwarded f)) continue;
            Way in = Way.of(f.in()), out = Way.of(f.out());
            if (in.equals(out)) continue;
            if (in.equals(forth) || in.equals(forth.back())) alias(alias, out, in);   // ours, leaving rewritten
            if (out.equals(forth) || out.equals(forth.back())) alias(alias, in, out); // ours, arriving rewritten
        }
        if (alias.isEmpty()) return all;
        List<TraceEvent> out = new ArrayList<>(all.size());
        for (TraceEvent e : all) out.add(rewrite(e, alias));
        return out;
    }

    private static void alias(Map<Way, Way> alias, Way seen, Way ours) {
        alias.putIfAbsent(seen, ours);
        alias.putIfAbsent(seen.back(), ours.back());
    }

    private static TraceEvent rewrite(TraceEvent e, Map<Way, Way> alias) {
        if (e instanceof SegmentEvent s) {
            Way ours = alias.get(Way.of(s.segment()));
            if (ours == null) return e;
            Segment g = s.segment();
            Segment as = g.withAddresses(ours.src(), ours.dst());
            return new SegmentEvent(s.time(), s.action(), s.where(), as, s.retransmission(), s.reason());
        }
        if (e instanceof StateChanged c && c.tuple() != null && c.tuple().remote() != null) {
            Way ours = alias.get(new Way(c.tuple().local(), c.tuple().remote()));
            if (ours == null) return e;
            return new StateChanged(c.time(), c.host(), c.connId(), new FourTuple(ours.src(), ours.dst()), c.from(), c.to(), c.cause());
        }
        return e;
    }
}
