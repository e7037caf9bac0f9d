package io.tcpemu.emulation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tcpemu.config.PartitionSettings;
import io.tcpemu.config.Settings;
import io.tcpemu.runtime.Directory;
import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.HostCounters;
import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.Link;
import io.tcpemu.runtime.LinkSpec;
import io.tcpemu.runtime.Network;
import io.tcpemu.runtime.RuntimeEnv;
import io.tcpemu.runtime.Sockets;
import io.tcpemu.runtime.Spawner;
import io.tcpemu.runtime.Topology;
import io.tcpemu.time.EmuTime;
import io.tcpemu.time.Partitions;
import io.tcpemu.time.RemotePartition;
import io.tcpemu.time.RealTime;
import io.tcpemu.time.VirtualClock;
import io.tcpemu.time.VirtualTime;
import io.tcpemu.trace.TraceBus;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One running emulation: an actor system in virtual or real time, a network of hosts and links,
 * the socket API over it and the trace bus. The run command, the console, the scenario testkit
 * and the benchmark all drive an emulation through this class.
 * <pre>
 *   try (Emulation emu = Emulation.virtual(topology, 42)) {
 *       emu.await(emu.sockets().listen("b", 80, 16, false), TcpConfig.SECOND);
 *       ...
 *   }
 * </pre>
 */
public final class Emulation implements AutoCloseable {
    /** How long {@link #await} drives the clock before giving up: ten emulated minutes. */
    public static final long DEFAULT_AWAIT_MICROS = 600_000_000L;

    /** The default partition count of emulations that do not choose one (the build runs part of its suite with 2). */
    public static final String PARTITIONS_PROPERTY = "tcpemu.partitions";

    /** Partition 0's system: the driver's asks, the console's actors and the workload's supervisor run here (its drivers run beside their hosts). */
    private final ActorSystem<Void> system;
    /** Every partition's system, {@code system} first; one for an emulation on one partition; null for a partition another node runs. */
    private final List<ActorSystem<Void>> systems;
    /** The window protocol over them; null on one partition. */
    private final Partitions partitions;
    private final HostPlacement placement;
    private final RuntimeEnv env;
    private final Network network;
    private final Sockets sockets;
    private final Map<String, ActorRef<Host.Command>> addedHosts = new LinkedHashMap<>();
    private final Map<String, ActorRef<Link.Command>> addedLinks = new LinkedHashMap<>();
    private final Map<String, Integer> addedIps = new LinkedHashMap<>();

    private Emulation(ActorSystem<Void> system, Topology topology) {
        this.system = system;
        this.systems = List.of(system);
        this.partitions = null;
        this.placement = null;
        this.env = new RuntimeEnv(new Directory(), new TraceBus(), EmuTime.of(system));
        this.network = Network.start(topology, Host.factory(env), env, Spawner.of(system));
        this.sockets = new Sockets(system, env.directory());
    }

    private Emulation(List<ActorSystem<Void>> systems, Topology topology, HostPlacement placement) {
        this(systems, Map.of(), topology, placement, new TraceBus());
    }

    /**
     * @param systems partition k's system at index k, null where {@code remotes} (another node) runs it
     * @param trace   the trace bus, which the remotes ask whether anyone subscribes
     */
    private Emulation(List<ActorSystem<Void>> systems, Map<Integer, RemotePartition> remotes, Topology topology, HostPlacement placement,
                      TraceBus trace) {
        this.system = systems.get(0);
        this.systems = java.util.Collections.unmodifiableList(new ArrayList<>(systems));
        this.placement = placement;
        this.partitions = remotes.isEmpty() ? Partitions.of(systems, placement.lookahead())
                : Partitions.withRemotes(systems, remotes, placement.lookahead());
        VirtualClock clock = partitions.clock();
        this.env = new RuntimeEnv(new Directory(), trace, clock);
        env.trace().gatherBy(clock::partitionHere, clock.partitions());
        partitions.onGathered(g -> {
            Gathered gathered = (Gathered) g;
            env.trace().addGathered(gathered.trace());
            news.addAll(gathered.news());
        });
        partitions.onBarrier(env.trace()::flush);
        partitions.onBarrier(this::handNews);
        env.onFailure(this::partitionFailed);
        this.network = Network.start(topology, Host.factory(env), env, new PartitionPlacement(placement, partitions, systems));
        this.sockets = new Sockets(system, env.directory());
    }

