package io.tcpemu.cluster;

import io.tcpemu.run.ScenarioRun;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The submitter's side of one run on the cluster, phase by phase: wait until enough nodes are up,
 * refuse nodes of another version, have every node check the scenario, place the run, then relay
 * its output and files until it ends, or end it loudly when its node leaves or cannot be reached.
 * Lives in the submitting process for one run; nodes are found through the receptionist.
 */
public final class Coordinator {
    /** Exit status of a run the cluster could not start or finish (nodes missing, refused or lost). */
    public static final int CLUSTER_FAILED = 3;
    /** Exit status when a node finds the scenario wrong (as {@code tcpemu run}'s for a bad file). */
    public static final int INVALID = 2;
    /** Generous: a first message to a node on a loaded machine waits for its transport and serializers to start. */
    private static final Duration ANSWER = Duration.ofSeconds(60);

    /**
     * @param job     what to run
     * @param nodes   how many nodes must be up
     * @param waitFor how long to wait for them
     * @param version the submitter's tcpemu version, which every node must run
     * @param seeds   the host:port joined through, for messages
     * @param dir     the results folder
     */
    public record Request(Job job, int nodes, Duration waitFor, String version, List<String> seeds, Path dir) {}

    public sealed interface Command {}

    /** The user stopped the run (Ctrl-C): the node stops it and sends what it measured. */
    public record Stop() implements Command {}

    private record NodesListed(Receptionist.Listing listing) implements Command {}

    private record Info(NodeWorker.NodeInfo info) implements Command {}

    private record Checked(NodeWorker.Validated result) implements Command {}

    private record Event(RunEvent event) implements Command {}

    private record MemberChanged(ClusterEvent.MemberEvent event) implements Command {}

    private record ReachabilityChanged(ClusterEvent.ReachabilityEvent event) implements Command {}

    private enum Timeout implements Command { INSTANCE }

    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final Request request;
    private final PrintStream out;
    private final PrintStream err;
    private final CompletableFuture<Integer> done;
    private final ResultsReceiver results;
    private List<ActorRef<NodeWorker.Command>> nodes = List.of();

    private Coordinator(ActorContext<Command> ctx, TimerScheduler<Command> timers, Request request, PrintStream out, PrintStream err,
                        CompletableFuture<Integer> done) {
        this.ctx = ctx;
        this.timers = timers;
        this.request = request;
        this.out = out;
        this.err = err;
        this.done = done;
        this.results = new ResultsReceiver(request.dir());
    }

