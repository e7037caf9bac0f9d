package io.tcpemu.workload;

import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.RuntimeEnv;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.workload.WorkloadResult.End;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The workload supervisor: it starts one server application per server, waits until they listen,
 * then starts one driver per client host with its share of the load; it ends the run when every
 * request is done, when the emulated duration runs out, or on {@link Stop}, and then answers with
 * the {@link WorkloadResult}. Drivers are restarted when they fail; each failure is counted and
 * published on the trace as {@code HostEvent(kind "failure")}.
 *
 * <pre>
 *   ActorRef&lt;Workload.Command&gt; w = spawner.spawn(Workload.create(plan, env), "workload");
 *   w.tell(new Workload.WhenFinished(replyTo));   // the result once the run ends
 *   w.tell(new Workload.Stop(replyTo));           // Ctrl-C: end now, the result so far
 * </pre>
 */
public final class Workload {

    public sealed interface Command {}

    /** End the run now; {@code replyTo} (may be null) hears the result. */
    public record Stop(ActorRef<WorkloadResult> replyTo) implements Command {}

    /** The result so far while running (end RUNNING), the final one after. */
    public record GetResult(ActorRef<WorkloadResult> replyTo) implements Command {}

    /** The final result, once the run has ended. */
    public record WhenFinished(ActorRef<WorkloadResult> replyTo) implements Command {}

    /** For tests of supervision: make a driver ("client-a", "server-b-80") fail. */
    record CrashDriver(String driver) implements Command {}

    record ServerReady(String driver) implements Command {}

    record ServerFailed(String driver, String problem) implements Command {}

    record DriverDone(String driver) implements Command {}

    record DriverStopped(String driver) implements Command {}

    record DriverFailed(String driver, String error) implements Command {}

    private enum Deadline implements Command { INSTANCE }