    /** News from partitions on other nodes, gathered in a window (on the driver's thread), handed on at its barrier. */
    private final List<PartitionNews> news = new ArrayList<>();
    private volatile java.util.function.Consumer<PartitionNews> newsSink = n -> { };

    /**
     * {@code sink} gets, at each barrier with every partition held, what the applications beside
     * the hosts of partitions on other nodes told this driver in the window ({@link PartitionNews}).
     */
    public void onNews(java.util.function.Consumer<PartitionNews> sink) { this.newsSink = sink; }

    private void handNews() {
        if (news.isEmpty()) return;
        List<PartitionNews> now = List.copyOf(news);
        news.clear();
        for (PartitionNews n : now) newsSink.accept(n);
    }

    /**
     * When something sent now, on a partition's thread, reaches another partition: one lookahead
     * later, as a segment on the fastest link between partitions would (Long.MAX_VALUE when no link
     * joins two: it is handed over at the next barrier).
     */
    public long acrossFromNow() {
        if (partitions == null) return now();
        long l = partitions.lookahead();
        return l == Long.MAX_VALUE ? Long.MAX_VALUE : satAdd(now(), l);
    }

    /**
     * Sends {@code order} from this partition's thread to whoever took {@code receiver} on
     * {@code partition} ({@link #receiveAcross} here, {@link PartitionServer#receiveAcross} on the
     * node that runs it): it is handed over at the next barrier, to another node with its next
     * window, and the receiver applies it at {@link PartitionOrder#at()} (from {@link #acrossFromNow}).
     * So the run is the same whichever node runs which partition.
     */
    public void sendAcross(int partition, String receiver, PartitionOrder order) {
        if (partitions == null) throw new IllegalStateException("sendAcross: this emulation runs on one partition");
        partitions.handOver(partition, now(), order.at(), receiver, (Object) order);
    }

    /**
     * An order given from the driving thread while every partition is held (the console's or a
     * script's {@code workload stop}): {@code receiver} on {@code partition} takes it at this
     * instant, whichever node runs it, so the run is the one of one partition. Call it only from
     * the thread that drives the clock, between drives.
     */
    public void sendHeld(int partition, String receiver, PartitionOrder order) {
        if (partitions == null) throw new IllegalStateException("sendHeld: this emulation runs on one partition");
        partitions.tellHeld(partition, receiver, order);
    }

    /** Orders sent to {@code receiver} on a partition of this JVM go to {@code sink}, at the barrier, the partitions held. */
    public void receiveAcross(String receiver, java.util.function.Consumer<PartitionOrder> sink) {
        if (partitions != null) partitions.receiveOn(receiver, o -> sink.accept((PartitionOrder) o));
    }

    /** Where the partitions of emulations this thread starts from settings run; null: all in this JVM. */
    private static final InheritableThreadLocal<PartitionSites> SITES = new InheritableThreadLocal<>();

    /**
     * Emulations this thread (and threads it starts) builds with {@link #fromSettings} ask
     * {@code sites} where each partition runs, until the returned handle is closed (a cluster node
     * driving a run whose partitions other nodes serve).
     */
    public static AutoCloseable runPartitionsOn(PartitionSites sites) {
        SITES.set(sites);
        return SITES::remove;
    }

    /**
     * A host, router or link actor crashed on its partition's thread: over partitions a restart
     * would hide a broken run, so the run ends at the next barrier, naming who, where and when.
     */
    private void partitionFailed(String who, RuntimeException e) {
        String node = who.contains("->") ? who.substring(0, who.indexOf("->")) : who;
        String what = who.contains("->") ? "link " + who : (network != null && network.topology().router(who) != null ? "router " : "host ") + who;
        partitions.fail(String.format(java.util.Locale.ROOT, "partition %d failed: %s crashed at %.6f s emulated (%s); the run ends"
                + " with what was measured until then", partitionOf(node), what, env.time().now() / 1e6, e));
    }

