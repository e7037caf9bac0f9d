package io.tcpemu.tcp;

/** What a connection tells its user (the socket layer above it). */
public enum Notice {
    /** The handshake completed: ESTABLISHED (or CLOSE-WAIT if a FIN came with it). */
    CONNECTED,
    /** New in-order bytes can be received. */
    READABLE,
    /** The peer's FIN was received: no more bytes will arrive. */
    END_OF_STREAM,
    /** Buffer space freed: more bytes can be sent. */
    WRITABLE,
    /** A RST ended a synchronized connection (ECONNRESET). */
    RESET,
    /** A RST ended a connection in CLOSE-WAIT, under Linux's rules: the peer had finished, so EPIPE. */
    RESET_AFTER_PEER_FIN,
    /** A RST answered our SYN (ECONNREFUSED). */
    REFUSED,
    /** Retransmissions gave up (ETIMEDOUT). */
    TIMED_OUT,
    /** The connection reached CLOSED and holds no more state. */
    CLOSED
}
