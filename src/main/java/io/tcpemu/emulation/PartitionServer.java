package io.tcpemu.emulation;

import io.tcpemu.config.Settings;
import io.tcpemu.runtime.Directory;
import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.Network;
import io.tcpemu.runtime.RuntimeEnv;
import io.tcpemu.runtime.Topology;
import io.tcpemu.time.Partitions;
import io.tcpemu.time.RemotePartition;
import io.tcpemu.time.VirtualTime;
import io.tcpemu.trace.TraceBus;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One partition of an emulation whose driver runs on another node: its hosts and the link
 * directions they send on, in a virtual-time actor system of its own, placed exactly as the
 * driver places them (the same settings, the same count). It runs only when the driver's
 * window protocol asks ({@link #serve}); its trace goes back with each window's report.
 */
public final class PartitionServer implements AutoCloseable {
    private final ActorSystem<Void> system;
    private final Partitions partitions;
    private final TraceBus trace;
    /** Its hosts publish while set: the driver reads the trace (else no event is even built). */
    private AutoCloseable tracing;
    private final RuntimeEnv env;
    private final int partition;
    private final HostPlacement placement;
    /** What its applications tell the driver after each window; none until one is set. */
    private volatile java.util.function.Supplier<List<PartitionNews>> news = List::of;

    /**
     * @param settings  the scenario point, as the driver runs it
     * @param count     the driver's partition count
     * @param partition the one this node runs (1 .. count - 1)
     */
    /** The partition this node runs (1 .. count - 1). */
    public int partition() { return partition; }

    public PartitionServer(Settings settings, int count, int partition) {
        if (partition < 1 || partition >= count) throw new IllegalArgumentException("partition " + partition + " of " + count + ": expected 1 to " + (count - 1));
        Topology topology = SettingsTopology.of(settings);
        this.placement = Emulation.clusterPlacement(settings, topology, count);
        this.partition = partition;
        this.system = ActorSystem.create(Behaviors.empty(), "tcpemu-p" + partition,
                VirtualTime.config(settings.run().seed()).withFallback(Emulation.baseConfig()));
        try {
            List<ActorSystem<Void>> systems = new ArrayList<>();
            for (int k = 0; k < count; k++) systems.add(k == partition ? system : null);
            this.partitions = Partitions.serving(systems, placement.lookahead());
            this.trace = new TraceBus();
            trace.gatherBy(partitions.clock()::partitionHere, partitions.count());
            this.tracing = trace.subscribe(e -> { });   // the driver's subscribers are far away: publish, to be gathered
            this.env = new RuntimeEnv(new Directory(), trace, partitions.clock());
            Network.start(topology, Host.factory(env), env, new PartitionPlacement(placement, partitions, systems));
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
    }

    /** The hosts this partition runs, for messages. */
    public static Set<String> hostsOf(Settings settings, int count, int partition) {
        HostPlacement placement = Emulation.clusterPlacement(settings, SettingsTopology.of(settings), count);
        Set<String> mine = new java.util.TreeSet<>();
        placement.partitionOf().forEach((h, k) -> { if (k == partition) mine.add(h); });
        return mine;
    }

    /**
     * One window: hands over what crossed to it, runs up to {@code end}, reports (with the trace and
     * news gathered: {@link Gathered}).
     *
     * @param traced the driver reads the trace: send the events of this window (else none are built or sent)
     */
    public RemotePartition.Report serve(long end, List<RemotePartition.Crossing> received, boolean traced) {
        publish(traced);
        return partitions.serve(end, received, () -> {
            List<io.tcpemu.trace.TraceEvent> events = trace.drainGathered();   // what its start published, wanted or not
            return new Gathered(traced ? events : List.of(), news.get());
        });
    }

    private void publish(boolean on) {
        if (on == (tracing != null)) return;
        if (on) {
            tracing = trace.subscribe(e -> { });
            return;
        }
        closeTracing();
    }

    private void closeTracing() {
        try {
            if (tracing != null) tracing.close();
        } catch (Exception ignored) {
            // a no-op subscription
        }
        tracing = null;
    }

    /** Its hosts, links and clock, for the applications that run beside its hosts (a workload's drivers). */
    public RuntimeEnv env() { return env; }

    /** The actor system of the partition {@code host} runs on if this node runs it, else null (as {@link Emulation#systemOf}). */
    public ActorSystem<Void> systemOf(String host) {
        Integer k = placement.partitionOf().get(host);
        return k != null && k == partition ? system : null;
    }

    /** After each window, {@code supplier} says what its applications tell the driver (asked with the partition held). */
    public void newsFrom(java.util.function.Supplier<List<PartitionNews>> supplier) { this.news = supplier; }

    /**
     * Orders the driver sends to {@code receiver} ({@link Emulation#sendAcross}) go to {@code sink}:
     * with the window they come with, before it runs, the partition held.
     */
    public void receiveAcross(String receiver, java.util.function.Consumer<PartitionOrder> sink) {
        partitions.receiveOn(receiver, o -> sink.accept((PartitionOrder) o));
    }

    public void rewind(long t) { partitions.rewind(t); }

    @Override public void close() {
        closeTracing();
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // on its way out; nothing useful to do with a slow shutdown
        }
    }
}
