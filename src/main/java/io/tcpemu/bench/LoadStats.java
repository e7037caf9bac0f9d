package io.tcpemu.bench;

/**
 * What the load actors counted. Written only on the emulation thread; the driver reads it in a
 * {@code runUntil} condition (same thread) or after a drive returned.
 */
final class LoadStats {
    long issued;
    long connected;
    long failed;
    long responses;
    long closed;
    long resets;
    long accepted;
    long serverClosed;
    long peakOpen;
    boolean listening;
    String listenError;

    /** Client connections begun and not yet ended (handed to TIME-WAIT, closed or failed). */
    long open() { return issued - closed - failed; }

    /** Server connections accepted and not yet closed. */
    long serverOpen() { return accepted - serverClosed; }

    void opened() {
        issued++;
        long open = open();
        if (open > peakOpen) peakOpen = open;
    }
}
