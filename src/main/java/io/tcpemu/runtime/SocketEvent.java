package io.tcpemu.runtime;

/**
 * What a socket's owner (a workload actor, or the {@link Sockets} facade) hears from hosts and
 * endpoints. Workloads receive these by message and never ask.
 */
public sealed interface SocketEvent extends WireMessage {
    /** How an owner wants to hear about a socket. */
    enum Delivery {
        /** Every event, and received bytes pushed as {@link Data} (workload actors). */
        PUSH,
        /** Only the call's result (Connected, Accepted, Listening or Failed); bytes are pulled with {@code Read}. */
        PULL
    }

    /** The listener on {@code port} is bound and listening. */
    record Listening(String host, int port) implements SocketEvent {}

    /** A non-blocking connect ({@link Host.ConnectNonBlocking}) sent its SYN: the socket, still connecting. */
    record Connecting(SocketRef socket) implements SocketEvent {}

    /** The handshake of an outgoing connection completed. */
    record Connected(SocketRef socket) implements SocketEvent {}

    /** An incoming connection completed its handshake and was taken from the accept queue. */
    record Accepted(SocketRef socket, int listenPort) implements SocketEvent {}

    /** A call failed. {@code socket} is null when the failure came before a connection existed. */
    record Failed(SocketRef socket, String call, Errno errno) implements SocketEvent {
        public ErrnoException exception() { return new ErrnoException(errno, call); }
    }

    /** Bytes received in order (PUSH delivery only). */
    record Data(SocketRef socket, byte[] bytes) implements SocketEvent {}

    /** The peer sent FIN: no more bytes will come. */
    record Eof(SocketRef socket) implements SocketEvent {}

    /** The peer reset the connection (ECONNRESET). */
    record Reset(SocketRef socket) implements SocketEvent {}

    /** The connection is gone from this end (CLOSED, or handed to the host's TIME-WAIT table). */
    record Closed(SocketRef socket) implements SocketEvent {}
}
