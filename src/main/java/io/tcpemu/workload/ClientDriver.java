package io.tcpemu.workload;

import io.tcpemu.config.WorkloadSettings.CloseMode;
import io.tcpemu.runtime.Endpoint;
import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.SocketEvent;
import io.tcpemu.runtime.SocketRef;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.time.EmuTime;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The load of one client host: requests arrive by its share of the arrival process, connections
 * are opened through the host (never an actor of their own), each sends its request, reads the
 * response, thinks, and is reused (pool) or closed as the close mode says. Everything it counts
 * goes to its {@link Tally}, which outlives a restart.
 *
 * <p>Its mailbox takes its {@link Command}s and, as they are sent, the {@link SocketEvent}s of its
 * host and endpoints (most of what it hears): no message adapter wraps and unwraps each one.
 */
final class ClientDriver extends AbstractBehavior<Object> {

    /** What the workload tells a driver. */
    sealed interface Command {}

    /** Stop issuing requests (Ctrl-C, or a server that could not listen). */
    enum Stop implements Command { INSTANCE }

    /**
     * The workload's stop from another partition ({@link DriverStop}): stop issuing requests at
     * {@code at}, emulated µs, as the drivers of that partition would have heard it (Long.MAX_VALUE: now).
     */
    record StopAt(long at) implements Command {}

    /** For tests of supervision: fail on purpose. */
    enum Crash implements Command { INSTANCE }

    // what its timers say (DriverTimers)

    private enum Arrive { INSTANCE }

    private enum ThinkOver { INSTANCE }

    /** The workload's duration ran out: this driver stops issuing requests, as every other does at the same instant. */
    private enum Deadline { INSTANCE }

    /** Simultaneous close with a skew: the server's close, due now. */
    private record CloseServer(ActorRef<ServerApp.Command> app, FourTuple tuple) {}

    /**
     * @param host       the client host's name
     * @param hostRef    its kernel
     * @param calls      its kernel's door for calls on their loop (taken there and then, not queued as messages)
     * @param plan       the whole workload
     * @param share      this client's part: rate, request quota and connection limit
     * @param servers    where connections go, round-robin
     * @param supervisor hears when this driver is done
     * @param deadline   when the workload's duration runs out, emulated µs
     */
    record Params(String host, ActorRef<Host.Command> hostRef, Host.Calls calls, WorkloadPlan plan, Share share,
                  List<ServerTarget> servers, ActorRef<Workload.Command> supervisor, EmuTime time, long deadline) {}

    /** @param requests Long.MAX_VALUE for no limit; @param maxOpen Integer.MAX_VALUE for no limit */
    /** @param firstServer where this client's round-robin over the servers starts: many clients of few connections each still spread evenly */
    record Share(double rate, long requests, int maxOpen, long seed, int firstServer) {}

    static Behavior<Object> create(Params p, Tally tally) {
        return Behaviors.setup(ctx -> new ClientDriver(ctx, p, tally).start());
    }

    private final DriverTimers timers;
    private final Params p;
    private final WorkloadPlan plan;
    private final Tally tally;
    private final EmuTime time;
    private final ActorRef<SocketEvent> events;
    private final byte[] keepAlive, lastRequest;
    private final Map<Long, ClientConn> conns = new HashMap<>();
    private final ArrayDeque<ClientConn> idle = new ArrayDeque<>();
    private final ArrayDeque<ClientConn> thinking = new ArrayDeque<>();
    private final Arrivals arrivals;
    /** Draws each connection's close skew (simultaneous close). */
    private final SplittableRandom skews;
    /** Connections open at once at most: the pool's size, and this client's part of the concurrency limit. */
    private final int maxOpen;
    private long nextArrival;
    /** Requests that arrived and wait for a connection. */
    private long waiting;
    private int connecting;
    private int nextServer;
    private boolean stopped, doneReported;

