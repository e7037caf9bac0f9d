package io.tcpemu.runtime;

/**
 * A host's kernel counters (like Linux's netstat -s). Written only by the host actor; volatile
 * so a metrics reader on another thread sees recent values without asking the actor.
 */
public final class HostCounters {
    volatile long connectsOk;
    volatile long connectsAddrNotAvail;
    volatile long connectsRefused;
    volatile long connectsTimedOut;
    volatile long resets;
    volatile long rstsSent;
    volatile long backlogDrops;
    volatile long timeWaitCapHits;
    volatile long timeWaitReused;
    volatile long staleBytesAccepted;
    volatile int timeWaitCount;
    volatile int portsInUse;
    volatile int connections;

    /** A consistent-enough copy for reports. */
    public record Snapshot(long connectsOk, long connectsAddrNotAvail, long connectsRefused, long connectsTimedOut,
                           long resets, long rstsSent, long backlogDrops, long timeWaitCapHits, long timeWaitReused,
                           long staleBytesAccepted, int timeWaitCount, int portsInUse, int connections) implements WireMessage {}

    public Snapshot snapshot() {
        return new Snapshot(connectsOk, connectsAddrNotAvail, connectsRefused, connectsTimedOut, resets, rstsSent,
                backlogDrops, timeWaitCapHits, timeWaitReused, staleBytesAccepted, timeWaitCount, portsInUse, connections);
    }
}
