package io.tcpemu.workload;

import io.tcpemu.config.LoadBalancerSettings.Algorithm;
import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.SocketEvent;
import io.tcpemu.runtime.SocketRef;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.SockAddr;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The application of a full-proxy load balancer: it listens on the VIP's port of its own host and,
 * for each connection it accepts, spawns a {@link Splice} that connects to a back-end picked by the
 * algorithm (in turn, or the one with the fewest connections open) and copies bytes between the two.
 * Both legs are real connections of the host's kernel, so the proxy spends its own ephemeral ports
 * towards the back-ends and keeps its own TIME-WAIT. It takes a server's messages, so a client
 * driver treats it as the server it reaches.
 */
final class ProxyApp extends AbstractBehavior<Object> {

    /**
     * @param name     the driver's name for reports ("proxy lb:443")
     * @param host     the proxy host's kernel
     * @param port     the VIP's port
     * @param backlog  the listener's backlog
     * @param backends where connections go
     */
    record Params(String name, ActorRef<Host.Command> host, int port, int backlog, List<SockAddr> backends, Algorithm algorithm,
                  ActorRef<Workload.Command> supervisor, io.tcpemu.time.EmuTime time) {}

    private record Ended(Splice.Ended ended) implements ServerApp.Command {}

    static Behavior<Object> create(Params p, Tally tally) {
        return Behaviors.setup(ctx -> new ProxyApp(ctx, p, tally).listen());
    }

    private final Params p;
    private final Tally tally;
    private final ActorRef<SocketEvent> events;
    private final ActorRef<Splice.Ended> ended;
    private final Map<FourTuple, ActorRef<Splice.Command>> splices = new HashMap<>();
    /** Connections open per back-end, for least-connections. */
    private final int[] open;
    private int next;

    private ProxyApp(ActorContext<Object> ctx, Params p, Tally tally) {
        super(ctx);
        this.p = p;
        this.tally = tally;
        this.open = new int[p.backends().size()];
        this.events = ctx.getSelf().narrow();   // socket events come as they are sent, as to a server
        this.ended = ctx.messageAdapter(Splice.Ended.class, Ended::new);
    }

    private Behavior<Object> listen() {
        if (!tally.listening) p.host().tell(new Host.Listen(p.port(), p.backlog(), true, events, SocketEvent.Delivery.PUSH));
        return this;
    }

    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder()
                .onMessage(SocketEvent.class, this::onSocket)
                .onMessage(ServerApp.CloseNow.class, m -> {
                    ActorRef<Splice.Command> s = splices.get(m.tuple());
                    if (s != null) s.tell(Splice.CloseNow.INSTANCE);
                    return Behaviors.same();
                })
                .onMessage(Ended.class, m -> onEnded(m.ended()))
                .onMessageEquals(ServerApp.Crash.INSTANCE, () -> { throw new IllegalStateException("crash requested"); })
                .build();
    }

    private Behavior<Object> onSocket(SocketEvent event) {
        if (event instanceof SocketEvent.Listening) {
            tally.listening = true;
        } else if (event instanceof SocketEvent.Failed e && e.socket() == null) {
            if (tally.failedAt < 0) {
                tally.failedAt = p.time().now();
                tally.failure = p.name() + ": " + e.call() + ": " + e.errno();
            }
            p.supervisor().tell(new Workload.ServerFailed(p.name()));
        } else if (event instanceof SocketEvent.Accepted e) {
            splice(e.socket());
        } else {
            SocketRef socket = socketOf(event);
            ActorRef<Splice.Command> s = socket == null ? null : splices.get(socket.tuple());
            if (s != null) s.tell(new Splice.Front(event));
        }
        return Behaviors.same();
    }

    /** A new client connection: pick a back-end and hand both to a splice of their own. */
    private void splice(SocketRef front) {
        int k = pick();
        open[k]++;
        ActorRef<Splice.Command> s = getContext().spawnAnonymous(Splice.create(front, p.host(), p.backends().get(k), k, ended));
        splices.put(front.tuple(), s);
    }

    /** In turn; for least-connections the fewest open, ties taken in turn (as nginx's least_conn), so idle back-ends share. */
    private int pick() {
        int k = next;
        if (p.algorithm() == Algorithm.LEAST_CONNECTIONS) {
            for (int i = 1; i < open.length; i++) {
                int j = (next + i) % open.length;
                if (open[j] < open[k]) k = j;
            }
        }
        next = (k + 1) % open.length;
        return k;
    }

    private Behavior<Object> onEnded(Splice.Ended e) {
        splices.remove(e.front().tuple());
        open[e.backend()]--;
        return Behaviors.same();
    }

    private static SocketRef socketOf(SocketEvent event) {
        if (event instanceof SocketEvent.Data e) return e.socket();
        if (event instanceof SocketEvent.Eof e) return e.socket();
        if (event instanceof SocketEvent.Reset e) return e.socket();
        if (event instanceof SocketEvent.Closed e) return e.socket();
        if (event instanceof SocketEvent.Failed e) return e.socket();
        return null;
    }
}
