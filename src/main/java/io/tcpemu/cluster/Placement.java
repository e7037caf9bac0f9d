package io.tcpemu.cluster;

import org.apache.pekko.actor.typed.ActorRef;

import java.util.Comparator;
import java.util.List;

/**
 * Where one run goes, fixed for the whole run: the nodes in order, the first drives it (runs
 * {@code tcpemu run}'s code, partition 0 and the window protocol) and partition k of each of its
 * emulations runs on node k mod n ({@link #nodeOf}), so a scenario with {@code partitions = 3} on
 * three nodes has one partition on each. The same cluster places the same run the same way
 * (nodes in name order). docs/DESIGN.md, "One emulation on a cluster".
 */
public record Placement(List<Partition> partitions) {
    /** The {@code index}-th node of the run (0: the driver). */
    public record Partition(int index, String name, ActorRef<NodeWorker.Command> node) {}

    /** Every one of {@code candidates}, the driver the first of them in name order that is not busy ({@code skip} are). */
    static Placement of(List<ActorRef<NodeWorker.Command>> candidates, int skip) {
        List<ActorRef<NodeWorker.Command>> ordered = driverFirst(candidates, skip);
        List<Partition> all = new java.util.ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) all.add(new Partition(i, NodeName.of(ordered.get(i)), ordered.get(i)));
        return new Placement(List.copyOf(all));
    }

    /** The driver and the others, in order. */
    List<ActorRef<NodeWorker.Command>> nodes() { return partitions.stream().map(Partition::node).toList(); }

    /**
     * The run's nodes, the one that drives it first: {@code busy} of them in name order are
     * busy, the next drives, the rest serve its partitions.
     */
    static List<ActorRef<NodeWorker.Command>> driverFirst(List<ActorRef<NodeWorker.Command>> candidates, int busy) {
        List<ActorRef<NodeWorker.Command>> ordered = new java.util.ArrayList<>(candidates.stream().sorted(Comparator.comparing(NodeName::of)).toList());
        java.util.Collections.rotate(ordered, -busy);
        return List.copyOf(ordered);
    }

    /** The node of partition {@code k}: the run's nodes in turn, the driver's first (it runs partition 0). */
    static ActorRef<NodeWorker.Command> nodeOf(int k, List<ActorRef<NodeWorker.Command>> driverFirst) {
        return driverFirst.get(k % driverFirst.size());
    }

    /** The partition carried out by the node of that host:port, or null. */
    Partition on(String node) {
        for (Partition p : partitions) if (p.name().equals(node)) return p;
        return null;
    }
}