    /**
     * An emulation on the virtual clock: nothing happens between calls that drive {@link #clock()}.
     * On one partition, unless the system property {@value #PARTITIONS_PROPERTY} says more.
     */
    public static Emulation virtual(Topology topology, long seed) {
        int n = defaultPartitions();
        return n == 1 ? start(topology, VirtualTime.config(seed)) : virtual(topology, seed, n, Map.of(), HostPlacement.Load.NONE);
    }

    /**
     * An emulation over {@code count} partitions, each a thread with its own virtual clock,
     * driven together in windows (docs/time.md); the same seed gives the same trace as on one.
     *
     * @param placed hosts placed by hand (host → partition); the rest are placed automatically
     * @param load   what a workload expects of each host, and the hosts it needs on one partition
     * @throws IllegalArgumentException a placement that cannot run apart (a link with no delay between partitions ...)
     */
    public static Emulation virtual(Topology topology, long seed, int count, Map<String, Integer> placed, HostPlacement.Load load) {
        if (count < 1) throw new IllegalArgumentException("partitions: expected 1 or more, got " + count);
        if (count == 1) return start(topology, VirtualTime.config(seed));
        HostPlacement placement = HostPlacement.of(topology, count, placed, load);
        List<ActorSystem<Void>> systems = new ArrayList<>();
        try {
            for (int k = 0; k < count; k++) systems.add(ActorSystem.create(Behaviors.empty(), "tcpemu-p" + k, systemConfig(VirtualTime.config(seed))));
            return new Emulation(systems, topology, placement);
        } catch (RuntimeException e) {
            for (ActorSystem<Void> s : systems) s.terminate();
            throw e;
        }
    }

    /** 1, or the system property {@value #PARTITIONS_PROPERTY} when it is set. */
    public static int defaultPartitions() {
        String p = System.getProperty(PARTITIONS_PROPERTY);
        if (p == null || p.isBlank()) return 1;
        try {
            return Math.max(1, Integer.parseInt(p.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PARTITIONS_PROPERTY + ": expected a whole number such as 2, got '" + p + "'");
        }
    }

    /**
     * An emulation in real time, emulated time passing {@code scale} times faster than the wall
     * clock: by itself from now on if {@code freeRun} (else once {@code clock().runFree(true)}),
     * otherwise only as it is driven.
     */
    public static Emulation realTime(Topology topology, long seed, double scale, boolean freeRun) {
        Emulation emu = start(topology, RealTime.config(scale, seed));
        if (freeRun) emu.clock().runFree(true);
        return emu;
    }

    /** As {@link #realTime(Topology, long, double, boolean)}, running by itself from the start. */
    public static Emulation realTime(Topology topology, long seed, double scale) { return realTime(topology, seed, scale, true); }

    /**
     * Hosts, links, rules, seed and clock from a loaded scenario file. In real time the clock
     * moves only as the run (or console) drives it, at the wall clock's pace, so the script's
     * steps happen at their exact times.
     */
    public static Emulation fromSettings(Settings settings) {
        Topology topology = SettingsTopology.of(settings);
        PartitionSettings p = settings.run().partitions();
        int count = p.count() == 1 && p.placed().isEmpty() ? defaultPartitions() : p.resolvedCount();
        PartitionSites sites = SITES.get();
        if (sites != null && count > 1 && settings.run().timeMode() == io.tcpemu.config.RunSettings.TimeMode.VIRTUAL) {
            return virtualOn(sites, settings, topology, count);
        }
        return switch (settings.run().timeMode()) {
            case VIRTUAL -> virtual(topology, settings.run().seed(), count, p.placed(), WorkloadLoad.of(settings.workload()));
            case REAL -> realTime(topology, settings.run().seed(), settings.run().timeScale(), false);
        };
    }

    /**
     * Where the hosts go when other nodes serve partitions: exactly as in one JVM (a workload's
     * drivers run beside their hosts, on whichever node that is). The driver and every serving
     * node compute it alike, once per emulation, so it never moves during a run.
     */
    static HostPlacement clusterPlacement(Settings settings, Topology topology, int count) {
        return HostPlacement.of(topology, count, settings.run().partitions().placed(), WorkloadLoad.of(settings.workload()));
    }

    /** Partitions in this JVM where {@code sites} says so, the rest on the nodes it names. */
    private static Emulation virtualOn(PartitionSites sites, Settings settings, Topology topology, int count) {
        HostPlacement placement = clusterPlacement(settings, topology, count);
        TraceBus trace = new TraceBus();
        List<ActorSystem<Void>> systems = new ArrayList<>();
        Map<Integer, RemotePartition> remotes = new LinkedHashMap<>();
        try {
            for (int k = 0; k < count; k++) {
                RemotePartition remote = k == 0 ? null : sites.remote(k, count, settings, trace::enabled);
                if (remote != null) remotes.put(k, remote);
                systems.add(remote != null ? null
                        : ActorSystem.create(Behaviors.empty(), "tcpemu-p" + k, systemConfig(VirtualTime.config(settings.run().seed()))));
            }
            return new Emulation(systems, remotes, topology, placement, trace);
        } catch (RuntimeException e) {
            for (ActorSystem<Void> s : systems) if (s != null) s.terminate();
            throw e;
        }
    }

    /** The settings every emulation's actor system starts from. */
    static Config baseConfig() { return ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()); }

