package io.tcpemu.workload;

import io.tcpemu.runtime.SocketRef;

/** One client connection as its driver keeps it: a few fields, no actor. */
final class ClientConn {
    final SocketRef socket;
    final ServerTarget server;
    final long connectedAt;
    long requestStart;
    long thinkUntil;
    int received;
    int requestsSent;
    /** A request is out and its response not yet complete. */
    boolean awaiting;
    /** The request out (or answered) is the last one on this connection. */
    boolean last;
    boolean thinking;
    boolean peerClosed;
    /** No more requests: this end closes, or waits for the server's FIN to close. */
    boolean closing;
    /** This end called close() or abort(), or the connection was reset. */
    boolean closed;

    ClientConn(SocketRef socket, ServerTarget server, long connectedAt) {
        this.socket = socket;
        this.server = server;
        this.connectedAt = connectedAt;
    }
}
