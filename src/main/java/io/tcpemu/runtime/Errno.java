package io.tcpemu.runtime;

/** The errno values a socket call can end with, named as POSIX names them. */
public enum Errno {
    /** A RST answered the SYN: nobody listens on that port. */
    ECONNREFUSED("connection refused"),
    /** The SYN (or data) was retransmitted until the retries ran out. */
    ETIMEDOUT("connection timed out"),
    /** No local port gives a free 4-tuple toward that peer. */
    EADDRNOTAVAIL("cannot assign requested address"),
    /** The port is taken (or held by TIME-WAIT without SO_REUSEADDR). */
    EADDRINUSE("address already in use"),
    /** The peer reset an established connection. */
    ECONNRESET("connection reset by peer"),
    /** Writing after this side shut down sending, or after the connection ended. */
    EPIPE("broken pipe"),
    /** The connection was aborted on this side before it completed. */
    ECONNABORTED("software caused connection abort"),
    /** No link leads from this host to the destination address. */
    ENETUNREACH("network is unreachable"),
    /** The call needs a connection, and there is none (yet or any more). */
    ENOTCONN("transport endpoint is not connected"),
    /** Arguments that make no sense: no such host, port out of range, no listener on that port. */
    EINVAL("invalid argument"),
    /** A non-blocking call that would have to wait: a write while the connect is still pending. */
    EAGAIN("resource temporarily unavailable"),
    /** A second connect while the first is pending. */
    EALREADY("operation already in progress"),
    /** A connect on a socket that is already connected. */
    EISCONN("transport endpoint is already connected"),
    /** A non-blocking connect has sent its SYN; the outcome comes later (SO_ERROR, poll). */
    EINPROGRESS("operation now in progress");

    private final String message;

    Errno(String message) { this.message = message; }

    /** The strerror(3) text. */
    public String message() { return message; }
}
