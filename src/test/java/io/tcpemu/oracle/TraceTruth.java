package io.tcpemu.oracle;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.HostEvent;
import io.tcpemu.trace.TraceEvent.NoticeEvent;
import io.tcpemu.trace.TraceEvent.SegmentEvent;
import io.tcpemu.trace.TraceEvent.SocketCall;
import io.tcpemu.trace.TraceEvent.StateChanged;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a trace says, worked out from its events alone with nothing of {@code io.tcpemu.metrics}:
 * the counts, the transitions, the latencies, and per host the step function of connections per
 * state and ports in use. Written plainly (maps, lists, one pass) so it is easy to believe; speed
 * does not matter here. The definitions are the ones the docs give:
 * <ul>
 *   <li>a count "at time t" is the count after every event stamped t or earlier; "most at once" is
 *       the highest count at any instant, so an end that enters a state and leaves it within one
 *       instant is never held;</li>
 *   <li>established: an active open (CLOSED → SYN-SENT) that reached ESTABLISHED or CLOSE-WAIT;</li>
 *   <li>handshake: SYN-SENT until then; lifetime: leaving CLOSED/LISTEN for a live state until CLOSED;</li>
 *   <li>ports in use: distinct local ports of that host's connections from SYN-SENT until CLOSED
 *       (a port held towards two destinations, or reused from TIME-WAIT, counts once);</li>
 *   <li>CLOSED → LISTEN: a listener's passive OPEN, one per successful listen call. A connection
 *       the trace shows entering LISTEN from CLOSED is a child a SYN makes, which must leave LISTEN
 *       within that instant: it is born of the listener's LISTEN and counts from there.</li>
 * </ul>
 */
final class TraceTruth {
    private static final Pattern BYTES = Pattern.compile("(?:^| )bytes=(\\d+)");
    static final List<State> COUNTED = List.of(State.LISTEN, State.SYN_SENT, State.SYN_RECEIVED, State.ESTABLISHED,
            State.FIN_WAIT_1, State.FIN_WAIT_2, State.CLOSE_WAIT, State.CLOSING, State.LAST_ACK, State.TIME_WAIT);

    /** One host's counts from {@code time} until the next instant: per state (by name) and "ports". */
    record Step(long time, Map<String, Integer> counts) {}

    final Map<String, Long> counters = new TreeMap<>();
    final Map<String, Long> transitions = new TreeMap<>();   // "FROM,TO"
    final Map<String, Long> hostEvents = new TreeMap<>();
    final List<Long> handshakes = new ArrayList<>();
    final List<Long> lifetimes = new ArrayList<>();
    final Map<String, List<Step>> steps = new TreeMap<>();
    /** Per host: connections that reached ESTABLISHED after a passive open (from LISTEN, or a bare SYN). */
    final Map<String, Long> passiveEstablished = new TreeMap<>();
    /** Last state of each connection, by "host/connId". */
    final Map<String, State> lastState = new HashMap<>();
    final List<String> inconsistencies = new ArrayList<>();
    /** Per router: segments it forwarded, drops by reason (the words before any "(..."), conntrack entries now and at most. */
    final Map<String, Long> routerForwarded = new TreeMap<>();
    final Map<String, Map<String, Long>> routerDrops = new TreeMap<>();
    final Map<String, long[]> conntrack = new TreeMap<>();   // {entries now, most at once, allocations}
    /** Children that entered LISTEN from CLOSED and have not yet left it: "host/connId" → when. */
    private final Map<String, Long> childBorn = new HashMap<>();
    long maxTimeWaitAllHosts;
    long lastConnectCall = -1;

    private TraceTruth() {}

    /** Routers: a link's drops name the link ("a->b"), a router's drops name the router. */
    private void routers(TraceEvent e) {
        if (e instanceof TraceEvent.Forwarded f) {
            bump(routerForwarded, f.router(), 1);
        } else if (e instanceof SegmentEvent s && s.action() == TraceEvent.SegmentAction.DROPPED && !s.where().contains("->")) {
            String reason = s.reason().contains(" (") ? s.reason().substring(0, s.reason().indexOf(" (")) : s.reason();
            bump(routerDrops.computeIfAbsent(s.where(), k -> new TreeMap<>()), reason, 1);
        } else if (e instanceof HostEvent h && (h.kind().equals("conntrack-new") || h.kind().equals("conntrack-gone"))) {
            long[] c = conntrack.computeIfAbsent(h.host(), k -> new long[3]);
            if (h.kind().equals("conntrack-new")) {
                c[0]++;
                c[2]++;
            } else {
                c[0]--;
            }
            c[1] = Math.max(c[1], c[0]);
        }
    }