    private ClientDriver(ActorContext<Object> ctx, Params p, Tally tally) {
        super(ctx);
        this.timers = new DriverTimers(ctx, p.time(), this::onDue);
        this.p = p;
        this.plan = p.plan();
        this.tally = tally;
        this.time = p.time();
        this.events = ctx.getSelf().narrow();
        this.keepAlive = Requests.of(plan.requestSize(), Requests.KEEP_ALIVE);
        this.lastRequest = Requests.of(plan.requestSize(), Requests.CLOSE);
        // a restarted driver starts a fresh stream; the first run is reproducible from the seed
        this.maxOpen = plan.pooled() ? Math.min(plan.poolSize(), p.share().maxOpen()) : p.share().maxOpen();
        this.arrivals = new Arrivals(plan.process(), p.share().rate(), time.now(), p.share().seed() + tally.requestsIssued);
        this.skews = new SplittableRandom(~p.share().seed() + tally.requestsIssued);
    }

    private Behavior<Object> start() {
        if (time.now() >= p.deadline()) {   // restarted after the deadline
            stopped = true;
            return this;
        }
        timers.start(Deadline.INSTANCE, Deadline.INSTANCE, p.deadline() - time.now());
        nextArrival = arrivals.next();
        if (quotaReached()) checkDone();
        else armArrival();
        return this;
    }

