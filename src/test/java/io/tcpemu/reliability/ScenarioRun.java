package io.tcpemu.reliability;

import io.tcpemu.runtime.ConnectedSocket;
import io.tcpemu.runtime.Directory;
import io.tcpemu.runtime.Errno;
import io.tcpemu.runtime.ErrnoException;
import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.ListeningSocket;
import io.tcpemu.runtime.Network;
import io.tcpemu.runtime.RuntimeEnv;
import io.tcpemu.runtime.Sockets;
import io.tcpemu.runtime.Spawner;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.time.VirtualClock;
import io.tcpemu.time.VirtualTime;
import io.tcpemu.trace.TraceBus;
import io.tcpemu.trace.TraceEvent;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import static io.tcpemu.tcp.TcpConfig.SECOND;

/**
 * Runs a {@link RandomScenario} on a fresh virtual-time actor system through the socket API: every
 * host listens on port 80; each plan connects, both ends write their payload and read until end
 * of stream, and end as the plan's close order says. Plans on a shared fixed port run one after
 * another. Afterwards the clock runs until nothing is left to do.
 */
final class ScenarioRun implements AutoCloseable {
    /** An application that hears nothing closes anyway after this long (as a real one would time out). */
    static final long PATIENCE = 600 * SECOND;
    private static final int READ_CHUNK = 16_384;

    /** A planned connection and its two ends. */
    record Conn(RandomScenario.Plan plan, Side client, Side server) {
        @Override public String toString() { return "#" + plan.index() + " " + client + " | " + server; }
    }

    final RandomScenario scenario;
    /** On one partition the kit's system; on several, null and {@link #emu} instead. */
    final ActorTestKit kit;
    final io.tcpemu.emulation.Emulation emu;
    final VirtualClock clock;
    final RuntimeEnv env;
    final Sockets sockets;
    final List<TraceEvent> events = Collections.synchronizedList(new ArrayList<>());
    final List<Conn> conns = new ArrayList<>();
    /** Accepted connections no plan claims (the client's connect failed after the server's side completed). */
    final List<Side> strays = Collections.synchronizedList(new ArrayList<>());
    final List<String> connectErrors = Collections.synchronizedList(new ArrayList<>());
    /**
     * By the client's 4-tuple: two chains may share a fixed local port towards different servers.
     * Concurrent: over partitions each client's connect completes on its own partition's thread, and
     * two may put at once. A plain HashMap can lose one of two racing puts; the server then serves
     * that connection as a stray (no payload), a different trace from the 1-partition run's.
     */
    private final Map<FourTuple, Conn> byClientTuple = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<ListeningSocket> listeners = new ArrayList<>();

    ScenarioRun(RandomScenario scenario) { this(scenario, 1); }

