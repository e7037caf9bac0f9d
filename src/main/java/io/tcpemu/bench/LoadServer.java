package io.tcpemu.bench;

import io.tcpemu.runtime.Endpoint;
import io.tcpemu.runtime.SocketEvent;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** The server's side: answers each request with a small response and closes after the client does. */
final class LoadServer {
    private LoadServer() {}

    static final byte[] RESPONSE = new byte[256];

    static Behavior<SocketEvent> create(LoadStats stats) {
        return Behaviors.receive(SocketEvent.class)
                .onMessage(SocketEvent.Listening.class, m -> { stats.listening = true; return Behaviors.same(); })
                .onMessage(SocketEvent.Accepted.class, m -> { stats.accepted++; return Behaviors.same(); })
                .onMessage(SocketEvent.Data.class, m -> {
                    m.socket().endpoint().tell(new Endpoint.Write(RESPONSE, null));
                    return Behaviors.same();
                })
                .onMessage(SocketEvent.Eof.class, m -> {
                    m.socket().endpoint().tell(new Endpoint.Close(null));
                    return Behaviors.same();
                })
                .onMessage(SocketEvent.Closed.class, m -> { stats.serverClosed++; return Behaviors.same(); })
                .onMessage(SocketEvent.Failed.class, m -> {
                    if (m.socket() == null) stats.listenError = m.call() + ": " + m.errno();
                    return Behaviors.same();
                })
                .onAnyMessage(m -> Behaviors.same())
                .build();
    }
}