    /** An emulation on a system built with {@code overlay} ({@code VirtualTime.config}, {@code RealTime.config}, a test's clock). */
    public static Emulation start(Topology topology, Config overlay) {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tcpemu", systemConfig(overlay));
        try {
            return new Emulation(system, topology);
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
    }

    private static Config systemConfig(Config overlay) {
        return overlay.withFallback(baseConfig());
    }

    public Sockets sockets() { return sockets; }

    /** How many partitions run this emulation. */
    public int partitionCount() { return systems.size(); }

    /** The actor system of the partition {@code host} runs on: where an application's timers for that host belong (null: another node runs it). */
    public ActorSystem<Void> systemOf(String host) { return systems.get(partitionOf(host)); }

    /** The partition a host runs on (0 on one partition; hosts added at run time run on 0). */
    public int partitionOf(String host) {
        return placement == null || !placement.partitionOf().containsKey(host) ? 0 : placement.of(host);
    }

    public TraceBus trace() { return env.trace(); }

    public Network network() { return network; }

    public RuntimeEnv env() { return env; }

    public ActorSystem<Void> system() { return system; }

    /** True in virtual time, false in real time (the same clock, paced by the wall clock). */
    public boolean isVirtual() { return !clock().isRealTime(); }

    /** The clock that drives the emulation, in virtual and real time alike. */
    public VirtualClock clock() { return partitions == null ? VirtualTime.of(system) : partitions.clock(); }

    /** Once {@code stop} holds (Ctrl-C), every wait for emulated time ends where the clock is, at any scale. */
    public void stopWhen(java.util.function.BooleanSupplier stop) { clock().stopWhen(stop); }

    /** Emulated microseconds since the start. */
    public long now() { return env.time().now(); }

    public EmuTime time() { return env.time(); }

    /** The live counters of a host, or an error naming the known hosts. */
    public HostCounters.Snapshot counters(String host) {
        requireHost(host);
        return env.counters(host).snapshot();
    }

    /** A host's connections, listeners and TIME-WAIT entries. */
    public Host.Table table(String host) {
        requireHost(host);
        return await(sockets.table(host), 0);
    }

    /** The host actor with this name; hosts added at run time included. */
    public ActorRef<Host.Command> host(String name) {
        ActorRef<Host.Command> ref = env.directory().host(name);
        if (ref == null && declared(name)) throw new IllegalArgumentException("host '" + name + "' runs on partition " + partitionOf(name)
                + ", which another node runs; only the hosts of partition 0 take calls here");
        if (ref == null) throw new IllegalArgumentException("no host named '" + name + "'; hosts: " + String.join(", ", hostNames()));
        return ref;
    }

    public boolean hasHost(String name) { return env.directory().host(name) != null || declared(name); }

    private boolean declared(String name) {
        for (var h : network.topology().hosts()) if (h.name().equals(name)) return true;
        return false;
    }

    /** The host names, declared ones first (those another node runs too). */
    public synchronized java.util.List<String> hostNames() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (var h : network.topology().hosts()) names.add(h.name());
        names.addAll(addedHosts.keySet());
        return names;
    }

