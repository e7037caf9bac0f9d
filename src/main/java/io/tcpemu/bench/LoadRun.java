package io.tcpemu.bench;

import io.tcpemu.emulation.Emulation;
import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.Link;
import io.tcpemu.runtime.SocketEvent;
import io.tcpemu.runtime.Spawner;
import io.tcpemu.time.VirtualClock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark run in virtual time: a fresh emulation, a server listening, arrivals at a fixed
 * rate, and the clock driven until the workload is over. The wall clock is read only around the
 * drives, so the heap measurement at the peak (full GCs) is not counted as emulation time.
 */
final class LoadRun {
    /** Emulated time allowed after the last arrival for the last lifecycles to end. */
    private static final long SLACK_MICROS = 3_600_000_000L;

    record Params(long connections, double rate, long timeWait, long linkDelay, LoadClient.Mode mode, int clientHosts) {
        static Params lifecycles(long connections, double rate, long timeWait, long linkDelay) {
            long tuples = Math.min(connections, (long) (rate * (timeWait / 1e6 + 1)));
            return new Params(connections, rate, timeWait, linkDelay, LoadClient.Mode.LIFECYCLE, BenchTopology.clientsFor(tuples));
        }

        static Params hold(long connections, double rate) {
            return new Params(connections, rate, 60_000_000L, 1_000, LoadClient.Mode.HOLD, BenchTopology.clientsFor(connections));
        }
    }

    /**
     * @param lifecycles    client connections that ended normally (TIME-WAIT entered, and expired if the run went on)
     * @param failed        connects that failed
     * @param segments      segments put on the links
     * @param wallNanos     wall time of driving the clock (without the heap measurement)
     * @param cpuNanos      CPU time of the emulation thread over the same drives
     * @param emulatedMicros emulated time the run covered
     * @param peakOpen      most client connections open at once (connecting, established, closing)
     * @param peakTimeWait  TIME-WAIT entries at the peak
     * @param heapAtPeak    heap in use after GC at the peak, minus the heap before the first arrival, or {@link #NOT_MEASURED}
     * @param liveAtPeak    connection endpoints (both ends) plus TIME-WAIT entries alive at the peak
     */
    record Result(long lifecycles, long failed, long resets, long segments, long wallNanos, long cpuNanos,
                  long emulatedMicros, long peakOpen, long peakTimeWait, long heapAtPeak, long liveAtPeak) {
        double perWallSecond(long n) { return n * 1e9 / Math.max(1, wallNanos); }
        double perCpuSecond(long n) { return n * 1e9 / Math.max(1, cpuNanos); }
    }

    /** The heap figure of a run that did not measure it (a measured one may be slightly negative: GC noise). */
    static final long NOT_MEASURED = Long.MIN_VALUE;

    private final Params params;
    private final boolean measureHeap;
    private final boolean untilExpiry;

    /**
     * @param measureHeap  stop at the peak, collect garbage and measure the heap
     * @param untilExpiry  after the peak, drive on until every TIME-WAIT entry has expired
     */
    LoadRun(Params params, boolean measureHeap, boolean untilExpiry) {
        this.params = params;
        this.measureHeap = measureHeap;
        this.untilExpiry = untilExpiry;
    }

    Result run() {
        BenchTopology net = BenchTopology.of(params.clientHosts(), params.timeWait(), params.linkDelay());
        try (Emulation emu = Emulation.virtual(net.topology(), 42)) {
            VirtualClock clock = emu.clock();
            LoadStats stats = new LoadStats();
            Spawner spawner = Spawner.of(emu.system());
            ActorRef<SocketEvent> server = spawner.spawn(LoadServer.create(stats), "bench-server");
            ActorRef<SocketEvent> client = spawner.spawn(LoadClient.create(stats, params.mode()), "bench-client");
            emu.host(BenchTopology.SERVER).tell(new Host.Listen(BenchTopology.SERVER_PORT, 65_535, true, server, SocketEvent.Delivery.PUSH));
            clock.runUntil(() -> stats.listening || stats.listenError != null, clock.now() + 1_000_000);
            if (!stats.listening) throw new IllegalStateException("the benchmark server could not listen: " + stats.listenError);
            List<ActorRef<Host.Command>> clients = new ArrayList<>();
            for (String c : net.clients()) clients.add(emu.host(c));
            long baseline = measureHeap ? Heap.usedAfterGc() : 0;

            long startMicros = clock.now();
            long cpu0 = clock.cpuTimeNanos();
            long wall0 = System.nanoTime();
            spawner.spawn(ConnectPacer.create(new ConnectPacer.Plan(params.connections(), params.rate(), clients, net.server(), client),
                    stats, emu.time()), "bench-arrivals");
            long horizon = startMicros + (long) (params.connections() / params.rate() * 1e6) + SLACK_MICROS;
            clock.runUntil(() -> atPeak(stats), horizon);
            long wall = System.nanoTime() - wall0;
            long cpu = clock.cpuTimeNanos() - cpu0;
            long timeWait = timeWaitEntries(emu, net);
            long live = stats.open() + stats.serverOpen() + timeWait;
            long heap = measureHeap ? Heap.usedAfterGc() - baseline : NOT_MEASURED;

            if (untilExpiry) {
                long cpu1 = clock.cpuTimeNanos();
                long wall1 = System.nanoTime();
                clock.runUntilIdle(horizon + params.timeWait()); // only TIME-WAIT expiry timers are left
                wall += System.nanoTime() - wall1;
                cpu += clock.cpuTimeNanos() - cpu1;
            }
            long lifecycles = stats.closed - (untilExpiry ? timeWaitEntries(emu, net) : 0);
            return new Result(lifecycles, stats.failed, stats.resets, segments(emu), wall, cpu,
                    clock.now() - startMicros, stats.peakOpen, timeWait, heap, live);
        }
    }

    /** Every connection asked for, and each either held open (HOLD) or finished on both ends. */
    private boolean atPeak(LoadStats stats) {
        if (stats.issued < params.connections()) return false;
        if (params.mode() == LoadClient.Mode.HOLD) return stats.connected + stats.failed == params.connections() && stats.accepted >= stats.connected;
        return stats.open() == 0 && stats.serverOpen() == 0;
    }

    private static long timeWaitEntries(Emulation emu, BenchTopology net) {
        long n = 0;
        for (String c : net.clients()) n += emu.env().counters(c).snapshot().timeWaitCount();
        return n + emu.env().counters(BenchTopology.SERVER).snapshot().timeWaitCount();
    }

    /** Segments put on every link, asked of the links once the run is over. */
    private static long segments(Emulation emu) {
        long n = 0;
        for (ActorRef<Link.Command> link : emu.links().values()) {
            Link.Info info = emu.await(AskPattern.ask(link, Link.GetInfo::new, Duration.ofSeconds(10), emu.system().scheduler()),
                    Emulation.DEFAULT_AWAIT_MICROS);
            n += info.stats().transmitted();
        }
        return n;
    }
}
