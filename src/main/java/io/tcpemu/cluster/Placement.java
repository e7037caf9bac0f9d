package io.tcpemu.cluster;

import org.apache.pekko.actor.typed.ActorRef;

import java.util.Comparator;
import java.util.List;

/**
 * Where the parts of one emulation run, fixed for the whole run. A partition is an actor reference,
 * local or remote, so the coordinator treats a partition in this JVM and one on another machine
 * alike. Until partitioned virtual time exists there is one partition, the whole emulation, on one
 * node; with partitions, each gets a node of its own and the coordinator grants their windows
 * (docs/DESIGN.md, "One emulation on a cluster").
 */
public record Placement(List<Partition> partitions) {
    /** Partition {@code index} of the emulation, carried out by {@code node}. */
    public record Partition(int index, String name, ActorRef<NodeWorker.Command> node) {}

    /**
     * The whole emulation as one partition on the first of {@code candidates} in name order, so the
     * same cluster places the same run the same way; {@code skip} of them are busy.
     */
    static Placement whole(List<ActorRef<NodeWorker.Command>> candidates, int skip) {
        List<ActorRef<NodeWorker.Command>> ordered = candidates.stream().sorted(Comparator.comparing(NodeName::of)).toList();
        ActorRef<NodeWorker.Command> chosen = ordered.get(skip);
        return new Placement(List.of(new Partition(0, NodeName.of(chosen), chosen)));
    }

    /** The partition carried out by the node of that host:port, or null. */
    Partition on(String node) {
        for (Partition p : partitions) if (p.name().equals(node)) return p;
        return null;
    }
}
