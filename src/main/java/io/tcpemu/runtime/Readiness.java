package io.tcpemu.runtime;

/**
 * What poll(2) reports for a socket, as Linux's {@code tcp_poll} decides it: readable when bytes
 * wait or the peer finished (or reading was shut down), writable once connected with room in the
 * send buffer (and after a failure or SHUT_WR, so the next write reports it at once), an error
 * while SO_ERROR holds one, hang-up once both directions are over. While a connect is pending
 * nothing is ready. {@link #events()} gives the bits with Linux's values.
 */
public record Readiness(boolean readable, boolean writable, boolean error, boolean hangUp, boolean peerClosed)
        implements WireMessage {
    public static final int POLLIN = 0x001;
    public static final int POLLOUT = 0x004;
    public static final int POLLERR = 0x008;
    public static final int POLLHUP = 0x010;
    public static final int POLLRDNORM = 0x040;
    public static final int POLLWRNORM = 0x100;
    public static final int POLLRDHUP = 0x2000;

    /** A socket whose connection is over and whose error, if any, was reported. */
    public static final Readiness ENDED = new Readiness(true, true, false, true, true);

    /** The poll(2) event bits, as Linux sets them (POLLIN with POLLRDNORM, POLLOUT with POLLWRNORM). */
    public int events() {
        return (readable ? POLLIN | POLLRDNORM : 0) | (writable ? POLLOUT | POLLWRNORM : 0)
                | (error ? POLLERR : 0) | (hangUp ? POLLHUP : 0) | (peerClosed ? POLLRDHUP : 0);
    }
}