    /** @param done completed with the exit status once the run is over (or could not start) */
    public static Behavior<Command> create(Request request, PrintStream out, PrintStream err, CompletableFuture<Integer> done) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class, NodesListed::new);
            ctx.getSystem().receptionist().tell(Receptionist.subscribe(NodeWorker.KEY, listings));
            timers.startSingleTimer(Timeout.INSTANCE, request.waitFor());
            return new Coordinator(ctx, timers, request, out, err, done).waitingForNodes(List.of());
        }));
    }

    // ---- phase 1: enough nodes up

    private Behavior<Command> waitingForNodes(List<ActorRef<NodeWorker.Command>> up) {
        return Behaviors.receive(Command.class)
                .onMessage(NodesListed.class, m -> {
                    List<ActorRef<NodeWorker.Command>> now = m.listing().getServiceInstances(NodeWorker.KEY).stream()
                            .sorted(Comparator.comparing(NodeName::of)).toList();
                    if (now.size() < request.nodes()) return waitingForNodes(now);
                    nodes = now.subList(0, request.nodes());
                    return greeting();
                })
                .onMessage(Timeout.class, m -> finish(CLUSTER_FAILED, notEnoughNodes(up)))
                .onMessage(Stop.class, m -> finish(ScenarioRun.INTERRUPTED, "cluster: interrupted while waiting for nodes"))
                .build();
    }

    private String notEnoughNodes(List<ActorRef<NodeWorker.Command>> up) {
        String seeds = String.join(",", request.seeds());
        if (Cluster.get(ctx.getSystem()).selfMember().status() != MemberStatus.up()) {
            return "cluster: could not join the cluster through " + seeds + " within " + seconds(request.waitFor())
                    + ": is a 'tcpemu node' running there, and reachable from " + ClusterSystem.self(ctx.getSystem()) + "?";
        }
        return "cluster: " + up.size() + " of " + request.nodes() + " nodes up after " + seconds(request.waitFor())
                + (up.isEmpty() ? "" : " (" + String.join(", ", up.stream().map(NodeName::of).toList()) + ")")
                + "; start more with 'tcpemu node --seed-nodes " + seeds + "', or ask for fewer with --nodes";
    }

    // ---- phase 2: the same version everywhere

    private Behavior<Command> greeting() {
        ActorRef<NodeWorker.NodeInfo> replies = ctx.messageAdapter(NodeWorker.NodeInfo.class, Info::new);
        for (ActorRef<NodeWorker.Command> n : nodes) n.tell(new NodeWorker.Hello(replies));
        timers.startSingleTimer(Timeout.INSTANCE, ANSWER);
        return greeting(new TreeMap<>());
    }

    private Behavior<Command> greeting(Map<String, String> versions) {
        return Behaviors.receive(Command.class)
                .onMessage(Info.class, m -> {
                    versions.put(m.info().node(), m.info().version());
                    if (versions.size() < nodes.size()) return Behaviors.same();
                    List<String> refused = new ArrayList<>();
                    versions.forEach((node, v) -> {
                        if (!v.equals(request.version())) refused.add("cluster: node " + node + " runs tcpemu " + v + ", this is tcpemu "
                                + request.version() + ": refused (run the same version on every node)");
                    });
                    if (!refused.isEmpty()) return finish(CLUSTER_FAILED, String.join("\n", refused));
                    return validating();
                })
                .onMessage(Timeout.class, m -> finish(CLUSTER_FAILED, silent(versions.keySet(), "say its version")))
                .onMessage(Stop.class, m -> finish(ScenarioRun.INTERRUPTED, "cluster: interrupted before the run started"))
                .onMessage(NodesListed.class, m -> Behaviors.same())
                .build();
    }

    private String silent(java.util.Set<String> answered, String what) {
        List<String> quiet = nodes.stream().map(NodeName::of).filter(n -> !answered.contains(n)).toList();
        return "cluster: node " + String.join(", ", quiet) + " did not " + what + " within " + seconds(ANSWER);
    }

    // ---- phase 3: every node checks the scenario

    private Behavior<Command> validating() {
        ActorRef<NodeWorker.Validated> replies = ctx.messageAdapter(NodeWorker.Validated.class, Checked::new);
        for (ActorRef<NodeWorker.Command> n : nodes) n.tell(new NodeWorker.Validate(request.job(), replies));
        timers.startSingleTimer(Timeout.INSTANCE, ANSWER);
        return validating(new TreeMap<>());
    }

    private Behavior<Command> validating(Map<String, List<String>> checked) {
        return Behaviors.receive(Command.class)
                .onMessage(Checked.class, m -> {
                    checked.put(m.result().node(), m.result().problems());
                    if (checked.size() < nodes.size()) return Behaviors.same();
                    List<String> refused = new ArrayList<>();
                    checked.forEach((node, problems) -> problems.forEach(p -> refused.add("cluster: node " + node + ": " + p)));
                    if (!refused.isEmpty()) return finish(INVALID, String.join("\n", refused));
                    timers.cancel(Timeout.INSTANCE);
                    return place(0);
                })
                .onMessage(Timeout.class, m -> finish(CLUSTER_FAILED, silent(checked.keySet(), "check the scenario")))
                .onMessage(Stop.class, m -> finish(ScenarioRun.INTERRUPTED, "cluster: interrupted before the run started"))
                .onMessage(NodesListed.class, m -> Behaviors.same())
                .build();
    }

    // ---- phase 4: the run

    private Behavior<Command> place(int busy) {
        if (busy >= nodes.size()) return finish(CLUSTER_FAILED, "cluster: every node is busy with another run; try again when one is free");
        Placement placement = Placement.of(nodes, busy);
        Placement.Partition p = placement.partitions().get(0);
        ActorRef<ClusterEvent.MemberEvent> members = ctx.messageAdapter(ClusterEvent.MemberEvent.class, MemberChanged::new);
        ActorRef<ClusterEvent.ReachabilityEvent> reach = ctx.messageAdapter(ClusterEvent.ReachabilityEvent.class, ReachabilityChanged::new);
        Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(members, ClusterEvent.MemberEvent.class));
        Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(reach, ClusterEvent.ReachabilityEvent.class));
        ctx.watch(p.node());
        p.node().tell(new NodeWorker.Start(request.job(), ctx.messageAdapter(RunEvent.class, Event::new), placement.nodes()));
        return running(placement, busy, new Reached());
    }

    /** How far the run got, for an error that ends it early. */
    private static final class Reached {
        String label = "";
        long micros;

        String where() {
            return String.format(Locale.ROOT, "%.3f s of emulated time%s", micros / 1e6, label.isEmpty() ? "" : " (point " + label + ")");
        }
    }

    private Behavior<Command> running(Placement placement, int busy, Reached reached) {
        Placement.Partition p = placement.partitions().get(0);
        return Behaviors.receive(Command.class)
                .onMessage(Event.class, m -> onEvent(m.event(), p, busy, reached))
                .onMessage(MemberChanged.class, m -> {
                    ClusterEvent.MemberEvent e = m.event();
                    boolean gone = e instanceof ClusterEvent.MemberLeft || e instanceof ClusterEvent.MemberExited
                            || e instanceof ClusterEvent.MemberRemoved || e instanceof ClusterEvent.MemberDowned;
                    Placement.Partition left = placement.on(NodeName.of(e.member().address()));
                    if (!gone || left == null) return Behaviors.same();
                    return lost(left, "left the cluster", reached);
                })
                .onMessage(ReachabilityChanged.class, m -> {
                    if (!(m.event() instanceof ClusterEvent.UnreachableMember u)) return Behaviors.same();
                    Placement.Partition unreachable = placement.on(NodeName.of(u.member().address()));
                    if (unreachable == null) return Behaviors.same();
                    // Down it at once (the resolver would, after stable-after): until it is down this submitter
                    // cannot finish leaving, and a submitter that ends half-left makes the resolver down every node.
                    Cluster.get(ctx.getSystem()).manager().tell(new Down(u.member().address()));
                    return lost(unreachable, "became unreachable (the failure detector's verdict)", reached);
                })
                .onMessage(Stop.class, m -> {
                    p.node().tell(new NodeWorker.Abort());
                    return Behaviors.same();
                })
                .onMessage(NodesListed.class, m -> Behaviors.same())
                .onSignal(Terminated.class, t -> lost(p, "stopped its worker", reached))
                .build();
    }

    private Behavior<Command> onEvent(RunEvent e, Placement.Partition p, int busy, Reached reached) {
        if (e instanceof RunEvent.Progress pr) {
            reached.label = pr.label();
            reached.micros = pr.micros();
        } else if (e instanceof RunEvent.Output o) {
            PrintStream to = o.err() ? err : out;
            to.print(o.text());
            to.flush();
        } else if (e instanceof RunEvent.FileChunk c) {
            results.write(c);
        } else if (e instanceof RunEvent.Accepted a) {
            err.println("cluster: running on node " + a.node() + " (" + nodes.size() + " up)");
        } else if (e instanceof RunEvent.Busy) {
            ctx.unwatch(p.node());
            return place(busy + 1);
        } else if (e instanceof RunEvent.Finished f) {
            ctx.unwatch(p.node());
            return finish(f.status(), null);
        }
        return Behaviors.same();
    }

    private Behavior<Command> lost(Placement.Partition p, String what, Reached reached) {
        String line = "cluster: node " + p.name() + " " + what + " at " + reached.where()
                + "; the run ended early, the points it finished are in " + request.dir();
        results.failure(line);
        return finish(CLUSTER_FAILED, line);
    }

    private Behavior<Command> finish(int status, String line) {
        if (line != null) {
            err.println(line);
            err.flush();
        }
        out.flush();
        done.complete(status);
        return Behaviors.stopped();
    }

    private static String seconds(Duration d) { return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms"; }
}
