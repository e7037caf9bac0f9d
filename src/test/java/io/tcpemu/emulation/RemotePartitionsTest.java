package io.tcpemu.emulation;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.Settings;
import io.tcpemu.run.RunResult;
import io.tcpemu.run.Runner;
import io.tcpemu.time.RemotePartition;
import io.tcpemu.time.RemotePartition.Crossing;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.workload.DriverStop;
import io.tcpemu.workload.Workload;
import io.tcpemu.workload.WorkloadPlan;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partitions served elsewhere ({@link PartitionSites}, {@link PartitionServer}) as a cluster node
 * serves them, here in one JVM and without the transport: the window protocol's remote side gives
 * the trace, the hash and the counts the same partitions give in one emulation, and a server that
 * fails ends the run with its message among the failures.
 */
class RemotePartitionsTest {
    private static final Path APART = Path.of("src/test/resources/cluster/refused-apart.conf");
    private static final Path CLIENTS_APART = Path.of("src/test/resources/cluster/clients-apart.conf");
    private static final Path STOPPED = Path.of("src/test/resources/cluster/clients-apart-stopped.conf");
    private static final Path STARTED = Path.of("src/test/resources/cluster/clients-apart-started.conf");

    /** Serves partition k of each emulation from its own server, on a thread of its own, as a node would. */
    private static final class InJvmSites implements PartitionSites, AutoCloseable {
        final List<PartitionServer> servers = new ArrayList<>();
        final List<ExecutorService> threads = new ArrayList<>();
        long windows;
        int failAfter = Integer.MAX_VALUE;
        /** What came with the windows granted, by partition. */
        final java.util.Map<Integer, List<Crossing>> granted = new java.util.concurrent.ConcurrentHashMap<>();
        /** Trace events the served partitions sent back. */
        final java.util.concurrent.atomic.AtomicLong traceEvents = new java.util.concurrent.atomic.AtomicLong();

        @Override public RemotePartition remote(int partition, int count, Settings settings, java.util.function.BooleanSupplier traced) {
            PartitionServer server = new PartitionServer(settings, count, partition);
            if (settings.workload().enabled()) Workload.serve(server, WorkloadPlan.from(settings), "workload");   // as a node's PartitionHost does
            Workload.serveStartsWhileRunning(server);
            ExecutorService thread = Executors.newSingleThreadExecutor();
            servers.add(server);
            threads.add(thread);
            return new RemotePartition() {
                @Override public String name() { return "server of partition " + partition; }

                @Override public CompletionStage<Report> runTo(long end, List<Crossing> received) {
                    if (++windows > failAfter) return CompletableFuture.failedFuture(new IllegalStateException("node x:1 became unreachable"));
                    granted.computeIfAbsent(partition, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).addAll(received);
                    return CompletableFuture.supplyAsync(() -> {
                        Report r = server.serve(end, received, traced.getAsBoolean());
                        traceEvents.addAndGet(((Gathered) r.gathered()).trace().size());
                        return r;
                    }, thread);
                }

                @Override public void rewindTo(long t) { thread.execute(() -> server.rewind(t)); }
            };
        }

        @Override public void close() {
            servers.forEach(PartitionServer::close);
            threads.forEach(ExecutorService::shutdown);
        }
    }

    private static RunResult run(Settings s, InJvmSites sites) throws Exception {
        if (sites == null) return Runner.run(s, "x", Runner.Options.quiet());
        try (AutoCloseable on = Emulation.runPartitionsOn(sites)) {
            return Runner.run(s, "x", Runner.Options.quiet());
        }
    }

    @Test void segmentsBetweenServedPartitionsGiveTheTraceOfOneJvm() throws Exception {
        Settings s = ConfigLoader.loadOrThrow(APART);
        RunResult local = run(s, null);
        RunResult one = run(ConfigLoader.loadOrThrow(APART, "partitions=1", "hosts.server.partition=0", "hosts.other.partition=0"), null);
        try (InJvmSites sites = new InJvmSites()) {
            RunResult served = run(s, sites);
            assertThat(sites.servers).hasSize(2);
            assertThat(sites.windows).isGreaterThan(10);
            assertThat(served.events()).isEqualTo(local.events());
            assertThat(served.traceHash()).isEqualTo(local.traceHash()).isEqualTo(one.traceHash());
            assertThat(served.failures()).isEmpty();
            assertThat(served.events()).anyMatch(e -> e instanceof io.tcpemu.trace.TraceEvent.SegmentEvent se
                    && se.where().equals("other") && se.action() == io.tcpemu.trace.TraceEvent.SegmentAction.SENT);
        }
    }

