package io.tcpemu.pkt;

import io.tcpemu.tcp.Segment;

/**
 * The host under test, as the runner drives it: an emulated host in virtual time whose outgoing
 * segments toward the script's peer are captured rather than delivered. The runtime adapter
 * implements this over a {@code Host} actor; tests may implement it directly.
 */
public interface Target {

    /** A segment the host sent toward the peer, and when (emulated microseconds). */
    record Sent(long at, Segment segment) {}

    /** Emulated now, microseconds since the run started. */
    long now();

    /** Lets emulated time run up to {@code micros} (timers fire, segments are captured). */
    void runUntil(long micros);

    /**
     * The earliest captured segment not yet taken, if it was sent at or before {@code deadline};
     * otherwise runs time on to {@code deadline} (stopping early when a segment is sent) and
     * returns it, or null if none was sent by then.
     */
    Sent nextSent(long deadline);

    /** Delivers a segment from the peer to the host now (as the runtime's Host.Deliver). */
    void inject(Segment segment);

    /**
     * Starts a socket call now and lets the host handle it without moving time. The returned
     * handle is complete if the call finished at once; otherwise the target completes it later.
     */
    PendingCall call(SocketCall call);
}
