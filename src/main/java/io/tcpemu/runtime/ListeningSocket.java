package io.tcpemu.runtime;

import org.apache.pekko.actor.typed.ActorRef;

import java.util.concurrent.CompletionStage;

/** A listening socket from {@link Sockets#listen}: accept connections, or close it. */
public final class ListeningSocket {
    private final Sockets sockets;
    private final ActorRef<Host.Command> host;
    private final String hostName;
    private final int port;

    ListeningSocket(Sockets sockets, ActorRef<Host.Command> host, String hostName, int port) {
        this.sockets = sockets;
        this.host = host;
        this.hostName = hostName;
        this.port = port;
    }

    public String host() { return hostName; }
    public int port() { return port; }

    /** accept(2): the next established connection from the accept queue (waits for one). */
    public CompletionStage<ConnectedSocket> accept() {
        return sockets.askHost(host, r -> new Host.Accept(port, r))
                .thenApply(e -> new ConnectedSocket(sockets, ((SocketEvent.Accepted) e).socket()));
    }

    /** close(2) on the listener: connections not yet accepted are reset. */
    public void close() { host.tell(new Host.Unlisten(port)); }

    @Override public String toString() { return hostName + ":" + port + " (listening)"; }
}
