package io.tcpemu.workload;

import io.tcpemu.runtime.Errno;

/**
 * One driver's counts, written only by that driver (on its host's partition). It is created
 * outside the driver's behavior, so it survives a restart of the driver; {@link Progress} sums
 * them into a {@link WorkloadResult} when every partition is held.
 */
final class Tally {
    // client side: requests and the connections opened for them
    long requestsIssued, requestsCompleted, requestsFailed;
    long connectAttempts, established, addrNotAvail, refused, timedOut, reset, otherErrors;
    long connectionsClosed;
    // server side
    long accepted, requestsServed, serverResets, serverErrors;
    /** Events for connections a restarted driver no longer knew; they were aborted. */
    long orphaned;
    /** A server's listener is up: a restarted server app keeps it rather than listening again. */
    boolean listening;
    /** Times this driver failed and was restarted. */
    long failures;
    /** A client: when it was done (every request issued and every connection closed), emulated µs; -1 not yet. */
    long doneAt = -1;
    /** A server: when it could not listen, emulated µs, and why; -1 never. */
    long failedAt = -1;
    String failure = "";
    final LatencyHistogram requestLatency = new LatencyHistogram();
    final LatencyHistogram lifetime = new LatencyHistogram();

    /** Counts how a connect() or a later send ended. */
    void clientError(Errno errno) {
        switch (errno) {
            case EADDRNOTAVAIL -> addrNotAvail++;
            case ECONNREFUSED -> refused++;
            case ETIMEDOUT -> timedOut++;
            case ECONNRESET -> reset++;
            default -> otherErrors++;
        }
    }

    void add(Tally o) {
        requestsIssued += o.requestsIssued;
        requestsCompleted += o.requestsCompleted;
        requestsFailed += o.requestsFailed;
        connectAttempts += o.connectAttempts;
        established += o.established;
        addrNotAvail += o.addrNotAvail;
        refused += o.refused;
        timedOut += o.timedOut;
        reset += o.reset;
        otherErrors += o.otherErrors;
        connectionsClosed += o.connectionsClosed;
        accepted += o.accepted;
        requestsServed += o.requestsServed;
        serverResets += o.serverResets;
        serverErrors += o.serverErrors;
        orphaned += o.orphaned;
        failures += o.failures;
        requestLatency.addAll(o.requestLatency);
        lifetime.addAll(o.lifetime);
    }

    /** The counters, in the order {@link #setCounts} takes them (what a driver on another node sends: {@link DriverNews}). */
    long[] counts() {
        return new long[] {requestsIssued, requestsCompleted, requestsFailed, connectAttempts, established, addrNotAvail, refused, timedOut,
                reset, otherErrors, connectionsClosed, accepted, requestsServed, serverResets, serverErrors, orphaned, failures};
    }

    void setCounts(long[] c) {
        if (c.length != 17) throw new IllegalArgumentException("a driver's counters: expected 17, got " + c.length);
        int i = 0;
        requestsIssued = c[i++]; requestsCompleted = c[i++]; requestsFailed = c[i++]; connectAttempts = c[i++]; established = c[i++];
        addrNotAvail = c[i++]; refused = c[i++]; timedOut = c[i++]; reset = c[i++]; otherErrors = c[i++]; connectionsClosed = c[i++];
        accepted = c[i++]; requestsServed = c[i++]; serverResets = c[i++]; serverErrors = c[i++]; orphaned = c[i++]; failures = c[i];
    }

    Tally copy() {
        Tally t = new Tally();
        t.add(this);
        return t;
    }
}
