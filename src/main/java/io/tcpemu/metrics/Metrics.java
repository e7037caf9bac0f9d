package io.tcpemu.metrics;

import io.tcpemu.tcp.State;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run measured, built by {@link MetricsCollector#finish(long)}. Immutable.
 *
 * @param endTime    emulated time the run ended, microseconds
 * @param counters   by {@link Counter#ordinal()}
 * @param hosts      time series per host, by host name in alphabetical order
 * @param transitions state changes counted by [from.ordinal()][to.ordinal()]
 * @param handshake  client handshake latency: SYN-SENT until ESTABLISHED
 * @param lifetime   connection lifetime: leaving CLOSED/LISTEN until CLOSED (TIME-WAIT included)
 * @param hostEvents HostEvents counted by kind ("port-exhausted", "rst-no-socket" ...)
 * @param activeFrom  start of the period the load was active (the workload's run; else the whole run)
 * @param activeUntil its end: the steady state is its second half, which leaves out warm-up and
 *                    the drain after a finite workload ends
 */
public record Metrics(long endTime, long[] counters, Map<String, HostSeries> hosts, long[][] transitions,
                      Percentiles handshake, Percentiles lifetime, Map<String, Long> hostEvents,
                      long activeFrom, long activeUntil) {

    /**
     * The same measurements with the load's active period (a workload's start and end, cut at the
     * end of the run); an empty period (a workload that failed at once) leaves the whole run.
     */
    public Metrics withActivePeriod(long from, long until) {
        long end = Math.min(until, endTime);
        if (end <= from || from < 0) return this;
        return new Metrics(endTime, counters, hosts, transitions, handshake, lifetime, hostEvents, from, end);
    }

    /** Start of the steady-state window: the middle of the active period. */
    public long steadyFrom() { return activeFrom + (activeUntil - activeFrom) / 2; }

    /** End of the steady-state window: the end of the active period. */
    public long steadyUntil() { return activeUntil; }

    /** Mean connections of {@code host} in {@code state} over the steady-state window (its samples). */
    public double steadyMean(String host, State state) {
        HostSeries h = hosts.get(host);
        return h == null ? 0 : h.mean(state, steadyFrom(), steadyUntil());
    }

    public long count(Counter c) { return counters[c.ordinal()]; }

    /** Every counter by its label, in declaration order (for {@code expect} checks and writers). */
    public Map<String, Long> counterMap() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Counter c : Counter.values()) out.put(c.label(), counters[c.ordinal()]);
        return out;
    }

    public long transitions(State from, State to) { return transitions[from.ordinal()][to.ordinal()]; }

    public HostSeries host(String name) { return hosts.get(name); }

    /** Connections in {@code state} over all hosts at sample {@code k} (hosts share the sampling grid). */
    public int total(int k, State state) {
        int sum = 0;
        for (HostSeries h : hosts.values()) if (k < h.samples()) sum += h.inState(k, state);
        return sum;
    }
}