    static TraceTruth of(List<? extends TraceEvent> events) { return of(events, h -> h); }

    /**
     * @param rowOf the row of the summary a host is counted in: the hosts of one {@code count} share
     *              one (the group's name), and its counts are theirs added up at each instant
     */
    static TraceTruth of(List<? extends TraceEvent> events, java.util.function.UnaryOperator<String> rowOf) {
        TraceTruth t = new TraceTruth();
        t.rowOf = rowOf;
        t.read(events);
        return t;
    }

    private java.util.function.UnaryOperator<String> rowOf = h -> h;

    long counter(String label) { return counters.getOrDefault(label, 0L); }

    private void bump(Map<String, Long> map, String key, long by) { map.merge(key, by, Long::sum); }

    private void read(List<? extends TraceEvent> events) {
        for (String label : List.of("connect-attempts", "established", "refused", "timed-out", "reset", "addr-not-avail",
                "segments-sent", "segments-delivered", "segments-dropped", "segments-duplicated", "retransmissions",
                "rsts-sent", "bytes-sent", "stale-segments", "stale-bytes", "max-time-wait", "listens", "connecting-at-end")) {
            counters.put(label, 0L);
        }
        Map<String, State> state = new HashMap<>();
        Map<String, Long> synSentAt = new HashMap<>();
        Map<String, Long> openedAt = new HashMap<>();
        Map<String, String> holdsPort = new HashMap<>();      // connection -> "host/local port"
        Map<String, Integer> portHolders = new HashMap<>();   // "host/local port" -> connections holding it
        Map<String, Boolean> passive = new HashMap<>();
        Map<String, Map<String, Integer>> live = new TreeMap<>();
        long instant = Long.MIN_VALUE;
        for (TraceEvent e : events) routers(e);
        for (TraceEvent e : events) {
            if (e.time() != instant) {
                if (instant != Long.MIN_VALUE) close(instant, live);
                if (e.time() < instant) inconsistencies.add("time goes backwards at " + e);
                instant = Math.max(instant, e.time());
            }
            if (e instanceof SegmentEvent s) {
                switch (s.action()) {
                    case SENT -> {
                        bump(counters, "segments-sent", 1);
                        bump(counters, "bytes-sent", s.segment().length());
                        if (s.retransmission()) bump(counters, "retransmissions", 1);
                        if ((s.segment().flags() & Flags.RST) != 0) bump(counters, "rsts-sent", 1);
                    }
                    case DELIVERED -> bump(counters, "segments-delivered", 1);
                    case DROPPED -> bump(counters, "segments-dropped", 1);
                    case DUPLICATED -> bump(counters, "segments-duplicated", 1);
                }
            } else if (e instanceof NoticeEvent n) {
                switch (n.notice()) {
                    case REFUSED -> bump(counters, "refused", 1);
                    case TIMED_OUT -> bump(counters, "timed-out", 1);
                    case RESET, RESET_AFTER_PEER_FIN -> bump(counters, "reset", 1);
                    default -> { }
                }
            } else if (e instanceof SocketCall c) {
                if (c.call().startsWith("connect")) {
                    bump(counters, "connect-attempts", 1);
                    lastConnectCall = c.time();
                    if (c.result().startsWith("EADDRNOTAVAIL")) bump(counters, "addr-not-avail", 1);
                }
                if (c.call().startsWith("listen") && c.result().equals("ok")) {
                    bump(counters, "listens", 1);
                    bump(transitions, "CLOSED,LISTEN", 1);
                }
            } else if (e instanceof HostEvent h) {
                bump(hostEvents, h.kind(), 1);
                if (h.kind().equals("stale-data")) {
                    bump(counters, "stale-segments", 1);
                    Matcher m = BYTES.matcher(h.detail());
                    if (m.find()) bump(counters, "stale-bytes", Long.parseLong(m.group(1)));
                }
            } else if (e instanceof StateChanged s) {
                String conn = s.host() + "/" + s.connId();
                State was = state.getOrDefault(conn, State.CLOSED);
                if (was != s.from()) inconsistencies.add(conn + " was " + was + " but the trace says it left " + s.from() + ": " + s);
                state.put(conn, s.to());
                lastState.put(conn, s.to());
                if (was == State.CLOSED && s.to() == State.LISTEN) {
                    childBorn.put(conn, s.time());
                } else {
                    bump(transitions, s.from() + "," + s.to(), 1);
                }
                Long born = s.from() == State.LISTEN ? childBorn.remove(conn) : null;
                if (born != null && born != s.time()) {
                    inconsistencies.add(conn + " entered LISTEN at " + born + " as a listener's child but took no SYN then: " + s);
                }
                Map<String, Integer> counts = live.computeIfAbsent(rowOf.apply(s.host()), h -> new HashMap<>());
                if (was != State.CLOSED) counts.merge(was.toString(), -1, Integer::sum);
                if (s.to() != State.CLOSED) counts.merge(s.to().toString(), 1, Integer::sum);
                boolean idle = was == State.CLOSED || was == State.LISTEN;
                if (was == State.CLOSED && s.to() == State.SYN_SENT) {
                    synSentAt.put(conn, s.time());
                    if (s.tuple() != null) {
                        String port = s.host() + "/" + s.tuple().local().port();
                        holdsPort.put(conn, port);
                        if (portHolders.merge(port, 1, Integer::sum) == 1) counts.merge("ports", 1, Integer::sum);
                    }
                }
                if (idle && s.to() != State.CLOSED && s.to() != State.LISTEN) openedAt.putIfAbsent(conn, s.time());
                if (was == State.LISTEN || (was == State.CLOSED && s.to() != State.SYN_SENT && s.to() != State.CLOSED)) {
                    passive.put(conn, true);
                }
                if (s.to() == State.ESTABLISHED && passive.containsKey(conn)) bump(passiveEstablished, s.host(), 1);
                if ((s.to() == State.ESTABLISHED || s.to() == State.CLOSE_WAIT) && synSentAt.containsKey(conn)) {
                    handshakes.add(s.time() - synSentAt.remove(conn));
                    bump(counters, "established", 1);
                }
                if (s.to() == State.CLOSED) {
                    synSentAt.remove(conn);
                    passive.remove(conn);
                    Long opened = openedAt.remove(conn);
                    if (opened != null) lifetimes.add(s.time() - opened);
                    String port = holdsPort.remove(conn);
                    if (port != null && portHolders.merge(port, -1, Integer::sum) == 0) counts.merge("ports", -1, Integer::sum);
                }
            }
        }
        if (instant != Long.MIN_VALUE) close(instant, live);
        childBorn.forEach((conn, t) -> inconsistencies.add(conn + " entered LISTEN at " + t + " as a listener's child and never left it"));
        counters.put("max-time-wait", maxTimeWaitAllHosts);
        counters.put("connecting-at-end", lastState.values().stream().filter(st -> st == State.SYN_SENT).count());
    }