    /**
     * The script stops the workload at 1 s, every partition held there: the stop reaches the drivers
     * of c1 and c2, whose partitions are served elsewhere, with the very next window, before it runs,
     * and they stop at 1 s as c0 does: the trace of one JVM, and of one partition. Before, they
     * stopped one lookahead (2 ms) later, and a run on 3 partitions differed from the run on 1.
     */
    @Test void aWorkloadStopReachesTheDriversOfServedPartitionsAtItsInstant() throws Exception {
        Settings s = ConfigLoader.loadOrThrow(STOPPED);
        RunResult local = run(s, null);
        RunResult one = run(ConfigLoader.loadOrThrow(STOPPED, "partitions=1", "hosts.c1.partition=0", "hosts.c2.partition=0"), null);
        try (InJvmSites sites = new InJvmSites()) {
            RunResult served = run(s, sites);
            for (int k : List.of(1, 2)) {
                assertThat(sites.granted.get(k)).filteredOn(c -> c.message() instanceof DriverStop)
                        .singleElement().satisfies(c -> {
                            assertThat(c.link()).isEqualTo("driver-workload-client-c" + k);
                            assertThat(c.sentAt()).isEqualTo(1_000_000);
                            assertThat(c.at()).isEqualTo(1_000_000).isEqualTo(((DriverStop) c.message()).at());
                        });
            }
            assertThat(served.failures()).isEmpty();
            assertThat(served.traceHash()).isEqualTo(local.traceHash()).isEqualTo(one.traceHash());
            assertThat(served.events()).isEqualTo(local.events());
        }
        // every client stops at 1 s; each had been connecting until then
        for (String c : List.of("c0", "c1", "c2")) assertThat(lastConnect(local, c)).as(c).isBetween(900_000L, 1_000_000L);
    }

    /**
     * The script starts a workload at 0.5 s and stops it at 1 s: the start reaches the drivers of c1
     * and c2, whose partitions are served elsewhere, with the next window, before it runs, and they
     * start at 0.5 s as c0 does: the trace of one JVM and of one partition. Before, only c0's driver
     * started, and the stop ended the run with "no receiving end" for c1's.
     */
    @Test void aWorkloadStartedByTheScriptStartsTheDriversOfServedPartitionsAtItsInstant() throws Exception {
        Settings s = ConfigLoader.loadOrThrow(STARTED);
        RunResult local = run(s, null);
        RunResult one = run(ConfigLoader.loadOrThrow(STARTED, "partitions=1", "hosts.c1.partition=0", "hosts.c2.partition=0"), null);
        try (InJvmSites sites = new InJvmSites()) {
            RunResult served = run(s, sites);
            for (int k : List.of(1, 2)) {
                assertThat(sites.granted.get(k)).filteredOn(c -> c.message() instanceof io.tcpemu.workload.DriverStart).singleElement()
                        .satisfies(c -> assertThat(c.at()).isEqualTo(500_000).isEqualTo(c.sentAt()));
            }
            assertThat(served.failures()).isEmpty();
            assertThat(served.traceHash()).isEqualTo(local.traceHash()).isEqualTo(one.traceHash());
            assertThat(served.events()).isEqualTo(local.events());
        }
        assertThat(local.failures()).isEmpty();
        for (String c : List.of("c0", "c1", "c2")) {
            assertThat(firstConnect(local, c)).as(c).isBetween(500_000L, 700_000L);
            assertThat(lastConnect(local, c)).as(c).isBetween(900_000L, 1_000_000L);
        }
    }

    /** When {@code host} first sent a SYN (its driver's first connect). */
    private static long firstConnect(RunResult r, String host) {
        return r.events().stream().filter(e -> e instanceof TraceEvent.SegmentEvent se && se.where().equals(host)
                        && se.action() == TraceEvent.SegmentAction.SENT && se.segment().isSyn() && !se.segment().isAck())
                .mapToLong(TraceEvent::time).min().orElse(-1);
    }

