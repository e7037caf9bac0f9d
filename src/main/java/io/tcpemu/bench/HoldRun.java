package io.tcpemu.bench;

import io.tcpemu.emulation.Emulation;
import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.SocketEvent;
import io.tcpemu.runtime.Spawner;
import io.tcpemu.time.VirtualClock;
import io.tcpemu.workload.Workload;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.ArrayList;
import java.util.List;

/**
 * The memory test of established connections: a fresh emulation, a server listening, connects at
 * a fixed rate that are held open with no data, and the heap they take once all are established.
 * It has its own small load actors because the {@link Workload} has no way to hold connections
 * open without traffic; every lifecycle benchmark runs the workload instead ({@link ScenarioRun}).
 */
final class HoldRun {
    private HoldRun() {}

    /** Emulated time allowed after the last arrival for the last handshakes to end. */
    private static final long SLACK_MICROS = 3_600_000_000L;

    /**
     * @param held       connections established and held
     * @param failed     connects that failed
     * @param wallNanos  wall time of driving the clock (without the heap measurement)
     * @param heap       heap in use after GC once all are established, minus the heap before the first connect
     */
    record Result(long held, long failed, long wallNanos, long heap) {}

    static Result run(long connections, double rate) {
        BenchTopology net = BenchTopology.of(StandardScenario.clientsFor(connections), 60_000_000L, 1_000);
        try (Emulation emu = Emulation.virtual(net.topology(), 42)) {
            VirtualClock clock = emu.clock();
            LoadStats stats = new LoadStats();
            Spawner spawner = Spawner.of(emu.system());
            ActorRef<SocketEvent> server = spawner.spawn(HoldServer.create(stats), "bench-server");
            ActorRef<SocketEvent> client = spawner.spawn(HoldClient.create(stats), "bench-client");
            emu.host(BenchTopology.SERVER).tell(new Host.Listen(BenchTopology.SERVER_PORT, 65_535, true, server, SocketEvent.Delivery.PUSH));
            clock.runUntil(() -> stats.listening || stats.listenError != null, clock.now() + 1_000_000);
            if (!stats.listening) throw new IllegalStateException("the benchmark server could not listen: " + stats.listenError);
            List<ActorRef<Host.Command>> clients = new ArrayList<>();
            for (String c : net.clients()) clients.add(emu.host(c));
            long baseline = Heap.usedAfterGc();

            long wall0 = System.nanoTime();
            spawner.spawn(ConnectPacer.create(new ConnectPacer.Plan(connections, rate, clients, net.server(), client),
                    stats, emu.time()), "bench-arrivals");
            long horizon = clock.now() + (long) (connections / rate * 1e6) + SLACK_MICROS;
            clock.runUntil(() -> stats.issued == connections && stats.connected + stats.failed == connections
                    && stats.accepted >= stats.connected, horizon);
            long wall = System.nanoTime() - wall0;
            return new Result(stats.connected, stats.failed, wall, Heap.usedAfterGc() - baseline);
        }
    }
}
