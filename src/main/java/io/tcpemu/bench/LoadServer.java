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
        return Behaviors.receive((ctx, event) -> {
            if (event instanceof SocketEvent.Data d) {
                d.socket().endpoint().tell(new Endpoint.Write(RESPONSE, null));
            } else if (event instanceof SocketEvent.Eof e) {
                e.socket().endpoint().tell(new Endpoint.Close(null));
            } else if (event instanceof SocketEvent.Accepted) {
                stats.accepted++;
            } else if (event instanceof SocketEvent.Closed) {
                stats.serverClosed++;
            } else if (event instanceof SocketEvent.Listening) {
                stats.listening = true;
            } else if (event instanceof SocketEvent.Failed f && f.socket() == null) {
                stats.listenError = f.call() + ": " + f.errno();
            }
            return Behaviors.same();
        });
    }
}
