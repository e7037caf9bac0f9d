package io.tcpemu.cluster;

import io.tcpemu.config.Settings;
import io.tcpemu.emulation.PartitionSites;
import io.tcpemu.time.RemotePartition;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the partitions of the run this node drives go: partition k to the k-th node of the run's
 * placement, round the list ({@link Placement#nodeOf}); those on this node stay in its JVM, the
 * rest are served by their node ({@link PartitionHost}) and driven through {@link NodePartition}.
 * Watches membership and reachability, so a window waiting on a lost node fails at the verdict.
 */
final class ClusterSites implements PartitionSites, AutoCloseable {
    /** Generous: the serving node builds an actor system for the partition. */
    private static final Duration START = Duration.ofSeconds(60);

    private final ActorSystem<?> system;
    private final List<ActorRef<NodeWorker.Command>> nodes;
    private final ActorRef<NodeWorker.Command> self;
    private final List<NodePartition> opened = new CopyOnWriteArrayList<>();
    private final ActorRef<Object> watcher;
    private static final Object STOP = new Object();

    private final java.util.function.Consumer<String> log;

    /**
     * @param nodes the run's nodes, this one ({@code self}) first
     * @param log   gets a line per partition served elsewhere as each emulation ends (the node's console)
     */
    ClusterSites(ActorSystem<?> system, List<ActorRef<NodeWorker.Command>> nodes, ActorRef<NodeWorker.Command> self, java.util.function.Consumer<String> log) {
        this.system = system;
        this.log = log;
        this.nodes = List.copyOf(nodes);
        this.self = self;
        this.watcher = system.systemActorOf(watch(), "partition-watch-" + System.nanoTime(), Props.empty());
        WireBytes.Counters wire = WireBytes.of(system);
        this.wireAtStart = wire == null ? null : new WireBytes.Tally[] {wire.sent(), wire.received()};
    }

    /** What Artery had carried when this run began, sent and received (null: no counter). */
    private final WireBytes.Tally[] wireAtStart;

    @Override public RemotePartition remote(int partition, int count, Settings settings, java.util.function.BooleanSupplier traced) {
        ActorRef<NodeWorker.Command> node = Placement.nodeOf(partition, nodes);
        if (node.equals(self)) return null;
        String gone = lostNodes.get(NodeName.of(node));
        if (gone != null) throw new IllegalStateException(gone);   // a later point of the run: fail at once, not after the ask's timeout
        String text = settings.renderEffective();
        NodeWorker.Serving serving;
        try {
            serving = AskPattern.<NodeWorker.Command, NodeWorker.Serving>ask(node,
                    r -> new NodeWorker.Serve(text, count, partition, self, r), START, system.scheduler()).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw new IllegalStateException("cluster: node " + NodeName.of(node) + " did not start partition " + partition + ": " + e.getCause().getMessage());
        }
        NodePartition p = new NodePartition(system, NodeName.of(node), partition, serving.host(), traced, log);
        opened.add(p);
        return p;
    }

    private final java.util.Map<String, String> lostNodes = new java.util.concurrent.ConcurrentHashMap<>();

    private void lost(String node, String why) {
        lostNodes.putIfAbsent(node, "cluster: node " + node + " " + why);
        for (NodePartition p : opened) if (p.node().equals(node)) p.lost("cluster: node " + node + " " + why);
    }

    private Behavior<Object> watch() {
        return Behaviors.setup(ctx -> {
            Cluster.get(system).subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
            Cluster.get(system).subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberEvent.class));
            return Behaviors.receiveMessage(m -> {
                if (m == STOP) return Behaviors.stopped();
                if (m instanceof ClusterEvent.UnreachableMember u) lost(NodeName.of(u.member().address()), "became unreachable (the failure detector's verdict)");
                else if (m instanceof ClusterEvent.MemberRemoved || m instanceof ClusterEvent.MemberLeft || m instanceof ClusterEvent.MemberExited
                        || m instanceof ClusterEvent.MemberDowned) lost(NodeName.of(((ClusterEvent.MemberEvent) m).member().address()), "left the cluster");
                return Behaviors.same();
            });
        });
    }

    /** What the partitions served elsewhere cost so far: the busiest one's windows and wait, and Artery's bytes each way. */
    record Cost(long windows, long waitedNanos, long bytesSent, long bytesReceived) {}

    /** The cost of the run so far; ask it before {@link #close}. */
    Cost cost() {
        long windows = 0, waited = 0;
        for (NodePartition p : opened) {
            windows = Math.max(windows, p.windows());
            waited = Math.max(waited, p.waitedNanos());
        }
        WireBytes.Counters wire = WireBytes.of(system);
        if (wire == null || wireAtStart == null) return new Cost(windows, waited, 0, 0);
        return new Cost(windows, waited, wire.sent().since(wireAtStart[0]).bytes(), wire.received().since(wireAtStart[1]).bytes());
    }

    /** Closes what a point left open (a run that ended by an error) and stops watching. */
    @Override public void close() {
        boolean spread = !opened.isEmpty();
        for (NodePartition p : opened) p.close();
        WireBytes.Counters wire = WireBytes.of(system);
        if (spread && wire != null && wireAtStart != null) {
            log.accept("network in this run: sent " + wire.sent().since(wireAtStart[0]).describe());
            log.accept("network in this run: received " + wire.received().since(wireAtStart[1]).describe());
        }
        opened.clear();
        watcher.tell(STOP);
    }
}
