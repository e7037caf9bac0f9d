package io.tcpemu.runtime;

import io.tcpemu.tcp.FourTuple;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A connected socket as its owner holds it: the endpoint actor to send calls to, the 4-tuple
 * (from this end), the host it lives on and the connection's id (as in the trace).
 */
public record SocketRef(ActorRef<Endpoint.Command> endpoint, FourTuple tuple, String host, long connId) {
    @Override public String toString() { return host + "#" + connId + " " + tuple; }
}