    /** When {@code host} last sent a SYN (its driver's last connect: none retransmits in this scenario). */
    private static long lastConnect(RunResult r, String host) {
        return r.events().stream().filter(e -> e instanceof TraceEvent.SegmentEvent se && se.where().equals(host)
                        && se.action() == TraceEvent.SegmentAction.SENT && se.segment().isSyn() && !se.segment().isAck())
                .mapToLong(TraceEvent::time).max().orElse(-1);
    }

    /**
     * What Ctrl-C sends a workload run ({@code WorkloadRun.stop}, as its interrupt does) at 1 s: the
     * clients of the served partitions stop as in one JVM, and at 1 s as on one partition, so the
     * counts and the trace are the same.
     */
    @Test void aStopFromTheRunsThreadReachesServedDriversAsInOneJvm() throws Exception {
        Settings s = ConfigLoader.loadOrThrow(CLIENTS_APART);
        Stopped local = stoppedAtOneSecond(s, null);
        try (InJvmSites sites = new InJvmSites()) {
            Stopped served = stoppedAtOneSecond(s, sites);
            assertThat(sites.granted.get(1)).anyMatch(c -> c.message() instanceof DriverStop d && d.at() == 1_000_000);
            assertThat(served).isEqualTo(local);
        }
        Stopped one = stoppedAtOneSecond(ConfigLoader.loadOrThrow(CLIENTS_APART, "partitions=1", "hosts.c1.partition=0", "hosts.c2.partition=0"), null);
        assertThat(local).as("as on one partition").isEqualTo(one);
        assertThat(local.result().end()).isEqualTo(io.tcpemu.workload.WorkloadResult.End.STOPPED);
        assertThat(local.result().endedAt()).isEqualTo(1_000_000);
    }

    private record Stopped(io.tcpemu.workload.WorkloadResult result, String hash, long events) {}

    private static Stopped stoppedAtOneSecond(Settings s, InJvmSites sites) throws Exception {
        io.tcpemu.trace.TraceBus bus = new io.tcpemu.trace.TraceBus();
        io.tcpemu.trace.TraceHash hash = new io.tcpemu.trace.TraceHash();
        bus.subscribe(hash);
        try (AutoCloseable on = sites == null ? () -> { } : Emulation.runPartitionsOn(sites);
             io.tcpemu.workload.WorkloadRun run = io.tcpemu.workload.WorkloadRun.start(s, bus)) {
            run.clock().advanceTo(1_000_000);
            run.stop();
            run.clock().advanceTo(2_000_000);
            return new Stopped(run.finish().workload(), hash.hex(), hash.events());
        }
    }

    /**
     * A run that reads no trace (the benchmark's) gets none from the partitions served elsewhere:
     * their hosts do not even build the events; the workload's counts still come back whole.
     */
    @Test void servedPartitionsSendTraceEventsOnlyWhenTheDriverReadsTheTrace() throws Exception {
        Settings s = ConfigLoader.loadOrThrow(CLIENTS_APART);
        io.tcpemu.workload.WorkloadResult local;
        try (io.tcpemu.workload.WorkloadRun run = io.tcpemu.workload.WorkloadRun.startUntraced(s)) {
            local = run.awaitResult();
        }
        try (InJvmSites untraced = new InJvmSites(); AutoCloseable on = Emulation.runPartitionsOn(untraced);
             io.tcpemu.workload.WorkloadRun run = io.tcpemu.workload.WorkloadRun.startUntraced(s)) {
            assertThat(run.awaitResult()).isEqualTo(local);
            assertThat(untraced.windows).isGreaterThan(10);
            assertThat(untraced.traceEvents.get()).isZero();
        }
        try (InJvmSites traced = new InJvmSites(); AutoCloseable on = Emulation.runPartitionsOn(traced);
             io.tcpemu.workload.WorkloadRun run = io.tcpemu.workload.WorkloadRun.start(s)) {
            assertThat(run.awaitResult()).isEqualTo(local);
            assertThat(traced.traceEvents.get()).isGreaterThan(1000);
        }
    }

    @Test void aServerThatFailsEndsTheRunNamingItAndTheEmulatedTime() throws Exception {
        try (InJvmSites sites = new InJvmSites()) {
            sites.failAfter = 6;
            RunResult r = run(ConfigLoader.loadOrThrow(APART), sites);   // what was measured until then is the result
            assertThat(r.failures().get(0)).matches("node x:1 became unreachable at \\d+\\.\\d{3} s of emulated time");
        }
    }
}
