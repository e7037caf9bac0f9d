package io.tcpemu.runtime;

import io.tcpemu.tcp.FourTuple;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A connected socket as its owner holds it: the actor of the host its endpoint lives in (calls go
 * there, addressed to this socket), the 4-tuple (from this end), the host's name and the
 * connection's id (as in the trace), which tells this connection from a later one on the same tuple.
 */
public record SocketRef(ActorRef<Host.Command> hostRef, FourTuple tuple, String host, long connId) {
    /** Hands {@code call} to the endpoint; if it is gone, nobody hears it (as a message to a stopped actor). */
    public void tell(Endpoint.Command call) { hostRef.tell(new Host.ToEndpoint(this, call, null)); }

    @Override public String toString() { return host + "#" + connId + " " + tuple; }
}
