package io.tcpemu.workload;

import io.tcpemu.emulation.Emulation;
import io.tcpemu.emulation.PartitionServer;
import io.tcpemu.emulation.WorkloadLoad;
import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.RuntimeEnv;
import io.tcpemu.runtime.Spawner;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A workload: one driver per client host and one application per server, each a top-level actor
 * ({@code driver-<workload>-client-a}) on its host's partition, where it talks to its host with no
 * link in between; and this supervisor on partition 0. Each driver works alone: arrivals, its
 * share of the requests, its own stop at the deadline; it records what it counts and when it was
 * done in its {@link Tally}. The supervisor answers for the whole workload from those
 * ({@link Progress}): why and when it ended come from the times the drivers recorded, so the run
 * is the same whatever the partition count. Drivers are restarted when they fail; each failure is
 * counted and published on the trace as {@code HostEvent(kind "failure")}. On a cluster the drivers
 * of a partition another node runs are started there ({@link #serve}) and their tallies come back
 * after each window ({@link DriverNews}) into the supervisor's copies; a stop goes to them, as to
 * the clients of any other partition, as a {@link DriverStop} with the next window.
 *
 * <pre>
 *   ActorRef&lt;Workload.Command&gt; w = Workload.start(emulation, plan, "workload");
 *   w.tell(new Workload.GetResult(replyTo));      // the result now (end RUNNING while it runs)
 *   w.tell(new Workload.Stop(replyTo));           // Ctrl-C: end now, the result so far
 * </pre>
 */
public final class Workload {

    public sealed interface Command {}

    /**
     * End the run now; {@code replyTo} (may be null) hears the result.
     *
     * @param driversStopped its client drivers were told already, every partition's at this instant ({@link #stopHeld})
     */
    public record Stop(ActorRef<WorkloadResult> replyTo, boolean driversStopped) implements Command {
        public Stop(ActorRef<WorkloadResult> replyTo) { this(replyTo, false); }
    }

    /** The result so far while running (end RUNNING), the final one after. */
    public record GetResult(ActorRef<WorkloadResult> replyTo) implements Command {}

    /**
     * Only whether (and why) it ended: {@link GetResult}'s end, without adding up every driver's
     * latency histograms, which a run waiting for the end asked for once an emulated second.
     */
    public record GetEnd(ActorRef<WorkloadResult.End> replyTo) implements Command {}

    /**
     * The result once the supervisor hears that the run ended. Over several partitions its counts
     * are those of when it heard; {@link GetResult} after the clock stopped is exact.
     */
    public record WhenFinished(ActorRef<WorkloadResult> replyTo) implements Command {}

    /** For tests of supervision: make a driver ("client-a", "server-b-80") fail. */
    record CrashDriver(String driver) implements Command {}

    /** A server could not listen (its tally says when and why). */
    record ServerFailed(String driver) implements Command {}

    /** A client has issued its requests and closed its connections (its tally says when). */
    record DriverDone(String driver) implements Command {}

    private enum Deadline implements Command { INSTANCE }

    /** Every driver of this JVM is spawned: the supervisor may act (a stop before it would miss some). */
    private enum Started implements Command { INSTANCE }

    /** Messages the supervisor keeps until its drivers are spawned: their first reports. */
    private static final int STARTING_STASH = 100_000;

    /** The prefix of a driver's actor name: it runs beside its host, as host and link actors do. */
    public static final String DRIVER_PREFIX = "driver-";

    /**
     * Starts the workload on {@code emulation}'s hosts: the drivers on their hosts' partitions, the
     * supervisor, named {@code name}, on partition 0. Call it from the driving thread, the clock held.
     * The drivers of hosts whose partition another node runs are started there ({@link #serve});
     * what they count comes back after each window ({@link DriverNews}).
     *
     * @throws IllegalArgumentException a host that is not there, or drivers that would talk across partitions
     */
    public static ActorRef<Command> start(Emulation emulation, WorkloadPlan plan, String name) {
        RuntimeEnv env = emulation.env();
        for (String host : hostsOf(plan)) {
            if (emulation.systemOf(host) != null) hostRef(env, host);
            else if (!emulation.hasHost(host)) throw new IllegalArgumentException("workload: no host named '" + host + "' is running");
        }
        checkTogether(emulation, plan);
        Progress progress = new Progress(env.time().now(), plan.duration());
        Drivers drivers = new Drivers();
        ActorRef<Command> self = Spawner.of(emulation.system()).spawn(Behaviors.setup(ctx -> Behaviors.<Command>withStash(STARTING_STASH,
                stash -> Behaviors.withTimers(timers -> new Workload(ctx, timers, plan, env, progress, drivers, emulation, name).starting(stash)))), name);
        spawnDrivers(emulation::systemOf, env, plan, name, self, progress, drivers);
        drivers.clients.forEach((driver, ref) -> emulation.receiveAcross(receiver(name, driver), stopAt(ref)));
        self.tell(Started.INSTANCE);
        emulation.onNews(news -> {
            if (!(news instanceof DriverNews d)) return;
            d.applyTo(d.client() ? progress.client(d.driver()) : progress.server(d.driver()));
            if (d.reportedDone()) self.tell(new DriverDone(d.driver()));
            if (d.reportedFailed()) self.tell(new ServerFailed(d.driver()));
        });
        return self;
    }

    /**
     * Starts a workload while the emulation runs (the console's or a run script's {@code workload
     * start}), from the driving thread, every partition held: as {@link #start}, and the drivers of
     * hosts another node runs are started there at this same instant ({@link DriverStart}, with the
     * next window, before it runs), so the run is the one of one JVM. A node's served drivers report
     * through one news supplier per partition: one workload at a time there.
     */
    public static ActorRef<Command> startWhileRunning(Emulation emulation, WorkloadPlan plan, String name) {
        ActorRef<Command> self = start(emulation, plan, name);
        Set<Integer> elsewhere = new java.util.TreeSet<>();
        for (String host : hostsOf(plan)) if (emulation.systemOf(host) == null) elsewhere.add(emulation.partitionOf(host));
        for (int p : elsewhere) emulation.sendHeld(p, startReceiver(p), new DriverStart(emulation.now(), name, plan));
        return self;
    }

    /** Where a workload started while running reaches the node that runs partition {@code partition}. */
    private static String startReceiver(int partition) { return DRIVER_PREFIX + "start-" + partition; }

    /**
     * Lets a workload started while the run goes ({@link #startWhileRunning}) on the driving node
     * start the drivers of {@code partition}, a partition this node serves: at the instant it was
     * started, with the same shares and seeds as there.
     */
    public static void serveStartsWhileRunning(PartitionServer partition) {
        partition.receiveAcross(startReceiver(partition.partition()), o -> {
            DriverStart start = (DriverStart) o;
            serve(partition, start.plan(), start.workload());
        });
    }

    /**
     * Starts the drivers of the hosts of {@code partition}, a partition this node serves for a run
     * driven on another node, exactly as {@link #start} there would: the same shares and seeds.
     * They report to a stand-in; what they count goes to the driver after each window.
     */
    public static void serve(PartitionServer partition, WorkloadPlan plan, String name) {
        RuntimeEnv env = partition.env();
        Progress progress = new Progress(env.time().now(), plan.duration());
        Drivers drivers = new Drivers();
        ServedDrivers served = new ServedDrivers();
        ActorRef<Command> standIn = null;
        for (String host : hostsOf(plan)) {
            if (partition.systemOf(host) == null) continue;
            if (standIn == null) standIn = Spawner.of(partition.systemOf(host)).spawn(served.standIn(), name);
            hostRef(env, host);
        }
        if (standIn == null) return;   // none of its hosts is here
        spawnDrivers(partition::systemOf, env, plan, name, standIn, progress, drivers);
        drivers.clients.forEach((d, ref) -> {
            served.add(d, true, progress.client(d));
            partition.receiveAcross(receiver(name, d), stopAt(ref));
        });
        drivers.servers.keySet().forEach(d -> served.add(d, false, progress.server(d)));
        partition.newsFrom(served::news);
    }

    /**
     * The stop to ask {@code supervisor} with from the driving thread, every partition held (the
     * console's or a script's {@code workload stop}, Ctrl-C): every client driver is told first,
     * on every partition, to stop at this instant (on another node before its next window runs),
     * so the run is the one of one partition. A stop the supervisor decides itself while the run
     * goes (a server that could not listen) reaches the other partitions one lookahead later.
     */
    public static Stop stopHeld(Emulation emulation, ActorRef<Command> supervisor, WorkloadPlan plan, ActorRef<WorkloadResult> replyTo) {
        if (emulation.partitionCount() == 1) return new Stop(replyTo);   // the supervisor tells them, on this one partition
        String name = supervisor.path().name();
        DriverStop now = new DriverStop(emulation.now());
        for (String host : plan.clients()) emulation.sendHeld(emulation.partitionOf(host), receiver(name, "client-" + host), now);
        return new Stop(replyTo, true);
    }

    /** Where the supervisor's stop for client driver {@code driver} of another partition is handed over to. */
    private static String receiver(String workload, String driver) { return DRIVER_PREFIX + workload + "-" + driver; }

    private static java.util.function.Consumer<io.tcpemu.emulation.PartitionOrder> stopAt(ActorRef<ClientDriver.Command> driver) {
        return order -> driver.tell(new ClientDriver.StopAt(order.at()));
    }

    /** Every host the workload's drivers run beside. */
    private static List<String> hostsOf(WorkloadPlan plan) {
        List<String> hosts = new ArrayList<>(plan.clients());
        for (WorkloadPlan.Server s : plan.servers()) hosts.add(s.host());
        for (WorkloadPlan.Server s : plan.backendsOnly()) hosts.add(s.host());
        return hosts;
    }

    /**
     * Spawns the drivers of the hosts {@code systemOf} has a system for (null: another node runs
     * the host), each with its share, seed and tally as if every driver were here.
     */
    private static void spawnDrivers(Function<String, ActorSystem<Void>> systemOf, RuntimeEnv env, WorkloadPlan plan, String name,
                                     ActorRef<Command> supervisor, Progress progress, Drivers drivers) {
        List<ServerTarget> targets = new ArrayList<>();
        for (WorkloadPlan.Server s : plan.servers()) targets.add(new ServerTarget(s.address(), serve(systemOf, env, plan, s, name, supervisor, progress, drivers)));
        for (WorkloadPlan.Server s : plan.backendsOnly()) serve(systemOf, env, plan, s, name, supervisor, progress, drivers);
        SplittableRandom seeds = new SplittableRandom(plan.seed());
        int n = plan.clients().size();
        for (int k = 0; k < n; k++) {
            String host = plan.clients().get(k);
            String driver = "client-" + host;
            ClientDriver.Share share = new ClientDriver.Share(plan.rate() / n, part(plan.requests(), n, k, Long.MAX_VALUE),
                    (int) Math.max(1, part(plan.concurrencyLimit(), n, k, Integer.MAX_VALUE)), seeds.nextLong(), k);
            Tally tally = progress.client(driver);
            ActorSystem<Void> system = systemOf.apply(host);
            if (system == null) continue;   // another node runs it, with the same share
            ClientDriver.Params params = new ClientDriver.Params(host, hostRef(env, host), env.directory().calls(host), plan, share, targets, supervisor, env.time(), progress.deadline);
            ActorRef<Object> ref = spawn(system, name, driver, supervised(ClientDriver.create(params, tally), driver, host, tally, env));
            drivers.clients.put(driver, ref.narrow());
        }
    }

    /**
     * Spawns the application listening at {@code s}: a load balancer's proxy at its VIP, else a
     * server; null when another node runs its host (its clients then close on their own: {@link #checkTogether}).
     */
    private static ActorRef<ServerApp.Command> serve(Function<String, ActorSystem<Void>> systemOf, RuntimeEnv env, WorkloadPlan plan,
                                                     WorkloadPlan.Server s, String name, ActorRef<Command> self, Progress progress, Drivers drivers) {
        WorkloadPlan.Proxy proxy = plan.proxyAt(s.address());
        String driver = (proxy == null ? "server-" : "proxy-") + s.host() + "-" + s.address().port();
        Tally tally = progress.server(driver);
        ActorSystem<Void> system = systemOf.apply(s.host());
        if (system == null) return null;
        Behavior<Object> app = proxy == null
                ? ServerApp.create(new ServerApp.Params(driver, hostRef(env, s.host()), env.directory().calls(s.host()), s.address().port(), s.backlog(), plan, self, env.time()), tally)
                : ProxyApp.create(new ProxyApp.Params(driver, hostRef(env, s.host()), s.address().port(), s.backlog(),
                        proxy.backends().stream().map(WorkloadPlan.Server::address).toList(), proxy.algorithm(), self, env.time()), tally);
        ActorRef<ServerApp.Command> ref = spawn(system, name, driver, supervised(app, driver, s.host(), tally, env)).narrow();
        drivers.servers.put(driver, ref);
        return ref;
    }

    /** The drivers' refs, filled in once the supervisor is spawned (it reads them only on a stop or a crash order). */
    private static final class Drivers {
        final Map<String, ActorRef<ServerApp.Command>> servers = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<String, ActorRef<ClientDriver.Command>> clients = new java.util.concurrent.ConcurrentHashMap<>();
    }

    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final WorkloadPlan plan;
    private final RuntimeEnv env;
    private final Progress progress;
    private final Drivers drivers;
    private final Set<String> done = new HashSet<>();
    private final List<ActorRef<WorkloadResult>> waiting = new ArrayList<>();
    /** Where the drivers run: the clients of other partitions hear a stop through it. */
    private final Emulation emulation;
    private final String name;

    private Workload(ActorContext<Command> ctx, TimerScheduler<Command> timers, WorkloadPlan plan, RuntimeEnv env,
                     Progress progress, Drivers drivers, Emulation emulation, String name) {
        this.ctx = ctx;
        this.timers = timers;
        this.plan = plan;
        this.env = env;
        this.progress = progress;
        this.drivers = drivers;
        this.emulation = emulation;
        this.name = name;
        timers.startSingleTimer(Deadline.INSTANCE, Deadline.INSTANCE, env.time().delay(Math.max(0, progress.deadline - env.time().now())));
    }

    // ---- while its drivers are spawned ---------------------------------------------------------

    private Behavior<Command> starting(org.apache.pekko.actor.typed.javadsl.StashBuffer<Command> stash) {
        return Behaviors.receive(Command.class)
                .onMessageEquals(Started.INSTANCE, () -> stash.unstashAll(running()))
                .onMessage(Command.class, m -> {
                    stash.stash(m);
                    return Behaviors.same();
                })
                .build();
    }

    // ---- while the drivers make the load ---------------------------------------------------

    private Behavior<Command> running() {
        return Behaviors.receive(Command.class)
                .onMessage(GetResult.class, m -> { reply(m.replyTo(), progress.result(env.time().now())); return Behaviors.same(); })
                .onMessage(GetEnd.class, m -> { m.replyTo().tell(progress.end(env.time().now())); return Behaviors.same(); })
                .onMessage(WhenFinished.class, m -> { waiting.add(m.replyTo()); return Behaviors.same(); })
                .onMessage(CrashDriver.class, this::onCrashDriver)
                .onMessage(DriverDone.class, m -> {
                    done.add(m.driver());
                    return done.size() == plan.clients().size() ? finished() : Behaviors.same();
                })
                .onMessage(ServerFailed.class, m -> { stopClients(); return finished(); })
                .onMessage(Stop.class, m -> {
                    progress.stop(env.time().now());
                    if (!m.driversStopped()) stopClients();
                    reply(m.replyTo(), progress.result(env.time().now()));
                    return finished();
                })
                .onMessageEquals(Deadline.INSTANCE, this::finished)
                .build();
    }

    // ---- the result stands ------------------------------------------------------------------

    /**
     * The run is over: no new requests. Connections still closing keep counting (the server's side
     * of the last closes, say), so a later result has the same end and end time but the latest counts.
     */
    private Behavior<Command> finished() {
        timers.cancel(Deadline.INSTANCE); // a pending deadline would keep the virtual clock from going idle
        for (ActorRef<WorkloadResult> r : waiting) reply(r, progress.result(env.time().now()));
        waiting.clear();
        return Behaviors.receive(Command.class)
                .onMessage(GetResult.class, m -> { reply(m.replyTo(), progress.result(env.time().now())); return Behaviors.same(); })
                .onMessage(GetEnd.class, m -> { m.replyTo().tell(progress.end(env.time().now())); return Behaviors.same(); })
                .onMessage(WhenFinished.class, m -> { reply(m.replyTo(), progress.result(env.time().now())); return Behaviors.same(); })
                .onMessage(Stop.class, m -> { reply(m.replyTo(), progress.result(env.time().now())); return Behaviors.same(); })
                .onMessage(Command.class, m -> Behaviors.same())
                .build();
    }

    /**
     * A stop (Ctrl-C) or a server that failed: the clients stop issuing requests, those of the
     * supervisor's partition at once, the others one lookahead later ({@link DriverStop}, handed
     * over as a segment between partitions is, to another node with its next window), so the run
     * is the same whichever node runs which partition. A run ended this way is not one to compare
     * across partition counts: on one partition every client stops at once.
     */
    private void stopClients() {
        long at = emulation.acrossFromNow();
        for (String host : plan.clients()) {
            String driver = "client-" + host;
            int partition = emulation.partitionOf(host);
            if (partition != 0) {
                emulation.sendAcross(partition, receiver(name, driver), new DriverStop(at));
                continue;
            }
            ActorRef<ClientDriver.Command> c = drivers.clients.get(driver);
            if (c != null) c.tell(ClientDriver.Stop.INSTANCE);
        }
    }

    private Behavior<Command> onCrashDriver(CrashDriver m) {
        if (drivers.clients.containsKey(m.driver())) drivers.clients.get(m.driver()).tell(ClientDriver.Crash.INSTANCE);
        if (drivers.servers.containsKey(m.driver())) drivers.servers.get(m.driver()).tell(ServerApp.Crash.INSTANCE);
        return Behaviors.same();
    }

    // ---- the drivers -----------------------------------------------------------------------

    /** A client driver tells the server's application to close, with no delay: that needs them on one partition. */
    private static void checkTogether(Emulation emulation, WorkloadPlan plan) {
        if (emulation.partitionCount() == 1 || !WorkloadLoad.closesBothEndsAtOnce(plan.close(), plan.poolSize())) return;
        Set<Integer> used = new java.util.TreeSet<>();
        for (String c : plan.clients()) used.add(emulation.partitionOf(c));
        for (WorkloadPlan.Server s : plan.servers()) used.add(emulation.partitionOf(s.host()));
        for (WorkloadPlan.Server s : plan.backendsOnly()) used.add(emulation.partitionOf(s.host()));
        if (used.size() > 1) throw new IllegalArgumentException("workload: close = " + plan.close().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + (plan.pooled() ? " with a pool" : "") + " closes both ends at one instant, so its hosts must share a partition,"
                + " but they run on partitions " + used + "; place them on one (hosts.X.partition) or use close = client-first");
    }

    private static <T> ActorRef<T> spawn(ActorSystem<Void> system, String workload, String driver, Behavior<T> behavior) {
        return Spawner.of(system).spawn(behavior, DRIVER_PREFIX + workload + "-" + driver);
    }

    /** Client k's part of a total shared by n clients; 0 means no limit, and gives {@code unlimited}. */
    static long part(long total, int n, int k, long unlimited) {
        if (total == 0) return unlimited;
        return total / n + (k < total % n ? 1 : 0);
    }

    /** Supervision is declared here, where the drivers are spawned: a failure is counted and traced, then the driver restarts. */
    private static <T> Behavior<T> supervised(Behavior<T> driver, String name, String host, Tally tally, RuntimeEnv env) {
        return Behaviors.supervise(FailureNotice.around(driver, name, host, tally, env))
                .onFailure(Exception.class, SupervisorStrategy.restart());
    }

    private static void reply(ActorRef<WorkloadResult> to, WorkloadResult result) {
        if (to != null) to.tell(result);
    }

    private static ActorRef<Host.Command> hostRef(RuntimeEnv env, String name) {
        ActorRef<Host.Command> ref = env.directory().host(name);
        if (ref == null) throw new IllegalArgumentException("workload: no host named '" + name + "' is running");
        return ref;
    }
}
