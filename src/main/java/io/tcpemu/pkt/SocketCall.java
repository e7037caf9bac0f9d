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
    /** shutdown(SHUT_WR). */
    record Shutdown(int fd) implements SocketCall {}
    record Close(int fd) implements SocketCall {}
    record SetReuseAddr(int fd, boolean on) implements SocketCall {}
    record SetLinger(int fd, Linger linger) implements SocketCall {}
    /** fcntl O_NONBLOCK: calls that would block fail with EINPROGRESS or EAGAIN instead. */
    record SetNonBlocking(int fd, boolean on) implements SocketCall {}
}