    /** The scenario over {@code partitions} partitions (hosts placed automatically), each host's application on its host's partition. */
    ScenarioRun(RandomScenario scenario, int partitions) {
        this.scenario = scenario;
        if (partitions > 1) {
            this.kit = null;
            this.emu = io.tcpemu.emulation.Emulation.virtual(scenario.topology(), scenario.seed(), partitions, Map.of(), io.tcpemu.emulation.HostPlacement.Load.NONE);
            this.clock = emu.clock();
            this.env = emu.env();
            env.trace().subscribe(events::add);
            this.sockets = new Sockets(emu.system(), env.directory(), Duration.ofDays(100));
            for (RandomScenario.Plan p : scenario.plans()) conns.add(conn(p));
            return;
        }
        this.emu = null;
        this.kit = ActorTestKit.create(VirtualTime.config(scenario.seed()));
        this.clock = VirtualTime.of(kit.system());
        Directory directory = new Directory();
        TraceBus bus = new TraceBus();
        bus.subscribe(events::add);
        this.env = new RuntimeEnv(directory, bus, clock);
        // longer than the run: an application's call waits as long as it must; none is left at the end
        this.sockets = new Sockets(kit.system(), directory, Duration.ofDays(100));
        Network.start(scenario.topology(), Host.factory(env), env, new Spawner() {
            @Override public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) { return kit.spawn(behavior, name); }
        });
        for (RandomScenario.Plan p : scenario.plans()) conns.add(conn(p));
    }

    /** Runs the scenario to the end: all timers have fired and every listener is closed again. */
    ScenarioRun run() {
        for (HostSpec h : scenario.topology().hosts()) {
            ListeningSocket l = await(sockets.listen(h.name(), RandomScenario.SERVER_PORT, 64, false));
            listeners.add(l);
            acceptLoop(l);
        }
        Map<String, List<Conn>> chains = new LinkedHashMap<>();
        for (Conn c : conns) {
            RandomScenario.Plan p = c.plan();
            String key = p.localPort() == 0 ? "#" + p.index() : p.client() + ">" + p.server() + ":" + p.localPort();
            chains.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        }
        for (List<Conn> chain : chains.values()) later(chain.get(0).plan().client(), chain.get(0).plan().startAfter(), () -> startChain(chain, 0));
        clock.runUntilIdle(clock.now() + 72 * 3_600 * SECOND);
        listeners.forEach(ListeningSocket::close);
        clock.runUntilIdle(clock.now() + 72 * 3_600 * SECOND);
        return this;
    }

    Host.Table table(String host) { return await(sockets.table(host)); }

    @Override public void close() {
        if (kit != null) kit.shutdownTestKit();
        else emu.close();
    }

    // ---- the applications ---------------------------------------------------------------------

    private Conn conn(RandomScenario.Plan p) {
        Side.Role clientRole = switch (p.order()) {
            case CLIENT_FIRST, SIMULTANEOUS -> Side.Role.CLOSE_AFTER_WRITE;
            case SERVER_FIRST, SERVER_ABORTS -> Side.Role.CLOSE_AFTER_EOF;
            case CLIENT_ABORTS -> Side.Role.ABORT_AFTER_WRITE;
            case HALF_CLOSE -> Side.Role.SHUTDOWN_THEN_CLOSE_AFTER_EOF;
        };
        Side.Role serverRole = switch (p.order()) {
            case SERVER_FIRST, SIMULTANEOUS -> Side.Role.CLOSE_AFTER_WRITE;
            case CLIENT_FIRST, CLIENT_ABORTS, HALF_CLOSE -> Side.Role.CLOSE_AFTER_EOF;
            case SERVER_ABORTS -> Side.Role.ABORT_AFTER_WRITE;
        };
        return new Conn(p, new Side(p.client(), p.clientBytes(), 2 * p.index(), clientRole),
                new Side(p.server(), p.serverBytes(), 2 * p.index() + 1, serverRole));
    }

    private void startChain(List<Conn> chain, int attempt) {
        if (chain.isEmpty()) return;
        Conn c = chain.get(0);
        RandomScenario.Plan p = c.plan();
        SockAddr server = new SockAddr(scenario.topology().host(p.server()).ip(), RandomScenario.SERVER_PORT);
        sockets.connect(p.client(), p.localPort(), server).whenComplete((socket, failure) -> {
            if (failure != null) {
                // the tuple may still be in TIME-WAIT here: a user would try again after it
                if (errno(failure) == Errno.EADDRNOTAVAIL && attempt < 3) {
                    later(p.client(), scenario.tcp().timeWait() + SECOND, () -> startChain(chain, attempt + 1));
                    return;
                }
                connectErrors.add("#" + p.index() + " " + Side.why(failure));
                next(chain);
                return;
            }
            c.client().socket = socket;
            byClientTuple.put(socket.tuple(), c);
            start(c.client(), p.closeDelay(), () -> next(chain));
        });
    }

    private void next(List<Conn> chain) {
        List<Conn> rest = chain.subList(1, chain.size());
        if (!rest.isEmpty()) later(rest.get(0).plan().client(), rest.get(0).plan().startAfter(), () -> startChain(rest, 0));
    }

    private void acceptLoop(ListeningSocket listener) {
        listener.accept().whenComplete((socket, failure) -> {
            if (failure != null) return; // the listener was closed
            Conn c = byClientTuple.get(socket.tuple().reversed());
            Side side;
            if (c != null && c.server().socket == null) {
                side = c.server();
            } else {
                side = new Side(listener.host() + " stray", 0, 0, Side.Role.CLOSE_AFTER_EOF);
                strays.add(side);
            }
            side.socket = socket;
            start(side, c == null ? 0 : c.plan().closeDelay(), () -> { });
            acceptLoop(listener);
        });
    }

    /** Both directions at once: read until end of stream, write the payload, then end as the role says. */
    private void start(Side side, long closeDelay, Runnable whenDone) {
        boolean[] readDone = {false};
        boolean[] writeDone = {false};
        Runnable maybeCloseAfterEof = () -> {
            if (!readDone[0] || !writeDone[0]) return;
            if (side.role == Side.Role.CLOSE_AFTER_EOF || side.role == Side.Role.SHUTDOWN_THEN_CLOSE_AFTER_EOF) close(side);
            whenDone.run();
        };
        readLoop(side, () -> { readDone[0] = true; maybeCloseAfterEof.run(); });
        CompletionStage<Integer> write = side.payload.length == 0 ? CompletableFuture.completedFuture(0)
                : side.socket.write(side.payload);
        write.whenComplete((n, failure) -> {
            if (failure != null) side.writeError = Side.why(failure);
            writeDone[0] = true;
            switch (side.role) {
                case CLOSE_AFTER_WRITE -> later(hostOf(side), closeDelay, () -> close(side));
                case ABORT_AFTER_WRITE -> later(hostOf(side), closeDelay, () -> { side.closed = true; side.socket.abort(); });
                case SHUTDOWN_THEN_CLOSE_AFTER_EOF -> later(hostOf(side), closeDelay, () -> side.socket.shutdown());
                case CLOSE_AFTER_EOF -> { }
            }
            maybeCloseAfterEof.run();
        });
        later(hostOf(side), PATIENCE, () -> close(side));
    }

    private void readLoop(Side side, Runnable ended) {
        if (side.closed) { // after close(2) an application reads no more
            side.stoppedAtClose = true;
            ended.run();
            return;
        }
        side.socket.read(READ_CHUNK).whenComplete((bytes, failure) -> {
            if (failure != null) {
                side.readError = Side.why(failure);
                ended.run();
            } else if (bytes.length == 0) {
                side.eof = true;
                side.eofAfterOwnClose = side.closed;
                ended.run();
            } else {
                side.got(bytes);
                readLoop(side, ended);
            }
        });
    }

    private static void close(Side side) {
        if (side.closed) return;
        side.closed = true;
        side.socket.close();
    }

    /** Runs {@code action} {@code micros} from now on the partition of {@code host}, whose sockets it uses. */
    private void later(String host, long micros, Runnable action) {
        org.apache.pekko.actor.typed.ActorSystem<?> system = kit != null ? kit.system() : emu.systemOf(host);
        system.scheduler().scheduleOnce(clock.delay(micros), action, system.executionContext());
    }

    private String hostOf(Side side) { return env.directory().hostName(side.socket.tuple().local().ip()); }

    private static Errno errno(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c instanceof ErrnoException e ? e.errno() : null;
    }

    private <T> T await(CompletionStage<T> stage) {
        CompletableFuture<T> f = stage.toCompletableFuture();
        if (!f.isDone()) clock.runUntil(f::isDone, clock.now() + 60 * SECOND);
        return f.join();
    }
}
