package io.tcpemu.run;

import io.tcpemu.config.WorkloadSettings;
import io.tcpemu.config.WorkloadSettings.CloseMode;
import io.tcpemu.runtime.Endpoint;
import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.RuntimeEnv;
import io.tcpemu.runtime.SocketEvent;
import io.tcpemu.runtime.SocketRef;
import io.tcpemu.tcp.SockAddr;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scenario's {@code workload}: clients open connections to one server at a rate, each sends a
 * request, the server answers, and the connection closes as {@code close} says (or stays in a
 * pool for the next request). Talks to hosts by message with PUSH delivery, never asks.
 * (A stand-in until the workload package's supervisor is merged; same settings.)
 */
final class LoadGenerator extends AbstractBehavior<LoadGenerator.Command> {

    sealed interface Command {}

    private record Socket(SocketEvent event) implements Command {}

    private enum Arrive implements Command { INSTANCE }

    private record CloseLater(ActorRef<Endpoint.Command> endpoint) implements Command {}

    /** What the runner reads while it drives the clock (from its own thread). */
    static final class Stats {
        final AtomicLong arrivals = new AtomicLong();
        final AtomicLong requestsServed = new AtomicLong();
        final AtomicLong finished = new AtomicLong();
        volatile boolean listening;
        volatile String listenError = "";
    }

    /**
     * @param raceWindow for close = simultaneous: the server closes at a random moment up to this long
     *                   after answering, so its FIN may cross the client's (emulated microseconds)
     */
    record Params(WorkloadSettings w, Map<String, Integer> ips, long seed, long raceWindow, RuntimeEnv env, Stats stats) {}

    static Behavior<Command> create(Params p) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new LoadGenerator(ctx, timers, p)));
    }

    /** One connection end this generator holds. */
    private static final class Conn {
        final SocketRef ref;
        final boolean client;
        long got;
        int requests;
        boolean closing;

        Conn(SocketRef ref, boolean client) {
            this.ref = ref;
            this.client = client;
        }
    }

    private final TimerScheduler<Command> timers;
    private final Params p;
    private final WorkloadSettings w;
    private final ActorRef<SocketEvent> self;
    private final SplittableRandom random;
    private final SockAddr server;
    private final List<String> clients;
    private final Map<ActorRef<Endpoint.Command>, Conn> conns = new HashMap<>();
    private final Map<String, ArrayDeque<Conn>> idle = new HashMap<>();
    private final Map<String, Integer> open = new HashMap<>();
    private final Map<String, Integer> pending = new HashMap<>();
    private long arrivals;
    private int openTotal;
    private long waiting;

    private LoadGenerator(ActorContext<Command> ctx, TimerScheduler<Command> timers, Params p) {
        super(ctx);
        this.timers = timers;
        this.p = p;
        this.w = p.w();
        this.self = ctx.messageAdapter(SocketEvent.class, Socket::new);
        this.random = new SplittableRandom(p.seed() * 0x9E3779B97F4A7C15L + 17);
        this.server = new SockAddr(p.ips().get(w.serverHost()), w.serverPort());
        this.clients = w.clients();
        p.env().directory().host(w.serverHost()).tell(new Host.Listen(w.serverPort(), 4096, true, self, SocketEvent.Delivery.PUSH));
    }

    @Override public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Socket.class, m -> onSocket(m.event()))
                .onMessageEquals(Arrive.INSTANCE, this::onArrive)
                .onMessage(CloseLater.class, m -> { Conn c = conns.get(m.endpoint()); if (c != null) close(c); return this; })
                .build();
    }

    private Behavior<Command> onSocket(SocketEvent e) {
        if (e instanceof SocketEvent.Listening) {
            p.stats().listening = true;
            scheduleArrival();
        } else if (e instanceof SocketEvent.Connected c) {
            request(track(c.socket(), true));
        } else if (e instanceof SocketEvent.Accepted a) {
            track(a.socket(), false);
        } else if (e instanceof SocketEvent.Data d) {
            onData(conn(d.socket()), d.bytes().length);
        } else if (e instanceof SocketEvent.Eof eof) {
            Conn c = conns.get(eof.socket().endpoint());
            if (c != null) close(c);
        } else if (e instanceof SocketEvent.Closed c) {
            ended(c.socket());
        } else if (e instanceof SocketEvent.Failed f) {
            onFailed(f);
        }
        return this;
    }

    private void onFailed(SocketEvent.Failed f) {
        if (f.socket() != null) return; // a Closed follows
        if (f.call().startsWith("listen")) {
            p.stats().listenError = f.call() + ": " + f.errno();
            return;
        }
        // A connect failed (EADDRNOTAVAIL, ECONNREFUSED, ETIMEDOUT). The event does not name the
        // client; with several clients the per-client pool count may be off by one for a while.
        released(clients.get((int) ((arrivals - 1) % clients.size())));
    }

    private Behavior<Command> onArrive() {
        String client = clients.get((int) (arrivals % clients.size()));
        arrivals++;
        p.stats().arrivals.incrementAndGet();
        if (w.pool().size() > 0) arriveAtPool(client);
        else if (w.concurrencyLimit() > 0 && openTotal >= w.concurrencyLimit()) waiting++;
        else connect(client);
        if (w.connections() == 0 || arrivals < w.connections()) scheduleArrival();
        return this;
    }

    private void arriveAtPool(String client) {
        ArrayDeque<Conn> free = idle.computeIfAbsent(client, k -> new ArrayDeque<>());
        if (!free.isEmpty()) request(free.pollFirst());
        else if (open.getOrDefault(client, 0) < w.pool().size()) connect(client);
        else pending.merge(client, 1, Integer::sum);
    }

    private void connect(String client) {
        openTotal++;
        open.merge(client, 1, Integer::sum);
        p.env().directory().host(client).tell(new Host.Connect(server, 0, self, SocketEvent.Delivery.PUSH));
    }

    private void onData(Conn c, int bytes) {
        c.got += bytes;
        if (!c.client) {
            while (c.got >= w.requestSize() && !c.closing) {
                c.got -= w.requestSize();
                write(c, w.responseSize());
                if (w.pool().size() > 0) continue;
                if (w.close() == CloseMode.SERVER_FIRST) close(c);
                else if (w.close() == CloseMode.SIMULTANEOUS) closeLater(c);
            }
            return;
        }
        if (c.got < w.responseSize()) return;
        c.got -= w.responseSize();
        p.stats().requestsServed.incrementAndGet();
        if (w.pool().size() > 0) reuse(c);
        else if (w.close() == CloseMode.ABORT) abort(c);
        else if (w.close() != CloseMode.SERVER_FIRST) close(c);
    }

    private void reuse(Conn c) {
        String client = c.ref.host();
        if (w.pool().requestsPerConnection() > 0 && c.requests >= w.pool().requestsPerConnection()) {
            close(c);
        } else if (pending.getOrDefault(client, 0) > 0) {
            pending.merge(client, -1, Integer::sum);
            request(c);
        } else {
            idle.computeIfAbsent(client, k -> new ArrayDeque<>()).addLast(c);
        }
    }

    private void request(Conn c) {
        c.requests++;
        write(c, w.requestSize());
    }

    private void write(Conn c, long bytes) {
        if (bytes > 0) c.ref.endpoint().tell(new Endpoint.Write(new byte[(int) bytes], null));
    }

    private void close(Conn c) {
        if (c.closing) return;
        c.closing = true;
        c.ref.endpoint().tell(new Endpoint.Close(null));
    }

    private void abort(Conn c) {
        c.closing = true;
        c.ref.endpoint().tell(new Endpoint.Abort(null));
    }

    private void closeLater(Conn c) {
        long delay = p.raceWindow() <= 0 ? 0 : random.nextLong(p.raceWindow() + 1);
        timers.startSingleTimer(c.ref.endpoint(), new CloseLater(c.ref.endpoint()), p.env().time().delay(delay));
    }

    private void ended(SocketRef ref) {
        Conn c = conns.remove(ref.endpoint());
        if (c == null || !c.client) return;
        ArrayDeque<Conn> free = idle.get(c.ref.host());
        if (free != null) free.remove(c);
        released(c.ref.host());
    }

    /** A client connection is over (or never began): let a waiting arrival have its place. */
    private void released(String client) {
        openTotal--;
        open.merge(client, -1, Integer::sum);
        p.stats().finished.incrementAndGet();
        if (waiting > 0) {
            waiting--;
            connect(client);
        } else if (pending.getOrDefault(client, 0) > 0 && open.getOrDefault(client, 0) < w.pool().size()) {
            pending.merge(client, -1, Integer::sum);
            connect(client);
        }
    }

    private Conn track(SocketRef ref, boolean client) {
        return conns.computeIfAbsent(ref.endpoint(), k -> new Conn(ref, client));
    }

    private Conn conn(SocketRef ref) { return track(ref, false); }

    private void scheduleArrival() {
        double mean = 1e6 / w.arrival().rate();
        long gap = w.arrival().process() == WorkloadSettings.Process.CONSTANT ? Math.round(mean)
                : Math.round(-mean * Math.log(1 - random.nextDouble()));
        timers.startSingleTimer(Arrive.INSTANCE, p.env().time().delay(Math.max(1, gap)));
    }
}
