package io.tcpemu.cluster;

import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;

/** How a node is named to a user: its host:port. */
final class NodeName {
    private NodeName() {}

    static String of(Address a) { return a.host().getOrElse(() -> "local") + ":" + a.port().getOrElse(() -> 0); }

    static String of(ActorRef<?> ref) { return of(ref.path().address()); }
}
