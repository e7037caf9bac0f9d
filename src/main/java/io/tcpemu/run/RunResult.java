package io.tcpemu.run;

import io.tcpemu.config.Settings;
import io.tcpemu.metrics.Counter;
import io.tcpemu.metrics.Metrics;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;

import java.util.List;
import java.util.Map;

/**
 * What one run of a scenario gave: the measurements, the trace (when kept), the script's named
 * connections and the verdict of its {@code expect} section.
 *
 * @param label        "" for a single run, else the sweep point or variant ("workload.arrival.rate=200")
 * @param settings     the settings the run used
 * @param metrics      what the trace measured
 * @param events       the whole trace, or empty when the run was too big to keep it
 * @param connections  the script's named connections, in the order it created them
 * @param passiveEstablished per host: connections that reached ESTABLISHED from LISTEN (servers' and ghosts')
 * @param outcomes     script calls that failed, as the user would read them ("c1: connect ...: ECONNREFUSED ...")
 * @param failures     failed expectations ("established: expected 1, measured 0"); empty = PASS
 * @param interrupted  true if the run was stopped before its end (Ctrl-C)
 * @param requestsServed workload requests answered in full (0 without a workload)
 * @param gateways     what each router did (forwarded, drops, conntrack table), by name
 * @param traceHash    the trace's fingerprint ({@link io.tcpemu.trace.TraceHash}): the same seed gives the same hash, whatever the partition count
 * @param limits       what the run's bookkeeping cut to fit the heap (coarser samples, a cut trace), one line each; empty if nothing
 */
public record RunResult(String label, Settings settings, Metrics metrics, List<TraceEvent> events,
                        Map<String, Connection> connections, Map<String, Long> passiveEstablished,
                        List<String> outcomes, List<String> failures, boolean interrupted, long requestsServed,
                        Map<String, io.tcpemu.metrics.GatewayTally.Gateway> gateways,
                        String traceHash, List<String> limits) {

    public RunResult(String label, Settings settings, Metrics metrics, List<TraceEvent> events,
                     Map<String, Connection> connections, Map<String, Long> passiveEstablished,
                     List<String> outcomes, List<String> failures, boolean interrupted, long requestsServed,
                     Map<String, io.tcpemu.metrics.GatewayTally.Gateway> gateways, String traceHash) {
        this(label, settings, metrics, events, connections, passiveEstablished, outcomes, failures, interrupted, requestsServed,
                gateways, traceHash, List.of());
    }

    /**
     * A connection the script named.
     *
     * @param active           true if the script opened it with connect, false if it accepted it
     * @param host             the host it lives on ("" if it never opened)
     * @param connId           its id in the trace
     * @param tuple            its 4-tuple from its own end (null if it never opened)
     * @param finalState       its last traced state
     * @param bytesReceived    bytes its user read
     * @param bytesAfterClose  of those, bytes read after the script shut it down or closed it (a half-close)
     * @param error            why the call that made it failed, or ""
     */
    public record Connection(String name, boolean active, String host, long connId, FourTuple tuple, State finalState,
                             long bytesReceived, long bytesAfterClose, String error) {}

    /**
     * This result without its trace and its samples: the few figures a sweep's table, sweep.csv and
     * top-level page need. A sweep keeps only this of a point once its folder is written, so its
     * memory does not grow with the number of points (issue 22).
     */
    public RunResult figuresOnly() {
        Metrics figures = new Metrics(metrics.endTime(), metrics.counters(), Map.of(), metrics.transitions(), metrics.handshake(),
                metrics.lifetime(), metrics.hostEvents(), metrics.activeFrom(), metrics.activeUntil());
        return new RunResult(label, settings, figures, List.of(), connections, passiveEstablished, outcomes, failures, interrupted,
                requestsServed, gateways, traceHash, limits);
    }

    public boolean passed() { return failures.isEmpty(); }

    public long count(Counter c) { return metrics.count(c); }

    /** The named connection, or an error listing the names there are. */
    public Connection connection(String name) {
        Connection c = connections.get(name);
        if (c == null) throw new IllegalArgumentException("no connection named '" + name + "'; named: " + connections.keySet());
        return c;
    }

    public long passiveEstablished(String host) { return passiveEstablished.getOrDefault(host, 0L); }

    /** The verdict line: "PASS: 3 expectations hold" or "FAIL: established: expected 1, measured 0; ...". */
    public String verdict() {
        int checks = settings.expect().counts().size() + settings.expect().finalStates().size();
        if (!passed()) return "FAIL: " + String.join("; ", failures);
        return checks == 0 ? "no expectations to check" : "PASS: " + (checks == 1 ? "1 expectation holds" : checks + " expectations hold");
    }
}
