package io.tcpemu.testkit;

import io.tcpemu.emulation.Emulation;
import io.tcpemu.report.Ladder;
import io.tcpemu.runtime.Link;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import io.tcpemu.trace.TraceEvent.StateChanged;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

/**
 * A scenario test: hosts joined by links on the virtual clock, driven by socket calls, fault
 * rules and time, and read back as segments, states and ladder diagrams. Time passes only when
 * the test says so ({@link #advance}, {@link #runUntil}, {@link #runUntilIdle}) or while a call
 * waits for its answer (a connect for its handshake, an accept for a connection); a call that
 * the emulation answers at once (write, close, shutdown) takes no emulated time.
 * <pre>
 *   try (Scenario scenario = Scenario.builder().host("a").host("b").link("a", "b", ms(10)).build()) {
 *       Scenario.Pair pair = scenario.open("a", "b", 80);
 *       pair.client().close();
 *       scenario.runUntil(pair.server(), State.CLOSE_WAIT);
 *       ...
 *       assertThat(scenario).connection(pair.client()).passedThrough(FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT, CLOSED);
 *   }
 * </pre>
 * Not thread-safe: drive one scenario from one test thread.
 */
public final class Scenario implements AutoCloseable {
    /** How long a waiting call (connect, accept, read) or {@link #runUntil} may drive the clock: ten emulated minutes. */
    public static final long DEFAULT_WAIT = Time.minutes(10);
    /** How far {@link #runUntilIdle()} may drive the clock: one emulated hour. */
    public static final long IDLE_HORIZON = Time.minutes(60);
    /** Backlog of listeners opened by {@link #listen}. */
    static final int BACKLOG = 128;

    private final Emulation emu;
    private final Recording recording = new Recording();
    private final Map<String, Listener> listeners = new HashMap<>();
    private boolean closed;

    Scenario(Emulation emu) {
        this.emu = emu;
        emu.trace().subscribe(recording);
    }

    /** Starts describing a scenario: hosts, links, TCP profile, seed. */
    public static ScenarioBuilder builder() { return new ScenarioBuilder(); }

    /** Both ends of a connection opened by {@link #open}. */
    public record Pair(Conn client, Conn server) {}

    // ---- socket calls -------------------------------------------------------------------------

    /** listen(2) on {@code host:port}; fails with an {@code ErrnoException} (EADDRINUSE) if taken. */
    public Listener listen(String host, int port) {
        Listener listener = new Listener(this, answer(emu.sockets().listen(host, port, BACKLOG, true)));
        listeners.put(host + ":" + port, listener);
        return listener;
    }

    /**
     * connect(2) from an ephemeral port of {@code from} to {@code to:port}, waiting for the
     * handshake. Fails with an {@code ErrnoException} (ECONNREFUSED, ETIMEDOUT, EADDRNOTAVAIL ...).
     */
    public Conn connect(String from, String to, int port) { return connectAsync(from, 0, to, port).await(); }

    /** As {@link #connect(String, String, int)}, bound to {@code localPort} first. */
    public Conn connect(String from, int localPort, String to, int port) { return connectAsync(from, localPort, to, port).await(); }

    /**
     * Starts a connect and returns at once, without letting time pass: for two connects at the
     * same instant (simultaneous open) or a fault injected while the SYN is on its way.
     * {@code localPort} 0 picks an ephemeral port.
     */
    public Connecting connectAsync(String from, int localPort, String to, int port) {
        CompletionStage<io.tcpemu.runtime.ConnectedSocket> stage =
                emu.sockets().connect(from, localPort, new SockAddr(emu.ip(to), port));
        Connecting connecting = new Connecting(this, from + " connect " + to + ":" + port, stage.toCompletableFuture());
        settle();
        return connecting;
    }

    /**
     * A connection from {@code client} to {@code server:port}, both ends established: listens
     * there unless this scenario already does, connects, and accepts.
     */
    public Pair open(String client, String server, int port) {
        Listener listener = listeners.get(server + ":" + port);
        if (listener == null) listener = listen(server, port);
        Conn c = connect(client, server, port);
        return new Pair(c, listener.accept());
    }

    // ---- faults -------------------------------------------------------------------------------

