package io.tcpemu.pkt;

import io.tcpemu.tcp.SockAddr;

/**
 * A socket call as the runner hands it to the {@link Target}, after packetdrill's conventions are
 * applied (file descriptors chosen, {@code ...} addresses filled in). Sockets are named by fd.
 */
public sealed interface SocketCall {
    int fd();

    record Socket(int fd) implements SocketCall {}
    record Bind(int fd, SockAddr local) implements SocketCall {}
    record Listen(int fd, int backlog) implements SocketCall {}
    /** Take a connection from the listener {@code fd}; it becomes {@code newFd}. Returns newFd. */
    record Accept(int fd, int newFd) implements SocketCall {}
    record Connect(int fd, SockAddr remote) implements SocketCall {}
    /** Write {@code bytes} bytes of filler; returns how many were taken. */
    record Write(int fd, int bytes) implements SocketCall {}
    /** Read up to {@code max} bytes; returns how many (0 at end of stream). */
    record Read(int fd, int max) implements SocketCall {}
    /** shutdown(2): {@code read} for SHUT_RD or SHUT_RDWR, {@code write} for SHUT_WR or SHUT_RDWR. */
    record Shutdown(int fd, boolean read, boolean write) implements SocketCall {
        /** shutdown(SHUT_WR). */
        public Shutdown(int fd) { this(fd, false, true); }
    }
    record Close(int fd) implements SocketCall {}
    /**
     * getsockopt(SO_ERROR): completes with the socket's pending error as its errno (and clears it,
     * as the kernel does), or with 0 when there is none.
     */
    record TakeError(int fd) implements SocketCall {}
    /**
     * poll(2) on one fd for connect and accept readiness: completes with the ready events (the
     * POLL* bits, masked as the kernel masks them) as its value once some are, or with 0 after
     * {@code timeoutMillis} (-1: never).
     */
    record Poll(int fd, int events, long timeoutMillis) implements SocketCall {}
    record SetReuseAddr(int fd, boolean on) implements SocketCall {}
    record SetLinger(int fd, Linger linger) implements SocketCall {}
    /**
     * setsockopt(SO_RCVBUF, {@code requested}) before connect, or on a listener; returns 0. On a socket
     * with a connection it is not modelled: the target throws {@link UnsupportedOperationException}.
     */
    record SetReceiveBuffer(int fd, long requested) implements SocketCall {}
    /** getsockopt(SO_RCVBUF): completes with the receive buffer the profile gives the socket, bytes. */
    record ReceiveBuffer(int fd) implements SocketCall {}
    /** fcntl O_NONBLOCK: calls that would block fail with EINPROGRESS or EAGAIN instead. */
    record SetNonBlocking(int fd, boolean on) implements SocketCall {}
}
