package io.tcpemu.workload;

import io.tcpemu.config.WorkloadSettings.CloseMode;
import io.tcpemu.runtime.Endpoint;
import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.SocketEvent;
import io.tcpemu.runtime.SocketRef;
import io.tcpemu.tcp.FourTuple;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The application on one server: it listens (connections are pushed to it as they complete the
 * handshake), reads each request, writes the response, and closes as the close mode says: after
 * the client's FIN (client first), after the response to a last request (server first), or when a
 * client driver tells it to close at the same instant as the client (simultaneous).
 *
 * <p>Its mailbox takes its {@link Command}s and, as they are sent, the {@link SocketEvent}s of its
 * host and endpoints (no message adapter: see {@link ClientDriver}).
 */
final class ServerApp extends AbstractBehavior<Object> {

    /** What a client driver or the workload tells a server. Not sealed: a {@link ProxyApp} takes these messages too, with one of its own. */
    interface Command {}

    /** Close this connection (server's view of the tuple) now, if it is still open. */
    record CloseNow(FourTuple tuple) implements Command {}

    enum Crash implements Command { INSTANCE }

    /**
     * @param name       the driver's name for reports ("server b:80")
     * @param host       the server host's kernel
     * @param calls      its door for calls on their loop (taken there and then, not queued as messages)
     * @param port       the port to listen on
     * @param backlog    the listener's backlog
     * @param supervisor hears {@link Workload.ServerFailed}
     * @param time       the emulation's clock
     */
    record Params(String name, ActorRef<Host.Command> host, Host.Calls calls, int port, int backlog, WorkloadPlan plan,
                  ActorRef<Workload.Command> supervisor, io.tcpemu.time.EmuTime time) {}

    static Behavior<Object> create(Params p, Tally tally) {
        return Behaviors.setup(ctx -> new ServerApp(ctx, p, tally).listen());
    }

    private final Params p;
    private final Tally tally;
    private final byte[] response;
    private final ActorRef<SocketEvent> events;
    private final Map<FourTuple, ServerConn> conns = new HashMap<>();
    /** Connections a client asked to close before this app heard of them (its handshake ends a moment later here). */
    private final Set<FourTuple> closeOnArrival = new HashSet<>();

    private ServerApp(ActorContext<Object> ctx, Params p, Tally tally) {
        super(ctx);
        this.p = p;
        this.tally = tally;
        this.response = new byte[p.plan().responseSize()];
        this.events = ctx.getSelf().narrow();
    }

    /** Listens, unless this is a restart: the listener outlived the failure and still pushes to this actor. */
    private Behavior<Object> listen() {
        if (!tally.listening) p.host().tell(new Host.Listen(p.port(), p.backlog(), true, events, SocketEvent.Delivery.PUSH));
        return this;
    }

    /** Handlers answer {@code Behaviors.same()}, never {@code this}: see {@link ClientDriver#createReceive()}. */
    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder()
                .onMessage(SocketEvent.class, this::onSocket)
                .onMessage(CloseNow.class, this::onCloseNow)
                .onMessageEquals(Crash.INSTANCE, () -> { throw new IllegalStateException("crash requested"); })
                .build();
    }

    private Behavior<Object> onSocket(SocketEvent event) {
        if (event instanceof SocketEvent.Data e) onData(e.socket(), e.bytes());
        else if (event instanceof SocketEvent.Accepted e) onAccepted(e.socket());
        else if (event instanceof SocketEvent.Eof e) close(known(e.socket()));
        else if (event instanceof SocketEvent.Closed e) conns.remove(e.socket().tuple());
        else if (event instanceof SocketEvent.Reset e) onReset(e.socket());
        else if (event instanceof SocketEvent.Failed e) onFailed(e);
        else if (event instanceof SocketEvent.Listening) onListening();
        return Behaviors.same();
    }

    private Behavior<Object> onCloseNow(CloseNow m) {
        ServerConn c = conns.get(m.tuple());
        if (c != null) close(c);
        else closeOnArrival.add(m.tuple());
        return Behaviors.same();
    }

    private void onListening() { tally.listening = true; }

    private void onAccepted(SocketRef socket) {
        tally.accepted++;
        known(socket);
    }

    /** Splits the bytes into requests; each complete one is answered. */
    private void onData(SocketRef socket, byte[] bytes) {
        ServerConn c = known(socket);
        int size = p.plan().requestSize();
        for (int i = 0; i < bytes.length; ) {
            if (c.offset == 0) c.marker = bytes[i];
            int take = Math.min(bytes.length - i, size - c.offset);
            c.offset += take;
            i += take;
            if (c.offset == size) {
                c.offset = 0;
                answer(c);
            }
        }
    }

    private void answer(ServerConn c) {
        if (c.closed) return;
        tally.requestsServed++;
        p.calls().tell(c.socket, new Endpoint.Write(response, null));
        if (c.marker == Requests.CLOSE && p.plan().close() == CloseMode.SERVER_FIRST) close(c);
    }

    private void onReset(SocketRef socket) {
        tally.serverResets++;
        ServerConn c = conns.get(socket.tuple());
        if (c != null) c.closed = true;
    }

    private void onFailed(SocketEvent.Failed e) {
        if (e.socket() == null) {
            if (tally.failedAt < 0) {
                tally.failedAt = p.time().now();
                tally.failure = p.name() + ": " + e.call() + ": " + e.errno();
            }
            p.supervisor().tell(new Workload.ServerFailed(p.name()));
        } else {
            tally.serverErrors++;
        }
    }

    private void close(ServerConn c) {
        if (c == null || c.closed) return;
        c.closed = true;
        p.calls().tell(c.socket, new Endpoint.Close(null));
    }

    /**
     * The entry for a socket, made on first sight: its bytes may overtake the Accepted in real
     * time, and a restarted server adopts the connections it no longer knew.
     */
    private ServerConn known(SocketRef socket) {
        ServerConn c = conns.get(socket.tuple());
        if (c != null) return c;
        c = new ServerConn(socket);
        conns.put(socket.tuple(), c);
        if (closeOnArrival.remove(socket.tuple())) close(c);
        return c;
    }
}
