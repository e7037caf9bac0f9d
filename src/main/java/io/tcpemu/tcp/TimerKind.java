package io.tcpemu.tcp;

/** The timers a connection may arm; each kind has at most one deadline at a time. */
public enum TimerKind {
    /** RFC 6298 retransmission of SYN, SYN-ACK, FIN or data. */
    RETRANSMIT,
    /** 2·MSL in TIME-WAIT (or the configured TIME-WAIT length). */
    TIME_WAIT,
    /** Linux's tcp_fin_timeout: an orphaned FIN-WAIT-2 connection is closed after this. */
    FIN_WAIT_2,
    /** Zero-window probe: the peer's window is shut and we have data, so ask again later (RFC 9293 §3.8.6.1). */
    PERSIST,
    /** Linux's delayed ACK: the ACK of in-order data waits for a segment of ours to ride on, or this. */
    DELAYED_ACK
}