    /**
     * Handlers answer {@code Behaviors.same()}, never {@code this}: returned as itself, the driver would
     * be wrapped anew by its failure notice and its supervisor on every message (one per socket event).
     */
    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder()
                .onMessage(SocketEvent.class, this::onSocket)
                .onMessage(DriverTimers.Due.class, this::onDue)
                .onMessage(DriverTimers.Failed.class, f -> { throw f.failure(); })
                .onMessageEquals(Stop.INSTANCE, this::onStop)
                .onMessage(StopAt.class, this::onStopAt)
                .onMessageEquals(Crash.INSTANCE, () -> { throw new IllegalStateException("crash requested"); })
                .onSignal(PreRestart.class, s -> cancelTimers())
                .onSignal(PostStop.class, s -> cancelTimers())
                .build();
    }

    /** A timer fired; a stale firing (cancelled or re-armed since) is dropped. */
    private Behavior<Object> onDue(DriverTimers.Due due) {
        Object m = timers.take(due);
        if (m == Arrive.INSTANCE) return onArrive();
        if (m == ThinkOver.INSTANCE) return onThinkOver();
        if (m == Deadline.INSTANCE || m == Stop.INSTANCE) return onStop();
        if (m instanceof CloseServer c) c.app().tell(new ServerApp.CloseNow(c.tuple()));
        return Behaviors.same();
    }

    /** A restarted driver arms its own (a new incarnation); a stopped one none. */
    private Behavior<Object> cancelTimers() {
        timers.cancelAll();
        return Behaviors.same();
    }

    // ---- arrivals ------------------------------------------------------------------------

    private Behavior<Object> onArrive() {
        long now = time.now();
        while (!stopped && !quotaReached() && nextArrival <= now) {
            tally.requestsIssued++;
            waiting++;
            nextArrival = arrivals.next();
        }
        dispatch();
        if (!stopped && !quotaReached()) armArrival();
        checkDone();
        return Behaviors.same();
    }

    private void armArrival() {
        timers.start(Arrive.INSTANCE, Arrive.INSTANCE, Math.max(0, nextArrival - time.now()));
    }

    private boolean quotaReached() { return tally.requestsIssued >= p.share().requests(); }

    /** Serves waiting requests: an idle pooled connection first, else a new connection while the limit allows. */
    private void dispatch() {
        while (waiting > 0) {
            ClientConn c = pollIdle();
            if (c != null) {
                waiting--;
                sendRequest(c);
            } else if (!stopped && waiting > connecting && conns.size() + connecting < maxOpen) {
                connect();
            } else {
                return;
            }
        }
    }

    private void connect() {
        ServerTarget server = p.servers().get((p.share().firstServer() + nextServer++) % p.servers().size());
        connecting++;
        tally.connectAttempts++;
        p.calls().tell(p.hostRef(), new Host.Connect(server.address(), 0, events, SocketEvent.Delivery.PUSH));
    }

    private void sendRequest(ClientConn c) {
        c.requestsSent++;
        c.last = !plan.pooled() || (plan.requestsPerConnection() > 0 && c.requestsSent >= plan.requestsPerConnection());
        c.awaiting = true;
        c.received = 0;
        c.requestStart = time.now();
        p.calls().tell(c.socket, new Endpoint.Write(c.last ? lastRequest : keepAlive, null));
    }

    // ---- socket events -------------------------------------------------------------------

    private Behavior<Object> onSocket(SocketEvent event) {
        if (event instanceof SocketEvent.Data e) onData(e.socket(), e.bytes().length);
        else if (event instanceof SocketEvent.Connected e) onConnected(e.socket());
        else if (event instanceof SocketEvent.Eof e) onEof(e.socket());
        else if (event instanceof SocketEvent.Closed e) onClosed(e.socket());
        else if (event instanceof SocketEvent.Reset e) onReset(e.socket());
        else if (event instanceof SocketEvent.Failed e) onFailed(e);
        else if (event instanceof SocketEvent.Accepted e) p.calls().tell(e.socket(), new Endpoint.Abort(null)); // not a listener
        checkDone();
        return Behaviors.same();
    }

    private void onConnected(SocketRef socket) {
        connecting = Math.max(0, connecting - 1);
        tally.established++;
        ClientConn c = new ClientConn(socket, server(socket.tuple().remote()), time.now());
        conns.put(socket.connId(), c);
        if (waiting > 0) {
            waiting--;
            sendRequest(c);
        } else if (plan.pooled() && !stopped) {
            idle.addLast(c);
        } else {
            retire(c);
        }
    }

    private void onData(SocketRef socket, int bytes) {
        ClientConn c = known(socket);
        if (c == null || !c.awaiting) return;
        c.received += bytes;
        if (c.received < plan.responseSize()) return;
        c.awaiting = false;
        tally.requestsCompleted++;
        tally.requestLatency.record(time.now() - c.requestStart);
        if (plan.thinkTime() > 0) think(c);
        else afterResponse(c);
    }

    /** The server closed: fail an unanswered request; close unless a think time still runs. */
    private void onEof(SocketRef socket) {
        ClientConn c = known(socket);
        if (c == null) return;
        c.peerClosed = true;
        if (c.awaiting) failRequest(c);
        if (!c.thinking) closeNow(c);
    }

    private void onReset(SocketRef socket) {
        tally.reset++;
        ClientConn c = conns.get(socket.connId());
        if (c == null) return;
        if (c.awaiting) failRequest(c);
        c.closing = c.closed = true;
    }

    private void onFailed(SocketEvent.Failed e) {
        tally.clientError(e.errno());
        if (e.socket() == null) {
            // connect() failed: the request it was opened for fails with it
            connecting = Math.max(0, connecting - 1);
            if (waiting > 0) {
                waiting--;
                tally.requestsFailed++;
            }
            dispatch();
            return;
        }
        ClientConn c = conns.get(e.socket().connId());
        if (c != null && c.awaiting) failRequest(c);
    }

    private void onClosed(SocketRef socket) {
        ClientConn c = conns.remove(socket.connId());
        if (c == null) return; // a connect that failed, or one a restarted driver never knew
        c.closing = true;
        tally.connectionsClosed++;
        tally.lifetime.record(time.now() - c.connectedAt);
        if (c.awaiting) failRequest(c);
        dispatch();
    }

    // ---- after a response ----------------------------------------------------------------

    private void think(ClientConn c) {
        c.thinking = true;
        c.thinkUntil = time.now() + plan.thinkTime();
        thinking.addLast(c);
        if (thinking.size() == 1) armThink();
    }

    /** Think time is the same for all, so deadlines come in FIFO order: one timer for the head. */
    private Behavior<Object> onThinkOver() {
        long now = time.now();
        while (!thinking.isEmpty() && thinking.peekFirst().thinkUntil <= now) {
            ClientConn c = thinking.pollFirst();
            c.thinking = false;
            afterResponse(c);
        }
        if (!thinking.isEmpty()) armThink();
        checkDone();
        return Behaviors.same();
    }

    private void armThink() {
        timers.start(ThinkOver.INSTANCE, ThinkOver.INSTANCE, Math.max(0, thinking.peekFirst().thinkUntil - time.now()));
    }

    private void afterResponse(ClientConn c) {
        if (c.closing) return;
        if (c.last || c.peerClosed) {
            retire(c);
        } else if (waiting > 0) {
            waiting--;
            sendRequest(c);
        } else {
            idle.addLast(c);
        }
    }

    // ---- closing -------------------------------------------------------------------------

    /** The connection is done: close it as the close mode says. */
    private void retire(ClientConn c) {
        if (c.closing) return;
        CloseMode mode = plan.close();
        if (mode == CloseMode.ABORT) {
            c.closing = c.closed = true;
            p.calls().tell(c.socket, new Endpoint.Abort(null));
        } else if (mode == CloseMode.SIMULTANEOUS) {
            // both ends call close(): the server at this same instant, or up to the close skew later
            closeServerSoon(c);
            closeNow(c);
        } else if (mode == CloseMode.SERVER_FIRST && !c.peerClosed) {
            // the server closes after a last request by itself; an idle pooled one it is told to close
            c.closing = true;
            if (!c.last) c.server.app().tell(new ServerApp.CloseNow(c.socket.tuple().reversed()));
        } else {
            closeNow(c);
        }
    }

    private void closeServerSoon(ClientConn c) {
        FourTuple tuple = c.socket.tuple().reversed();
        long skew = plan.closeSkew() == 0 ? 0 : skews.nextLong(plan.closeSkew() + 1);
        if (skew == 0) c.server.app().tell(new ServerApp.CloseNow(tuple));
        else timers.start(tuple, new CloseServer(c.server.app(), tuple), skew);
    }

    /** close() from this end, once. */
    private void closeNow(ClientConn c) {
        if (c.closed) return;
        c.closing = c.closed = true;
        p.calls().tell(c.socket, new Endpoint.Close(null));
    }

    private void failRequest(ClientConn c) {
        c.awaiting = false;
        tally.requestsFailed++;
    }

    // ---- the end -------------------------------------------------------------------------

    private Behavior<Object> onStop() {
        stopped = true;
        timers.cancel(Arrive.INSTANCE);
        timers.cancel(Deadline.INSTANCE);
        return Behaviors.same();
    }

    private Behavior<Object> onStopAt(StopAt m) {
        if (stopped || doneReported) return Behaviors.same();
        long now = time.now();
        if (m.at() == Long.MAX_VALUE || m.at() <= now) return onStop();
        timers.start(Stop.INSTANCE, Stop.INSTANCE, m.at() - now);
        return Behaviors.same();
    }

    /** Once every request arrived and nothing waits, idle connections retire; then the driver is done. */
    private void checkDone() {
        if (!quotaReached() || waiting > 0) return;
        for (ClientConn c = pollIdle(); c != null; c = pollIdle()) retire(c);
        if (conns.isEmpty() && connecting == 0 && thinking.isEmpty() && !doneReported) {
            doneReported = true;
            timers.cancel(Deadline.INSTANCE);   // a pending deadline (or stop) would keep the virtual clock from going idle
            timers.cancel(Stop.INSTANCE);
            if (tally.doneAt < 0) tally.doneAt = time.now();
            p.supervisor().tell(new Workload.DriverDone("client-" + p.host()));
        }
    }

    private ClientConn pollIdle() {
        ClientConn c;
        do c = idle.pollFirst(); while (c != null && c.closing);
        return c;
    }

    /** The driver's entry for a socket; a socket it does not know (after a restart) is aborted and counted. */
    private ClientConn known(SocketRef socket) {
        ClientConn c = conns.get(socket.connId());
        if (c == null) {
            tally.orphaned++;
            p.calls().tell(socket, new Endpoint.Abort(null));
        }
        return c;
    }

    private ServerTarget server(SockAddr address) {
        for (ServerTarget s : p.servers()) if (s.address().equals(address)) return s;
        return p.servers().get(0);
    }
}