    /** The end of an instant: its counts hold until the next one. */
    private void close(long instant, Map<String, Map<String, Integer>> live) {
        long timeWait = 0;
        for (Map.Entry<String, Map<String, Integer>> h : live.entrySet()) {
            List<Step> list = steps.computeIfAbsent(h.getKey(), k -> new ArrayList<>());
            Map<String, Integer> copy = new HashMap<>(h.getValue());
            if (!list.isEmpty() && list.get(list.size() - 1).counts().equals(copy)) continue;
            list.add(new Step(instant, copy));
        }
        for (Map<String, Integer> counts : live.values()) timeWait += counts.getOrDefault("TIME-WAIT", 0);
        maxTimeWaitAllHosts = Math.max(maxTimeWaitAllHosts, timeWait);
    }

    /** A host's count of {@code what} (a state's name, or "ports") at time {@code t}. */
    int at(String host, String what, long t) {
        List<Step> list = steps.getOrDefault(host, List.of());
        int value = 0;
        for (Step s : list) {
            if (s.time() > t) break;
            value = s.counts().getOrDefault(what, 0);
        }
        return value;
    }

    /** The most a host held of {@code what} at once. */
    int max(String host, String what) {
        int max = 0;
        for (Step s : steps.getOrDefault(host, List.of())) max = Math.max(max, s.counts().getOrDefault(what, 0));
        return max;
    }

    /** Nearest-rank percentile ({@code percent} of 100) of the values, sorted here; null for none. */
    static Long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) return null;
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }
}
