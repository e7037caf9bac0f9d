package io.tcpemu.tcp;

/** The timers a connection may arm; each kind has at most one deadline at a time. */
public enum TimerKind {
    /** RFC 6298 retransmission of SYN, SYN-ACK, FIN or data. */
    RETRANSMIT,
    /** 2·MSL in TIME-WAIT (or the configured TIME-WAIT length). */
    TIME_WAIT,
    /** Linux's tcp_fin_timeout: an orphaned FIN-WAIT-2 connection is closed after this. */
    FIN_WAIT_2
}
