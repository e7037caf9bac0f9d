package io.tcpemu.bench;

import io.tcpemu.runtime.SocketEvent;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** The server's side of the memory test: it listens and counts the connections it accepted. */
final class HoldServer {
    private HoldServer() {}

    static Behavior<SocketEvent> create(LoadStats stats) {
        return Behaviors.receive((ctx, event) -> {
            if (event instanceof SocketEvent.Accepted) {
                stats.accepted++;
            } else if (event instanceof SocketEvent.Listening) {
                stats.listening = true;
            } else if (event instanceof SocketEvent.Failed f && f.socket() == null) {
                stats.listenError = f.call() + ": " + f.errno();
            }
            return Behaviors.same();
        });
    }
}
