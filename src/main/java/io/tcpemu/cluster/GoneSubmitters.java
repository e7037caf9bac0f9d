package io.tcpemu.cluster;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * On every node: a submitter that cannot be reached has ended or crashed, so it is downed at once.
 * Left unreachable, its last view of the others (say, a node it saw die) lingers in the gossip, and
 * the split-brain resolver reads that as "indirectly connected" members and downs every node —
 * leaving none for the next run. Its run, if any, is ended by the node watching it.
 */
final class GoneSubmitters {
    private GoneSubmitters() {}

    static Behavior<ClusterEvent.UnreachableMember> create() {
        return Behaviors.setup(ctx -> {
            Cluster cluster = Cluster.get(ctx.getSystem());
            cluster.subscriptions().tell(Subscribe.create(ctx.getSelf(), ClusterEvent.UnreachableMember.class));
            return Behaviors.receiveMessage(u -> {
                if (u.member().hasRole(ClusterSystem.SUBMITTER_ROLE)) cluster.manager().tell(new Down(u.member().address()));
                return Behaviors.same();
            });
        });
    }
}
