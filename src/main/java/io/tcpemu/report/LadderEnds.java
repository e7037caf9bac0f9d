package io.tcpemu.report;

import io.tcpemu.report.Ladder.End;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import io.tcpemu.trace.TraceEvent.SegmentEvent;
import io.tcpemu.trace.TraceEvent.SocketCall;
import io.tcpemu.trace.TraceEvent.StateChanged;

import java.util.List;

/**
 * Names one end of a ladder and says which state it started in, from whatever the trace tells:
 * its state changes first, else the segments it sent or received (a link is named "a->b"), else,
 * for a server that only listened, its listen call.
 */
final class LadderEnds {
    private LadderEnds() {}

    /** The end at {@code tuple.local()} when {@code left}, else the one at {@code tuple.remote()}. */
    static End of(List<? extends TraceEvent> all, FourTuple tuple, boolean left) {
        FourTuple own = left ? tuple : tuple.reversed();
        String host = host(all, own);
        return new End(host, own.local(), initial(all, own, host));
    }

    private static String host(List<? extends TraceEvent> all, FourTuple own) {
        for (TraceEvent e : all) if (e instanceof StateChanged s && own.equals(s.tuple())) return s.host();
        for (TraceEvent e : all) {
            if (!(e instanceof SegmentEvent s)) continue;
            boolean from = s.segment().src().equals(own.local()) && s.segment().dst().equals(own.remote());
            boolean to = s.segment().src().equals(own.remote()) && s.segment().dst().equals(own.local());
            if (from && s.action() == SegmentAction.SENT) return s.where();
            if (to && s.action() == SegmentAction.DELIVERED) return s.where();
            String[] link = s.where().split("->");
            boolean onLink = s.action() == SegmentAction.DROPPED || s.action() == SegmentAction.DUPLICATED;
            if (onLink && link.length == 2 && (from || to)) return from ? link[0] : link[1];
        }
        return "";
    }

    /** The state before its first change; LISTEN for a server whose listener never traced one for this tuple. */
    private static State initial(List<? extends TraceEvent> all, FourTuple own, String host) {
        for (TraceEvent e : all) if (e instanceof StateChanged s && own.equals(s.tuple())) return s.from();
        if (host.isEmpty()) return null;
        for (TraceEvent e : all) {
            if (e instanceof SocketCall c && c.host().equals(host) && "ok".equals(c.result())
                    && c.call().equals("listen " + own.local().port())) return State.LISTEN;
        }
        return null;
    }

}
