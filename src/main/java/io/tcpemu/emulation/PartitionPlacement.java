package io.tcpemu.emulation;

import io.tcpemu.runtime.Link;
import io.tcpemu.runtime.LinkSpec;
import io.tcpemu.runtime.Network;
import io.tcpemu.runtime.Spawner;
import io.tcpemu.time.Partitions;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;

import java.util.List;

/**
 * Spawns each host into its partition's actor system, and splits a link direction whose hosts
 * are apart: its receiving end, under the same name, goes to the receiver's system, and the
 * sending end hands it each segment ({@link Link.Arrive}) through the window protocol, which the
 * receiving end takes on its own partition's thread ({@link Link.Arrivals}). A
 * partition another node runs has no system here (null): nothing of it is spawned in this JVM.
 */
final class PartitionPlacement implements Network.Placement {
    private final HostPlacement placement;
    private final Partitions partitions;
    private final List<ActorSystem<Void>> systems;

    /** @param systems partition k's system at index k, null where another node runs it */
    PartitionPlacement(HostPlacement placement, Partitions partitions, List<ActorSystem<Void>> systems) {
        this.placement = placement;
        this.partitions = partitions;
        this.systems = systems;
    }

    @Override
    public Spawner spawner(String host) {
        ActorSystem<Void> system = systems.get(placement.of(host));
        return system == null ? null : Spawner.of(system);
    }

    @Override
    public Link.FarEnd apart(LinkSpec link, Behavior<Link.Command> receivingEnd, Link.Arrivals arrivals, String name) {
        int to = placement.of(link.to());
        if (placement.of(link.from()) == to) return null;
        String what = link.name();
        if (systems.get(to) != null) {
            ActorRef<Link.Command> end = Spawner.of(systems.get(to)).spawn(receivingEnd, name);
            partitions.receiveOn(what, end, arrival -> arrivals.arrive((Link.Arrive) arrival), arrival -> end.tell((Link.Arrive) arrival));
        }
        return (now, arrival) -> partitions.handOver(to, now, arrival.at(), what, (Object) arrival);
    }
}