    /** The link direction from → to, declared or added. */
    public ActorRef<Link.Command> link(String from, String to) {
        ActorRef<Link.Command> ref = links().get(from + "->" + to);
        if (ref == null) {
            throw new IllegalArgumentException("no link " + from + "->" + to + "; links: " + String.join(", ", links().keySet()));
        }
        return ref;
    }

    /** Every link direction by name ("a->b"). */
    public synchronized Map<String, ActorRef<Link.Command>> links() {
        Map<String, ActorRef<Link.Command>> all = new LinkedHashMap<>(network.links());
        all.putAll(addedLinks);
        return all;
    }

    /** Starts another host while the emulation runs (the console's {@code host add}). */
    public synchronized void addHost(HostSpec spec) {
        if (hasHost(spec.name())) throw new IllegalArgumentException("host '" + spec.name() + "' exists already");
        if (env.directory().hostName(spec.ip()) != null) {
            throw new IllegalArgumentException("address " + io.tcpemu.tcp.SockAddr.formatIp(spec.ip()) + " belongs to host '"
                    + env.directory().hostName(spec.ip()) + "'");
        }
        ActorRef<Host.Command> ref = Spawner.of(system).spawn(supervised(Host.create(spec, env)), actorName("host-", spec.name()));
        env.directory().addHost(spec.name(), spec.ip(), ref);
        addedHosts.put(spec.name(), ref);
        addedIps.put(spec.name(), spec.ip());
    }

    /** Starts another link direction while the emulation runs (the console's {@code link add}). */
    public synchronized void addLink(LinkSpec spec) {
        if (links().containsKey(spec.name())) throw new IllegalArgumentException("link " + spec.name() + " exists already");
        int from = ip(spec.from());
        int to = ip(spec.to());
        if (partitionOf(spec.from()) != partitionOf(spec.to())) {
            throw new IllegalArgumentException("link " + spec.name() + ": " + spec.from() + " runs on partition " + partitionOf(spec.from())
                    + " and " + spec.to() + " on " + partitionOf(spec.to()) + "; a link added while the emulation runs joins hosts of one partition");
        }
        ActorRef<Link.Command> ref = Spawner.of(systems.get(partitionOf(spec.from()))).spawn(supervised(Link.create(spec, env)),
                actorName("link-", spec.from() + "-" + spec.to()));
        env.directory().addLink(from, to, ref);
        addedLinks.put(spec.name(), ref);
    }

    /** The address of a host, declared or added. */
    public synchronized int ip(String host) {
        if (!hasHost(host)) requireHost(host);
        for (var h : network.topology().hosts()) if (h.name().equals(host)) return h.ip();
        return addedIps.get(host);
    }

    /**
     * Waits for {@code stage} by driving the clock until it completes (at most {@code maxMicros}
     * of emulated time; in real time at the wall clock's pace). Unwraps the failure, so an
     * {@code ErrnoException} arrives as itself.
     */
    public <T> T await(CompletionStage<T> stage, long maxMicros) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        if (!future.isDone()) clock().runUntil(future::isDone, satAdd(now(), maxMicros));
        if (!future.isDone()) throw new IllegalStateException("no answer within " + maxMicros + " µs of emulated time");
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Lets {@code micros} of emulated time pass (in real time at the wall clock's pace). */
    public void advance(long micros) { clock().advanceBy(micros); }

    /** Stops every actor; waits (a little) for the system to end. */
    @Override public void close() {
        if (partitions != null) partitions.closeRemotes();
        for (ActorSystem<Void> s : systems) if (s != null) s.terminate();
        for (ActorSystem<Void> s : systems) {
            if (s == null) continue;
            try {
                s.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the JVM may be on its way out; nothing useful to do with a slow shutdown
            }
        }
    }

    private void requireHost(String name) { host(name); }

    private static long satAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private static <T> org.apache.pekko.actor.typed.Behavior<T> supervised(org.apache.pekko.actor.typed.Behavior<T> b) {
        return Behaviors.supervise(b).onFailure(Exception.class, org.apache.pekko.actor.typed.SupervisorStrategy.restart());
    }

    private static String actorName(String prefix, String name) {
        return prefix + URLEncoder.encode(name, StandardCharsets.UTF_8) + "-added";
    }
}
