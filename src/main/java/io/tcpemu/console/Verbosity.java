package io.tcpemu.console;

/** How much of the trace the console shows as it happens. */
public enum Verbosity {
    /** Only what a socket's owner would hear: connected, reset, timed out, failed calls. */
    QUIET,
    /** State changes, segments sent, drops, timeouts and host events (the default). */
    NORMAL,
    /** Everything: also deliveries, timers armed and cancelled, socket calls. */
    VERBOSE
}
