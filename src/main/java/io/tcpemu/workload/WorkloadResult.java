package io.tcpemu.workload;

import io.tcpemu.metrics.Format;
import io.tcpemu.metrics.Percentiles;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a workload measured, as its drivers saw it (the application's view; the kernel's view is
 * in the trace's metrics). Available after the run ended, and while it runs as a snapshot.
 *
 * @param startedAt          emulated time the workload started, microseconds
 * @param endedAt            emulated time it ended (or of the snapshot)
 * @param end                why it ended; RUNNING for a snapshot
 * @param problem            what went wrong when {@code end} is FAILED, else ""
 * @param requestsIssued     requests that arrived
 * @param requestsCompleted  requests whose whole response came back
 * @param requestsFailed     requests whose connection failed before the response was complete
 * @param connectAttempts    connect() calls
 * @param established        connects whose handshake completed
 * @param addrNotAvail       connects that found no free local port (EADDRNOTAVAIL)
 * @param refused            connects answered by a RST (ECONNREFUSED)
 * @param timedOut           connects or sends that gave up retransmitting (ETIMEDOUT)
 * @param reset              client connections reset by the server (ECONNRESET)
 * @param connectionsClosed  client connections that ended (closed, reset, or handed to TIME-WAIT)
 * @param accepted           connections the servers accepted
 * @param requestsServed     requests the servers answered
 * @param serverResets       server connections reset by a client (the abort close mode)
 * @param driverFailures     drivers that failed and were restarted
 * @param orphaned           connections a restarted driver no longer knew, aborted
 * @param requestLatency     request written until its whole response read
 * @param connectionLifetime handshake completed until the client's socket ended ("connection open": the
 *                           kernel's lifetime, TIME-WAIT included, is {@code Metrics.lifetime})
 */
public record WorkloadResult(long startedAt, long endedAt, End end, String problem,
                             long requestsIssued, long requestsCompleted, long requestsFailed,
                             long connectAttempts, long established, long addrNotAvail, long refused,
                             long timedOut, long reset, long connectionsClosed,
                             long accepted, long requestsServed, long serverResets,
                             long driverFailures, long orphaned,
                             Percentiles requestLatency, Percentiles connectionLifetime) {

    /** Why a workload ended. */
    public enum End {
        /** Still running: this is a snapshot. */
        RUNNING,
        /** Every request was issued and every connection closed. */
        COMPLETED,
        /** The emulated duration ran out. */
        DURATION,
        /** Someone sent {@link Workload.Stop} (Ctrl-C). */
        STOPPED,
        /** The workload could not run (a server could not listen). */
        FAILED
    }

    static WorkloadResult of(long startedAt, long endedAt, End end, String problem, Tally t, long driverFailures) {
        return new WorkloadResult(startedAt, endedAt, end, problem, t.requestsIssued, t.requestsCompleted, t.requestsFailed,
                t.connectAttempts, t.established, t.addrNotAvail, t.refused, t.timedOut, t.reset, t.connectionsClosed,
                t.accepted, t.requestsServed, t.serverResets, driverFailures, t.orphaned,
                t.requestLatency.percentiles(), t.lifetime.percentiles());
    }

    /** Emulated seconds the workload ran. */
    public double seconds() { return (endedAt - startedAt) / 1e6; }

    /** Every count by a label, in a fixed order (for CSV, JSON and tables). */
    public Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("requests-issued", requestsIssued);
        m.put("requests-completed", requestsCompleted);
        m.put("requests-failed", requestsFailed);
        m.put("connect-attempts", connectAttempts);
        m.put("established", established);
        m.put("addr-not-avail", addrNotAvail);
        m.put("refused", refused);
        m.put("timed-out", timedOut);
        m.put("reset", reset);
        m.put("connections-closed", connectionsClosed);
        m.put("accepted", accepted);
        m.put("requests-served", requestsServed);
        m.put("server-resets", serverResets);
        m.put("driver-failures", driverFailures);
        m.put("orphaned", orphaned);
        return m;
    }

    /** A few lines for the terminal. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "workload: %s after %.3fs emulated%s%n", end.name().toLowerCase(Locale.ROOT),
                seconds(), problem.isEmpty() ? "" : " (" + problem + ")"));
        sb.append(String.format(Locale.ROOT,
                "requests  issued %d  completed %d  failed %d%n", requestsIssued, requestsCompleted, requestsFailed));
        sb.append(String.format(Locale.ROOT,
                "connects  attempts %d  established %d  EADDRNOTAVAIL %d  ECONNREFUSED %d  ETIMEDOUT %d  ECONNRESET %d%n",
                connectAttempts, established, addrNotAvail, refused, timedOut, reset));
        sb.append(String.format(Locale.ROOT, "servers   accepted %d  served %d  reset by client %d%n",
                accepted, requestsServed, serverResets));
        sb.append(latency("request latency", requestLatency)).append(latency("connection open", connectionLifetime));
        if (driverFailures > 0) sb.append("driver failures ").append(driverFailures).append(" (restarted; ")
                .append(orphaned).append(" connections orphaned)\n");
        return sb.toString();
    }

    /** One row of percentiles, in the units {@code tcpemu run} prints them. */
    public static String latency(String name, Percentiles p) {
        return String.format(Locale.ROOT, "%-20s p50 %s  p90 %s  p99 %s  max %s  (%d)%n", name, Format.micros(p.p50()),
                Format.micros(p.p90()), Format.micros(p.p99()), Format.micros(p.max()), p.count());
    }
}
