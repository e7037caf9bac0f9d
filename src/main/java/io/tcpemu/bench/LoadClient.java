package io.tcpemu.bench;

import io.tcpemu.runtime.Endpoint;
import io.tcpemu.runtime.SocketEvent;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The clients' side of the benchmark workload, for every client connection at once: on
 * connect it sends a small request, on the response it closes first (so the client end goes
 * through TIME-WAIT). In {@link Mode#HOLD} it only counts connections and keeps them open.
 */
final class LoadClient {
    private LoadClient() {}

    enum Mode { LIFECYCLE, HOLD }

    static final byte[] REQUEST = new byte[64];

    /** One function over the sealed events (no receive builder's case search: it sees every connection). */
    static Behavior<SocketEvent> create(LoadStats stats, Mode mode) {
        return Behaviors.receive((ctx, event) -> {
            if (event instanceof SocketEvent.Connected c) {
                stats.connected++;
                if (mode == Mode.LIFECYCLE) c.socket().endpoint().tell(new Endpoint.Write(REQUEST, null));
            } else if (event instanceof SocketEvent.Data d) {
                stats.responses++;
                d.socket().endpoint().tell(new Endpoint.Close(null));
            } else if (event instanceof SocketEvent.Closed) {
                stats.closed++;
            } else if (event instanceof SocketEvent.Failed) {
                stats.failed++;
            } else if (event instanceof SocketEvent.Reset) {
                stats.resets++;
            }
            return Behaviors.same();
        });
    }
}
