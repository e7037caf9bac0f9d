package io.tcpemu.cluster;

import io.tcpemu.emulation.Emulation;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * This JVM as the first node of a cluster on 127.0.0.1 that drives emulations itself, their
 * partitions placed on the nodes it is given as a submitted run's are ({@link Placement#nodeOf}):
 * {@code tcpemu bench --nodes} spreads one emulation over node processes of this machine with it.
 * The emulation runs on the calling thread, as on a node that runs a submitted one ({@link JobRun}).
 * <pre>
 *   try (DrivingNode here = DrivingNode.found("0.1.0")) {
 *       // start 'tcpemu node --seed-nodes ' + here.address() twice
 *       List&lt;ActorRef&lt;NodeWorker.Command&gt;&gt; nodes = here.awaitNodes(3, Duration.ofMinutes(5));
 *       DrivingNode.Spread&lt;R&gt; s = here.run(nodes, () -&gt; runTheEmulation());
 *   }
 * </pre>
 */
public final class DrivingNode implements AutoCloseable {
    /**
     * What one emulation run over the nodes gave, and what its partitions elsewhere cost.
     *
     * @param windows     windows asked of the busiest served partition
     * @param waitedNanos wall time the driver waited for that partition's reports, the longest of them
     * @param bytesSent   bytes Artery sent from this JVM during the run (windows, and anything else)
     * @param bytesReceived bytes it received (reports with their segments, trace and news)
     */
    public record Spread<T>(T result, long windows, long waitedNanos, long bytesSent, long bytesReceived) {}

    private final ActorSystem<NodeWorker.Command> system;

    private DrivingNode(ActorSystem<NodeWorker.Command> system) { this.system = system; }

    /** Founds a cluster on 127.0.0.1 at a free port, this JVM its first node, running tcpemu {@code version}. */
    public static DrivingNode found(String version) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        ActorSystem<NodeWorker.Command> system = ClusterSystem.start(NodeWorker.create(version, quiet), "127.0.0.1", 0, List.of(), ClusterSystem.NODE_ROLE);
        ClusterSystem.joinSelfIfFirst(system, List.of());
        return new DrivingNode(system);
    }

    /** host:port, for the other nodes' {@code --seed-nodes}. */
    public String address() { return ClusterSystem.self(system); }

    /**
     * The nodes, this one first and the others in name order, once {@code n} are up.
     *
     * @throws IllegalStateException fewer than {@code n} after {@code wait}, naming how many
     */
    public List<ActorRef<NodeWorker.Command>> awaitNodes(int n, Duration wait) throws InterruptedException {
        long until = System.nanoTime() + wait.toNanos();
        List<ActorRef<NodeWorker.Command>> up = List.of();
        while (System.nanoTime() < until) {
            Receptionist.Listing listing = AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                    r -> Receptionist.find(NodeWorker.KEY, r), Duration.ofSeconds(10), system.scheduler()).toCompletableFuture().join();
            up = ordered(listing.getServiceInstances(NodeWorker.KEY));
            if (up.size() >= n) return up.subList(0, n);
            Thread.sleep(500);
        }
        throw new IllegalStateException("cluster: " + up.size() + " of " + n + " nodes up at " + address() + " after " + wait.toSeconds() + " s");
    }

    /** This node (the one whose address is local) first, then the others by host:port. */
    private static List<ActorRef<NodeWorker.Command>> ordered(java.util.Collection<ActorRef<NodeWorker.Command>> nodes) {
        List<ActorRef<NodeWorker.Command>> out = new ArrayList<>();
        nodes.stream().filter(r -> r.path().address().hasLocalScope()).forEach(out::add);
        nodes.stream().filter(r -> !r.path().address().hasLocalScope()).sorted(Comparator.comparing(NodeName::of)).forEach(out::add);
        return out;
    }

    /**
     * Runs {@code emulation} on this thread with the partitions of the emulations it builds from
     * settings placed on {@code nodes} in turn (the first, this one, runs partition 0).
     */
    public <T> Spread<T> run(List<ActorRef<NodeWorker.Command>> nodes, Supplier<T> emulation) {
        ClusterSites sites = new ClusterSites(system, nodes, nodes.get(0), line -> { });
        try (sites; AutoCloseable spread = Emulation.runPartitionsOn(sites)) {
            T result = emulation.get();
            ClusterSites.Cost cost = sites.cost();
            return new Spread<>(result, cost.windows(), cost.waitedNanos(), cost.bytesSent(), cost.bytesReceived());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);   // closing them does not throw
        }
    }

    /** Leaves the cluster; the other nodes see this one gone. */
    @Override public void close() {
        // the transport's warnings about the nodes' connections as it goes would only clutter the bench's output
        system.classicSystem().eventStream().setLogLevel(org.apache.pekko.event.Logging.ErrorLevel());
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(ClusterSystem.LEAVE_TIMEOUT.toSeconds() + 10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // on its way out
        }
    }
}
