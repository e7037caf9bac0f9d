package io.tcpemu.run;

import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceSink;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last state of every connection, and what the metrics do not split by side: how many
 * connections each host established passively (a server's, or a ghost's). Named connections'
 * final states and {@code expect.final-states} are read from here.
 */
final class ConnectionLog implements TraceSink {
    /** Connection ids are unique per host, so (host, id) names a connection. */
    record Key(String host, long connId) {}

    private final Map<Key, State> last = new LinkedHashMap<>();
    private final Map<String, Long> passiveEstablished = new HashMap<>();
    private final Map<Key, Boolean> passive = new HashMap<>();

    @Override public synchronized void accept(TraceEvent event) {
        if (!(event instanceof TraceEvent.StateChanged e)) return;
        Key key = new Key(e.host(), e.connId());
        last.put(key, e.to());
        if (e.from() == State.LISTEN || (e.from() == State.CLOSED && e.to() != State.SYN_SENT && e.to() != State.CLOSED)) {
            passive.put(key, true);
        }
        if (e.to() == State.ESTABLISHED && passive.containsKey(key)) passiveEstablished.merge(e.host(), 1L, Long::sum);
        if (e.to() == State.CLOSED) passive.remove(key);
    }

    /** The last state this connection was traced in; CLOSED if it never appeared. */
    synchronized State state(String host, long connId) { return last.getOrDefault(new Key(host, connId), State.CLOSED); }

    /** The last state of every connection of this host, by connection id. */
    synchronized Map<Long, State> statesOf(String host) {
        Map<Long, State> out = new LinkedHashMap<>();
        last.forEach((k, s) -> { if (k.host().equals(host)) out.put(k.connId(), s); });
        return out;
    }

    /** Connections this host reached ESTABLISHED with from LISTEN (or from a bare SYN). */
    synchronized long passiveEstablished(String host) { return passiveEstablished.getOrDefault(host, 0L); }
}
