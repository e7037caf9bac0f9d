package io.tcpemu.metrics;

import java.util.Map;

/**
 * What the analytic model predicts for a run (see {@code io.tcpemu.workload.TimeWaitModel}).
 *
 * @param hosts               by host name: each workload client and server
 * @param expectedFailureRate the share of connect() calls expected to fail for want of a port
 */
public record Predictions(Map<String, HostPrediction> hosts, Predicted expectedFailureRate) {

    public Predictions { hosts = Map.copyOf(hosts); }

    /**
     * The predictions with hosts given one row summed into it (the hosts of a {@code count}): the
     * row holds the sum of their TIME-WAIT, and its ports run out above the sum of their rates.
     * A sum with one n/a part is n/a for the same reason.
     */
    public Predictions grouped(java.util.function.UnaryOperator<String> rowOf) {
        Map<String, HostPrediction> rows = new java.util.LinkedHashMap<>();
        hosts.forEach((host, p) -> rows.merge(rowOf.apply(host), p,
                (a, b) -> new HostPrediction(sum(a.timeWait(), b.timeWait()), sum(a.portsRunOutAbove(), b.portsRunOutAbove()))));
        return new Predictions(rows, expectedFailureRate);
    }

    private static Predicted sum(Predicted a, Predicted b) {
        if (a == null || b == null) return null;
        if (!a.known()) return a;
        if (!b.known()) return b;
        return Predicted.of(a.value() + b.value(), a.note());
    }

    /** A run without a workload: nothing to predict. */
    public static final Predictions NONE = new Predictions(Map.of(), Predicted.na("no workload"));
}
