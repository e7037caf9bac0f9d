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

    static Behavior<SocketEvent> create(LoadStats stats, Mode mode) {
        return Behaviors.receive(SocketEvent.class)
                .onMessage(SocketEvent.Connected.class, m -> {
                    stats.connected++;
                    if (mode == Mode.LIFECYCLE) m.socket().endpoint().tell(new Endpoint.Write(REQUEST, null));
                    return Behaviors.same();
                })
                .onMessage(SocketEvent.Data.class, m -> {
                    stats.responses++;
                    m.socket().endpoint().tell(new Endpoint.Close(null));
                    return Behaviors.same();
                })
                .onMessage(SocketEvent.Closed.class, m -> { stats.closed++; return Behaviors.same(); })
                .onMessage(SocketEvent.Failed.class, m -> { stats.failed++; return Behaviors.same(); })
                .onMessage(SocketEvent.Reset.class, m -> { stats.resets++; return Behaviors.same(); })
                .onAnyMessage(m -> Behaviors.same())
                .build();
    }
}
