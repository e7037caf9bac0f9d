package io.tcpemu.reliability;

import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.HostSpec;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The five invariants of a finished {@link ScenarioRun}; {@link #check} lists every violation.
 * <ol>
 *   <li>each end read a prefix of what its peer wrote, and all of it if it saw end of stream while
 *       still open (after its own close or abort, a read's end of stream is the socket's end, not the peer's FIN);</li>
 *   <li>no host ever had two live connections on one 4-tuple;</li>
 *   <li>at the end every connection is CLOSED, no endpoint, listener, TIME-WAIT entry or timer is left;</li>
 *   <li>no stale byte from an older incarnation was accepted;</li>
 *   <li>every state change is an edge of {@link AllowedEdges};</li>
 * </ol>
 * and no actor failed on the way.
 */
final class RunInvariants {
    private RunInvariants() {}

    static List<String> check(ScenarioRun run) {
        List<String> problems = new ArrayList<>();
        List<TraceEvent> events;
        synchronized (run.events) { events = new ArrayList<>(run.events); }
        bytes(run, problems);
        states(run, events, problems);
        leftovers(run, problems);
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.HostEvent h && h.kind().equals("failure")) problems.add("actor failed: " + h);
        }
        return problems;
    }

    /** Invariant 1. */
    private static void bytes(ScenarioRun run, List<String> problems) {
        for (ScenarioRun.Conn c : run.conns) {
            if (c.client().socket == null || c.server().socket == null) continue;
            direction(c, c.client(), c.server(), problems);
            direction(c, c.server(), c.client(), problems);
        }
    }

    private static void direction(ScenarioRun.Conn c, Side writer, Side reader, List<String> problems) {
        byte[] got = reader.receivedBytes();
        byte[] sent = writer.payload;
        boolean prefix = got.length <= sent.length && Arrays.equals(got, 0, got.length, sent, 0, got.length);
        if (!prefix) problems.add("#" + c.plan().index() + ": " + reader.name + " read bytes that " + writer.name + " never wrote there ("
                + got.length + " read, first difference at " + Arrays.mismatch(got, sent) + ")");
        else if (reader.eof && !reader.eofAfterOwnClose && got.length != sent.length) problems.add("#" + c.plan().index() + ": " + reader.name + " saw end of stream after "
                + got.length + " of " + sent.length + " bytes");
    }

    /** Invariants 2, 5 and the CLOSED half of 3, from the trace. */
    private static void states(ScenarioRun run, List<TraceEvent> events, List<String> problems) {
        Map<String, FourTuple> liveTuple = new HashMap<>();  // host/connId -> its tuple while live
        Map<String, String> owner = new HashMap<>();         // host/tuple -> host/connId live on it
        Map<String, State> last = new HashMap<>();
        for (TraceEvent e : events) {
            if (!(e instanceof TraceEvent.StateChanged s)) continue;
            HostSpec spec = run.scenario.topology().host(s.host());
            String why = AllowedEdges.violation(s.from(), s.to(), s.cause(), spec.tcp());
            if (why != null) problems.add(s.host() + " conn " + s.connId() + " at " + s.time() + ": " + why);
            String conn = s.host() + "/" + s.connId();
            last.put(conn, s.to());
            FourTuple before = liveTuple.remove(conn);
            if (before != null) owner.remove(s.host() + "/" + before);
            boolean live = s.to() != State.CLOSED && s.to() != State.LISTEN && s.tuple() != null && s.tuple().remote() != null;
            if (!live) continue;
            String key = s.host() + "/" + s.tuple();
            String other = owner.putIfAbsent(key, conn);
            if (other != null && !other.equals(conn)) {
                problems.add(s.host() + ": two live connections on " + s.tuple() + " at " + s.time() + ": " + other + " and " + conn);
            }
            liveTuple.put(conn, s.tuple());
        }
        last.forEach((conn, state) -> {
            if (state != State.CLOSED) problems.add(conn + " ended the run in " + state);
        });
    }

    /** Invariants 3 (tables and timers) and 4. */
    private static void leftovers(ScenarioRun run, List<String> problems) {
        for (HostSpec h : run.scenario.topology().hosts()) {
            Host.Table t = run.table(h.name());
            if (!t.connections().isEmpty()) problems.add(h.name() + " still has endpoints: " + t.connections());
            if (!t.timeWait().isEmpty()) problems.add(h.name() + " still has TIME-WAIT entries: " + t.timeWait());
            if (!t.listeners().isEmpty()) problems.add(h.name() + " still has listeners: " + t.listeners());
            if (t.counters().connections() != 0) problems.add(h.name() + " counts " + t.counters().connections() + " connections");
            if (t.counters().staleBytesAccepted() != 0) {
                problems.add(h.name() + " accepted " + t.counters().staleBytesAccepted() + " stale bytes from an older incarnation");
            }
        }
        int pending = run.clock.stats().pendingTimers();
        if (pending != 0) problems.add(pending + " timers still pending after the run went idle");
    }
}
