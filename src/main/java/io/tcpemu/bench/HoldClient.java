package io.tcpemu.bench;

import io.tcpemu.runtime.SocketEvent;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** The clients' side of the memory test, for every client connection at once: it counts them and keeps them open. */
final class HoldClient {
    private HoldClient() {}

    /** One function over the sealed events (no receive builder's case search: it sees every connection). */
    static Behavior<SocketEvent> create(LoadStats stats) {
        return Behaviors.receive((ctx, event) -> {
            if (event instanceof SocketEvent.Connected) stats.connected++;
            else if (event instanceof SocketEvent.Failed) stats.failed++;
            return Behaviors.same();
        });
    }
}
