package io.tcpemu.bench;

/**
 * What the memory test's actors counted. Written only on the emulation thread; the driver reads it in a
 * {@code runUntil} condition (same thread) or after a drive returned.
 */
final class LoadStats {
    long issued;
    long connected;
    long failed;
    long accepted;
    long peakOpen;
    boolean listening;
    String listenError;

    /** Client connections begun and not yet failed. */
    long open() { return issued - failed; }

    void opened() {
        issued++;
        long open = open();
        if (open > peakOpen) peakOpen = open;
    }
}
