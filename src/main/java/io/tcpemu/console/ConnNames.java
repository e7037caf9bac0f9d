package io.tcpemu.console;

import io.tcpemu.runtime.SocketRef;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent.StateChanged;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The names of a session's connections: {@code c1, c2 ...} (or a chosen name) for the ones the
 * user opens, {@code HOST.conn1 ...} for the ones a host accepts, each tied to the (host, conn id)
 * the trace and the socket events use. Written from emulation threads, read by the console.
 */
final class ConnNames {
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

    private final Map<String, NamedConnection> byId = new LinkedHashMap<>();
    private final Map<String, NamedConnection> byKey = new LinkedHashMap<>();
    /** Connects the trace has not shown yet, oldest first: a host opens them in this order. */
    private final List<NamedConnection> pending = new ArrayList<>();
    private final Map<String, Integer> acceptedPerHost = new LinkedHashMap<>();
    /** Names waiting for the next connection a listener accepts ('accept b:80 as s1'), by "host:port". */
    private final Map<String, java.util.ArrayDeque<NamedConnection>> awaitedAccepts = new LinkedHashMap<>();
    private int nextClient = 1;

    /** Names a connect the user is starting; an error if the chosen name is bad or taken. */
    synchronized NamedConnection opening(String host, SockAddr remote, String as) {
        String id = as != null ? as : nextFreeClientId();
        NamedConnection c = new NamedConnection(checkNew(id), host, remote, true);
        byId.put(id, c);
        pending.add(c);
        return c;
    }

    /** Names the next connection accepted on host:port (one not yet named by an earlier accept). */
    synchronized NamedConnection awaitAccept(String host, int port, String as) {
        NamedConnection c = new NamedConnection(checkNew(as), host, null, false);
        byId.put(as, c);
        awaitedAccepts.computeIfAbsent(host + ":" + port, k -> new java.util.ArrayDeque<>()).addLast(c);
        return c;
    }

    private String checkNew(String id) {
        if (!ID.matcher(id).matches()) {
            throw new ConsoleError("bad connection name '" + id + "'", "use letters, digits, '.', '-' or '_', starting with a letter");
        }
        if (byId.containsKey(id)) throw new ConsoleError("connection '" + id + "' exists already", "pick another name with 'as NAME'");
        return id;
    }

    /** Follows a state change: names a connection seen for the first time, and records its state. */
    synchronized void stateChanged(StateChanged s) {
        NamedConnection c = byKey.get(key(s.host(), s.connId()));
        if (c == null && s.tuple() != null && s.tuple().remote() != null) c = adopt(s);
        if (c != null) c.state(s.to());
    }

    /** The connection of a socket a host handed over, named now if the trace has not shown it. */
    synchronized NamedConnection bound(SocketRef ref) {
        NamedConnection c = byKey.get(key(ref.host(), ref.connId()));
        if (c == null) {
            c = accepted(ref.host(), ref.tuple().local().port(), ref.tuple().remote());
            byKey.put(key(ref.host(), ref.connId()), c);
        }
        c.socket(ref);
        return c;
    }

    /** The connection of a socket already known, or null: an ended endpoint's notice names no new connection. */
    synchronized NamedConnection known(SocketRef ref) { return byKey.get(key(ref.host(), ref.connId())); }

    /** A failed call's connection: by its socket, else by the tag its owner was spawned with; no longer pending. */
    synchronized NamedConnection failed(SocketRef socket, String tag) {
        NamedConnection c = socket != null ? bound(socket) : byId.get(tag);
        if (c != null) pending.remove(c);
        return c;
    }

    /** The console name of a traced connection, or null. */
    synchronized String nameOf(String host, long connId) {
        NamedConnection c = byKey.get(key(host, connId));
        return c == null ? null : c.id();
    }

    /** The connection with this id; a one-line error naming the near or known ones otherwise. */
    synchronized NamedConnection get(String id) {
        NamedConnection c = byId.get(id);
        if (c != null) return c;
        String known = byId.isEmpty() ? "there are none yet (open one with 'connect a b:80')" : "known: " + String.join(", ", byId.keySet());
        String near = Suggest.closest(id, byId.keySet());
        throw new ConsoleError("no connection '" + id + "'", near != null ? "did you mean '" + near + "'?" : known);
    }

    synchronized NamedConnection find(String id) { return byId.get(id); }

    synchronized List<NamedConnection> all() { return List.copyOf(byId.values()); }

    synchronized List<String> ids() { return List.copyOf(byId.keySet()); }

    synchronized void clear() {
        byId.clear();
        byKey.clear();
        pending.clear();
        acceptedPerHost.clear();
        awaitedAccepts.clear();
        nextClient = 1;
    }

    /** A connection seen for the first time: one the user is opening, or one a host accepted. */
    private NamedConnection adopt(StateChanged s) {
        NamedConnection c = null;
        if (s.to() == State.SYN_SENT) {
            for (NamedConnection p : pending) {
                if (p.host().equals(s.host()) && p.remote().equals(s.tuple().remote())) {
                    c = p;
                    break;
                }
            }
            if (c != null) pending.remove(c);
        }
        if (c == null) c = accepted(s.host(), s.tuple().local().port(), s.tuple().remote());
        c.bind(s.connId(), s.tuple());
        byKey.put(key(s.host(), s.connId()), c);
        return c;
    }

    /** A connection the user did not open: the name an 'accept ... as' waits with, else the next HOST.connN. */
    private NamedConnection accepted(String host, int port, SockAddr remote) {
        java.util.ArrayDeque<NamedConnection> awaited = awaitedAccepts.get(host + ":" + port);
        if (awaited != null && !awaited.isEmpty()) return awaited.pollFirst();
        int n = acceptedPerHost.merge(host, 1, Integer::sum);
        NamedConnection c = new NamedConnection(host + ".conn" + n, host, remote, false);
        byId.put(c.id(), c);
        return c;
    }

    private String nextFreeClientId() {
        while (byId.containsKey("c" + nextClient)) nextClient++;
        return "c" + nextClient++;
    }

    private static String key(String host, long connId) { return host + "#" + connId; }
}
