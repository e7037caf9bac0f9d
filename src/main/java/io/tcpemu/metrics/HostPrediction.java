package io.tcpemu.metrics;

/**
 * What the analytic model predicts for one host, printed beside what it measured.
 *
 * @param timeWait         connection ends this host keeps in TIME-WAIT in the steady state
 * @param portsRunOutAbove the request rate of this host above which its ephemeral ports run out;
 *                         null for a host that only accepts
 */
public record HostPrediction(Predicted timeWait, Predicted portsRunOutAbove) {}