    /** The workload on the hosts of {@code env}'s directory; refuses hosts that are not there. */
    public static Behavior<Command> create(WorkloadPlan plan, RuntimeEnv env) {
        for (String client : plan.clients()) hostRef(env, client);
        for (WorkloadPlan.Server s : plan.servers()) hostRef(env, s.host());
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Workload(ctx, timers, plan, env).starting()));
    }

    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final WorkloadPlan plan;
    private final RuntimeEnv env;
    private final long startedAt;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();
    private final Map<String, String> hostOf = new LinkedHashMap<>();
    private final Map<String, ActorRef<ServerApp.Command>> servers = new LinkedHashMap<>();
    private final List<ServerTarget> targets = new ArrayList<>();
    private final Map<String, ActorRef<ClientDriver.Command>> clients = new LinkedHashMap<>();
    private final List<ActorRef<WorkloadResult>> waiting = new ArrayList<>();
    private long failures;

    private Workload(ActorContext<Command> ctx, TimerScheduler<Command> timers, WorkloadPlan plan, RuntimeEnv env) {
        this.ctx = ctx;
        this.timers = timers;
        this.plan = plan;
        this.env = env;
        this.startedAt = env.time().now();
        timers.startSingleTimer(Deadline.INSTANCE, Deadline.INSTANCE, env.time().delay(plan.duration()));
        for (WorkloadPlan.Server s : plan.servers()) spawnServer(s);
    }

    // ---- phase 1: servers start listening --------------------------------------------------

    private Behavior<Command> starting() {
        int[] ready = {0};
        return common()
                .onMessage(ServerReady.class, m -> ++ready[0] == servers.size() ? running() : Behaviors.same())
                .onMessage(ServerFailed.class, m -> finished(End.FAILED, m.driver() + ": " + m.problem()))
                .onMessage(Stop.class, m -> { reply(m.replyTo(), result(End.STOPPED, "")); return finished(End.STOPPED, ""); })
                .onMessageEquals(Deadline.INSTANCE, () -> finished(End.DURATION, ""))
                .onMessage(DriverDone.class, m -> Behaviors.same())
                .onMessage(DriverStopped.class, m -> Behaviors.same())
                .build();
    }

    // ---- phase 2: clients make the load --------------------------------------------------

    private Behavior<Command> running() {
        spawnClients();
        List<String> done = new ArrayList<>();
        return common()
                .onMessage(DriverDone.class, m -> {
                    if (!done.contains(m.driver())) done.add(m.driver());
                    return done.size() == clients.size() ? stopping(End.COMPLETED, "") : Behaviors.same();
                })
                .onMessage(Stop.class, m -> { waiting.add(m.replyTo()); return stopping(End.STOPPED, ""); })
                .onMessageEquals(Deadline.INSTANCE, () -> stopping(End.DURATION, ""))
                .onMessage(ServerReady.class, m -> Behaviors.same())
                .onMessage(ServerFailed.class, m -> stopping(End.FAILED, m.driver() + ": " + m.problem()))
                .onMessage(DriverStopped.class, m -> Behaviors.same())
                .build();
    }

    // ---- phase 3: drivers stop issuing requests ----------------------------------------------

    /** Every driver acknowledges (clients stop issuing requests), so the result sees all their counts. */
    private Behavior<Command> stopping(End end, String problem) {
        for (ActorRef<ClientDriver.Command> c : clients.values()) c.tell(new ClientDriver.Stop(ctx.getSelf()));
        for (ActorRef<ServerApp.Command> s : servers.values()) s.tell(new ServerApp.Sync(ctx.getSelf()));
        List<String> stopped = new ArrayList<>();
        return common()
                .onMessage(DriverStopped.class, m -> {
                    if (!stopped.contains(m.driver())) stopped.add(m.driver());
                    return stopped.size() == clients.size() + servers.size() ? finished(end, problem) : Behaviors.same();
                })
                .onMessage(Stop.class, m -> { waiting.add(m.replyTo()); return Behaviors.same(); })
                .onMessage(DriverDone.class, m -> Behaviors.same())
                .onMessage(ServerReady.class, m -> Behaviors.same())
                .onMessage(ServerFailed.class, m -> Behaviors.same())
                .onMessageEquals(Deadline.INSTANCE, Behaviors::same)
                .build();
    }

    // ---- phase 4: the result stands ------------------------------------------------------

    /**
     * The run is over: no new requests. Connections still closing keep counting (the server's side
     * of the last closes, say), so a later result has the same end and end time but the latest counts.
     */
    private Behavior<Command> finished(End end, String problem) {
        long endedAt = env.time().now();
        timers.cancel(Deadline.INSTANCE); // a pending deadline would keep the virtual clock from going idle
        for (ActorRef<WorkloadResult> r : waiting) reply(r, result(end, problem, endedAt));
        waiting.clear();
        return Behaviors.receive(Command.class)
                .onMessage(GetResult.class, m -> { reply(m.replyTo(), result(end, problem, endedAt)); return Behaviors.same(); })
                .onMessage(WhenFinished.class, m -> { reply(m.replyTo(), result(end, problem, endedAt)); return Behaviors.same(); })
                .onMessage(Stop.class, m -> { reply(m.replyTo(), result(end, problem, endedAt)); return Behaviors.same(); })
                .onMessage(DriverFailed.class, this::onDriverFailed)
                .onMessage(Command.class, m -> Behaviors.same())
                .build();
    }

    /** What every running phase answers the same way. */
    private BehaviorBuilder<Command> common() {
        return Behaviors.receive(Command.class)
                .onMessage(GetResult.class, m -> { reply(m.replyTo(), result(End.RUNNING, "")); return Behaviors.same(); })
                .onMessage(WhenFinished.class, m -> { waiting.add(m.replyTo()); return Behaviors.same(); })
                .onMessage(DriverFailed.class, this::onDriverFailed)
                .onMessage(CrashDriver.class, this::onCrashDriver);
    }

    private Behavior<Command> onDriverFailed(DriverFailed m) {
        failures++;
        if (env.trace().enabled()) {
            env.trace().publish(new TraceEvent.HostEvent(env.time().now(), hostOf.get(m.driver()), "failure",
                    "workload driver " + m.driver() + ": " + m.error() + "; restarting"));
        }
        return Behaviors.same();
    }

    private Behavior<Command> onCrashDriver(CrashDriver m) {
        if (clients.containsKey(m.driver())) clients.get(m.driver()).tell(ClientDriver.Crash.INSTANCE);
        if (servers.containsKey(m.driver())) servers.get(m.driver()).tell(ServerApp.Crash.INSTANCE);
        return Behaviors.same();
    }

    // ---- children ------------------------------------------------------------------------

    private void spawnServer(WorkloadPlan.Server s) {
        String name = "server-" + s.host() + "-" + s.address().port();
        Tally tally = register(name, s.host());
        ServerApp.Params params = new ServerApp.Params(name, hostRef(env, s.host()), s.address().port(), s.backlog(), plan, ctx.getSelf());
        ActorRef<ServerApp.Command> app = ctx.spawn(supervised(ServerApp.create(params, tally), name), name);
        servers.put(name, app);
        targets.add(new ServerTarget(s.address(), app));
    }

    private void spawnClients() {
        SplittableRandom seeds = new SplittableRandom(plan.seed());
        int n = plan.clients().size();
        for (int k = 0; k < n; k++) {
            String host = plan.clients().get(k);
            String name = "client-" + host;
            ClientDriver.Share share = new ClientDriver.Share(plan.rate() / n, part(plan.requests(), n, k, Long.MAX_VALUE),
                    (int) Math.max(1, part(plan.concurrencyLimit(), n, k, Integer.MAX_VALUE)), seeds.nextLong(), k);
            ClientDriver.Params params = new ClientDriver.Params(host, hostRef(env, host), plan, share, targets, ctx.getSelf(), env.time());
            clients.put(name, ctx.spawn(supervised(ClientDriver.create(params, register(name, host)), name), name));
        }
    }

    /** Client k's part of a total shared by n clients; 0 means no limit, and gives {@code unlimited}. */
    static long part(long total, int n, int k, long unlimited) {
        if (total == 0) return unlimited;
        return total / n + (k < total % n ? 1 : 0);
    }

    /** Supervision is declared here, where the drivers are spawned: a failure is reported, then the driver restarts. */
    private <T> Behavior<T> supervised(Behavior<T> driver, String name) {
        return Behaviors.supervise(FailureNotice.around(driver, name, ctx.getSelf()))
                .onFailure(Exception.class, SupervisorStrategy.restart());
    }

    private Tally register(String name, String host) {
        Tally t = new Tally();
        tallies.put(name, t);
        hostOf.put(name, host);
        return t;
    }

    private WorkloadResult result(End end, String problem) { return result(end, problem, env.time().now()); }

    private WorkloadResult result(End end, String problem, long endedAt) {
        Tally sum = new Tally();
        for (Tally t : tallies.values()) sum.add(t);
        return WorkloadResult.of(startedAt, endedAt, end, problem, sum, failures);
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
