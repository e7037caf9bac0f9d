package io.tcpemu.workload;

import io.tcpemu.runtime.SocketRef;

/** One accepted connection as the server application keeps it. */
final class ServerConn {
    final SocketRef socket;
    /** Bytes of the current request received so far. */
    int offset;
    /** The current request's first byte: keep-alive or close. */
    byte marker;
    boolean closed;

    ServerConn(SocketRef socket) { this.socket = socket; }
}