    /**
     * Adds a fault rule (see {@code io.tcpemu.runtime.fault.FaultRuleParser} for the syntax) to
     * every link it can act on: with {@code from X}, each link leaving X; without, every link.
     * A rule that cannot be read fails with the bad word and what was expected.
     */
    public Rule rule(String rule) {
        String from = io.tcpemu.runtime.fault.FaultRule.parse(rule).pattern().fromHost();
        List<String> names = new ArrayList<>();
        for (String link : emu.links().keySet()) if (from == null || link.startsWith(from + "->")) names.add(link);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("rule \"" + rule + "\": no link leaves host '" + from + "'; links: "
                    + String.join(", ", emu.links().keySet()));
        }
        return addRule(rule, names);
    }

    /** Adds a fault rule to the one link direction {@code from -> to}. */
    public Rule rule(String from, String to, String rule) {
        emu.link(from, to);
        return addRule(rule, List.of(from + "->" + to));
    }

    private Rule addRule(String rule, List<String> linkNames) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (String name : linkNames) {
            Link.RuleReply reply = ask(emu.links().get(name), r -> new Link.AddRule(rule, r));
            if (reply instanceof Link.RuleRejected rejected) {
                new Rule(this, rule, ids).remove();
                throw new IllegalArgumentException("link " + name + ": " + rejected.error());
            }
            ids.put(name, ((Link.RuleAdded) reply).id());
        }
        return new Rule(this, rule, ids);
    }

    void removeRule(String link, int id) { ask(emu.links().get(link), (ActorRef<Link.RuleReply> r) -> new Link.RemoveRule(id, r)); }

    /**
     * Puts a made-up segment on the link from its source host to its destination (an old
     * duplicate, a forged RST), now. The trace shows it as sent by the source host, with reason "injected".
     */
    public void inject(Segment segment) {
        ActorRef<Link.Command> link = emu.env().directory().link(segment.src().ip(), segment.dst().ip());
        if (link == null) {
            throw new IllegalArgumentException("inject " + segment + ": no link from " + SockAddr.formatIp(segment.src().ip())
                    + " to " + SockAddr.formatIp(segment.dst().ip()) + "; links: " + String.join(", ", emu.links().keySet()));
        }
        String sender = hostName(segment.src().ip());
        emu.trace().publish(new TraceEvent.SegmentEvent(emu.now(), SegmentAction.SENT, sender, segment, false, "injected"));
        link.tell(new Link.Transmit(segment, State.CLOSED, emu.now()));
        settle();
    }

    /** The address {@code host:port}, for building segments to {@link #inject}. */
    public SockAddr address(String host, int port) { return new SockAddr(emu.ip(host), port); }

    // ---- time ---------------------------------------------------------------------------------

    /** Emulated microseconds since the scenario started. */
    public long now() { return emu.now(); }

    /** Lets {@code micros} of emulated time pass, running everything due meanwhile. */
    public Scenario advance(long micros) {
        emu.clock().advanceBy(micros);
        return this;
    }

    /** Runs everything due up to the absolute emulated time {@code time} and stops there. */
    public Scenario advanceTo(long time) {
        emu.clock().advanceTo(time);
        return this;
    }

    /**
     * Runs until nothing is left to do (no segment in flight, no timer pending: TIME-WAIT over,
     * retransmissions given up); fails, with the ladders, if that takes more than an emulated hour.
     */
    public Scenario runUntilIdle() {
        if (!emu.clock().runUntilIdle(now() + IDLE_HORIZON)) {
            throw Explain.failure("still busy after " + Time.format(IDLE_HORIZON) + " of emulated time", this, connections());
        }
        return this;
    }

    /** Runs until {@code end} is in {@code state} (at once if it is); fails with its ladder after {@link #DEFAULT_WAIT}. */
    public Scenario runUntil(Conn end, State state) { return runUntil(end, state, DEFAULT_WAIT); }

    /** As {@link #runUntil(Conn, State)}, waiting at most {@code within} of emulated time. */
    public Scenario runUntil(Conn end, State state, long within) {
        if (!emu.clock().runUntil(() -> end.state() == state, now() + within)) {
            throw Explain.failure(end + " did not reach " + state + " within " + Time.format(within)
                    + "; it is in " + end.state(), this, List.of(end.tuple()));
        }
        return this;
    }

    /**
     * Runs until {@code condition} holds, for at most {@code within}; returns whether it held.
     * The condition is checked between the emulation's tasks: keep it quick.
     */
    public boolean runUntil(BooleanSupplier condition, long within) {
        return emu.clock().runUntil(condition, now() + within);
    }

    /**
     * Runs until a segment matching {@code match} appears in the trace after this call (as in
     * smoltcp's {@code recv!}), at most {@code within} from now; returns it, or fails with the ladders.
     */
    public TraceEvent.SegmentEvent expectSegment(Segments match, long within) {
        int from = recording.size();
        List<TraceEvent.SegmentEvent> found = new ArrayList<>();
        emu.clock().runUntil(() -> match.firstIn(recording.since(from), found), now() + within);
        if (found.isEmpty()) {
            throw Explain.failure("expected " + match + " within " + Time.format(within) + " but none came", this, connections());
        }
        return found.get(0);
    }

    /** Lets {@code during} pass and fails, with the ladders, if a segment matching {@code match} appears meanwhile. */
    public Scenario expectNoSegment(Segments match, long during) {
        int from = recording.size();
        advance(during);
        List<TraceEvent.SegmentEvent> found = match.in(recording.since(from));
        if (!found.isEmpty()) {
            throw Explain.failure("expected no " + match + " during " + Time.format(during) + " but got " + found.get(0),
                    this, connections());
        }
        return this;
    }

    // ---- reading what happened ------------------------------------------------------------------

    /** Every segment event so far (sent, delivered, dropped, duplicated), ready to be narrowed. */
    public Segments segments() { return new Segments(this); }

    /** Every trace event so far, in the order they were published. */
    public List<TraceEvent> trace() {
        settle();
        return recording.events();
    }

    /** The 4-tuples of every connection in the trace, each seen from its first sender. */
    public List<FourTuple> connections() { return Ladder.connections(trace()); }

    /**
     * The connection ends the trace shows on {@code host}, in the order they appeared, including
     * ones the test never accepted (a listener's child reset before it completed). Ends the test
     * did not open or accept can be watched and asserted on, but not called.
     */
    public List<Conn> connectionsOn(String host) {
        emu.host(host);
        Map<Long, Conn> ends = new LinkedHashMap<>();
        for (TraceEvent e : trace()) {
            if (e instanceof StateChanged s && s.host().equals(host) && complete(s.tuple()) && !ends.containsKey(s.connId())) {
                ends.put(s.connId(), new Conn(this, host, s.connId(), s.tuple(), null));
            }
        }
        return List.copyOf(ends.values());
    }

    /** A listener's child starts in LISTEN with no remote end yet. */
    private static boolean complete(FourTuple t) { return t != null && t.local() != null && t.remote() != null; }

    /** The ladder diagram of the connection {@code end} belongs to, as terminal text (time in emulated ms). */
    public String ladder(Conn end) { return Explain.ladder(trace(), end.tuple()); }

    /**
     * The segments of {@code end}'s connection in the notation of RFC 793's figures, one line per
     * segment sent, {@code end}'s side on the left: {@code "a --> b  <SEQ=100><CTL=SYN>"},
     * {@code "a <-- b  <SEQ=300><ACK=101><CTL=SYN,ACK>"}; suffixes {@code (lost)}, {@code (retx)},
     * {@code (dup)}, {@code (injected)}. Sequence numbers are relative, as in the figures: the
     * left side's ISN prints as 100 and the right side's as 300.
     */
    public List<String> exchange(Conn end) { return exchange(end, 100, 300); }

    /**
     * As {@link #exchange(Conn)}, with the ISNs printed as {@code leftIsn} and {@code rightIsn}:
     * 99 and 299 number the first bytes after the handshake 100 and 300, as the figures that start
     * on an established connection do.
     */
    public List<String> exchange(Conn end, long leftIsn, long rightIsn) { return Exchange.lines(trace(), end.tuple(), leftIsn, rightIsn); }

    /** The host actors' view: how many TIME-WAIT entries {@code host} holds now. */
    public int timeWaitCount(String host) { return emu.table(host).timeWait().size(); }

    /** The emulation underneath, for what the testkit does not cover (counters, tables, links). */
    public Emulation emulation() { return emu; }

    /** Stops the actor system; the recorded trace stays readable. */
    @Override public void close() {
        closed = true;
        emu.close();
    }

    // ---- for the other testkit classes ------------------------------------------------------------

    Recording recording() { return recording; }

    /** Runs what is due at the current instant, so the trace and states are up to date. */
    void settle() {
        if (!closed && !emu.clock().isEmulationThread()) emu.clock().advanceTo(emu.now());
    }

    /** Waits for a call the emulation answers at the current instant. */
    <T> T answer(CompletionStage<T> stage) { return emu.await(stage, 0); }

    /** Waits for a call, letting at most {@code within} of emulated time pass; fails with the ladders if none came. */
    <T> T await(CompletionStage<T> stage, long within, String call, List<FourTuple> involved) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        if (!emu.clock().runUntil(future::isDone, now() + within)) {
            throw Explain.failure(call + ": no answer within " + Time.format(within) + " of emulated time", this, involved);
        }
        return emu.await(future, 0);
    }

    <Q, R> R ask(ActorRef<Q> target, org.apache.pekko.japi.function.Function<ActorRef<R>, Q> message) {
        CompletableFuture<R> result = new CompletableFuture<>();
        org.apache.pekko.actor.typed.javadsl.AskPattern.ask(target, message, java.time.Duration.ofDays(1), emu.system().scheduler())
                .whenCompleteAsync((reply, failure) -> {
                    if (failure != null) result.completeExceptionally(failure);
                    else result.complete(reply);
                }, Runnable::run);
        return answer(result);
    }

    /** The host's name, or its dotted address if no host has it (a spoofed source). */
    String hostName(int ip) {
        String name = emu.env().directory().hostName(ip);
        return name != null ? name : SockAddr.formatIp(ip);
    }
}
