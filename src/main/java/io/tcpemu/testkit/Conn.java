package io.tcpemu.testkit;

import io.tcpemu.runtime.ConnectedSocket;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.StateChanged;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One end of one connection in a {@link Scenario}: a connected socket the test opened or
 * accepted, or an end it only watches ({@link Scenario#connectionsOn}). Each call is made now and
 * returns once the emulation answered; only {@link #read} lets time pass while it waits for bytes.
 * Its state and history come from the trace, so they stay readable after the end is gone.
 */
public final class Conn {
    private final Scenario scenario;
    private final String host;
    private final long connId;
    private final FourTuple tuple;
    private final ConnectedSocket socket;

    Conn(Scenario scenario, String host, long connId, FourTuple tuple, ConnectedSocket socket) {
        this.scenario = scenario;
        this.host = host;
        this.connId = connId;
        this.tuple = tuple;
        this.socket = socket;
    }

    static Conn of(Scenario scenario, ConnectedSocket socket) {
        return new Conn(scenario, socket.ref().host(), socket.ref().connId(), socket.tuple(), socket);
    }

    /** The scenario this end belongs to. */
    Scenario scenario() { return scenario; }

    /** The host this end lives on. */
    public String host() { return host; }

    /** The connection id the trace uses for this end (unique per host). */
    public long connId() { return connId; }

    /** The connection seen from this end: local address first. */
    public FourTuple tuple() { return tuple; }

    // ---- socket calls ---------------------------------------------------------------------------

    /** write(2) of the UTF-8 bytes of {@code text}; fails with an {@code ErrnoException} (EPIPE ...). */
    public Conn write(String text) { return write(text.getBytes(StandardCharsets.UTF_8)); }

    /** write(2): returns once every byte is in the send buffer (time passes only if it is full). */
    public Conn write(byte[] bytes) {
        scenario.await(socket("write").write(bytes), Scenario.DEFAULT_WAIT, this + " write", List.of(tuple));
        return this;
    }

    /** read(2) as UTF-8: waits (letting time pass) until bytes arrived; "" at end of stream. */
    public String read() { return new String(read(Integer.MAX_VALUE), StandardCharsets.UTF_8); }

    /** read(2) of at most {@code max} bytes; waits for some; empty at end of stream. */
    public byte[] read(int max) {
        return scenario.await(socket("read").read(max), Scenario.DEFAULT_WAIT, this + " read", List.of(tuple));
    }

    /** shutdown(SHUT_WR): FIN after the queued bytes; this end keeps reading. */
    public Conn shutdown() {
        scenario.answer(socket("shutdown").shutdown());
        scenario.settle();
        return this;
    }

    /** close(2): FIN after the queued bytes (RST with SO_LINGER 0, or with unread bytes where the profile says so). */
    public Conn close() {
        scenario.answer(socket("close").close());
        scenario.settle();
        return this;
    }

    /** Abort: RST now, no TIME-WAIT. */
    public Conn abort() {
        scenario.answer(socket("abort").abort());
        scenario.settle();
        return this;
    }

    /** SO_LINGER {@code {on, 0}}: from now on {@link #close()} aborts with a RST. */
    public Conn lingerZero() {
        socket("setsockopt SO_LINGER").setLinger(0);
        scenario.settle();
        return this;
    }

    /**
     * This end vanishes without a word, as if its host crashed and rebooted: it aborts, and the
     * RST that would tell the peer is lost on the link (the trace shows it dropped). The peer
     * keeps its half-open end until it learns otherwise (RFC 793 figures 10 and 11).
     */
    public Conn crash() {
        Rule silence = scenario.rule(host, scenario.hostName(tuple.remote().ip()),
                "drop rst from " + host + " conn " + tuple.local() + "-" + tuple.remote());
        abort();
        silence.remove();
        return this;
    }

    // ---- what the trace says ----------------------------------------------------------------------

    /** The state now (CLOSED once the end is gone, TIME-WAIT while its host keeps the entry). */
    public State state() {
        scenario.settle();
        State s = scenario.recording().stateOf(new Recording.EndKey(host, connId));
        return s == null ? State.CLOSED : s;
    }

    /** Every state this end was in, in order, starting with the one it left first (CLOSED or LISTEN). */
    public List<State> states() {
        List<State> path = new ArrayList<>();
        for (StateChanged s : changes()) {
            if (path.isEmpty()) path.add(s.from());
            path.add(s.to());
        }
        return path;
    }

    /** Emulated microseconds this end spent in {@code state} over its whole history (up to now if still in it). */
    public long timeIn(State state) {
        long total = 0;
        long enteredAt = -1;
        for (StateChanged s : changes()) {
            if (s.from() == state && enteredAt >= 0) total += s.time() - enteredAt;
            enteredAt = s.to() == state ? s.time() : -1;
        }
        return enteredAt >= 0 ? total + scenario.now() - enteredAt : total;
    }

    /** This end's state changes, from the trace. */
    List<StateChanged> changes() {
        List<StateChanged> mine = new ArrayList<>();
        for (TraceEvent e : scenario.trace()) {
            if (e instanceof StateChanged s && s.host().equals(host) && s.connId() == connId) mine.add(s);
        }
        return mine;
    }

    private ConnectedSocket socket(String call) {
        if (socket == null) {
            throw new IllegalStateException(call + " on " + this + ": this end was not opened or accepted by the test;"
                    + " it can be watched and asserted on, not called");
        }
        return socket;
    }

    /** "a#1 10.0.0.1:40000&lt;-&gt;10.0.0.2:80": host, connection number on it, 4-tuple. */
    @Override public String toString() { return host + "#" + (connId & 0x7FFF_FFFFL) + " " + tuple; }

    @Override public boolean equals(Object o) {
        return o instanceof Conn c && c.host.equals(host) && c.connId == connId;
    }

    @Override public int hashCode() { return Objects.hash(host, connId); }
}
