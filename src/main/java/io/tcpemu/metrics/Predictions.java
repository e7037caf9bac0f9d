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

    /** A run without a workload: nothing to predict. */
    public static final Predictions NONE = new Predictions(Map.of(), Predicted.na("no workload"));
}
