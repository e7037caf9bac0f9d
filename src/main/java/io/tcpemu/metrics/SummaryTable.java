package io.tcpemu.metrics;

import io.tcpemu.tcp.State;

/** The end-of-run summary for the terminal: outcomes, segments, latencies and TIME-WAIT per host. */
public final class SummaryTable {
    private SummaryTable() {}

    public static String render(Metrics m) { return render(m, Predictions.NONE); }

    /**
     * @param predictions the model's predictions by host name, printed next to what that host
     *                    measured (steady state = mean over the second half of the active period, {@link Metrics#steadyFrom()})
     */
    public static String render(Metrics m, Predictions predictions) {
        StringBuilder sb = new StringBuilder();
        sb.append("run: ").append(Format.micros(m.endTime())).append(" emulated\n\n");
        sb.append(new TextTable()
                .row("connections", "attempts", "established", "refused", "timed-out", "reset", "addr-not-avail")
                .row("", m.count(Counter.CONNECT_ATTEMPTS), m.count(Counter.ESTABLISHED), m.count(Counter.REFUSED),
                        m.count(Counter.TIMED_OUT), m.count(Counter.RESET), m.count(Counter.ADDR_NOT_AVAIL))
                .render());
        // else the attempts a run cut short go unaccounted for: the columns then do not add up to the attempts
        long connecting = m.count(Counter.CONNECTING_AT_END);
        if (connecting > 0) sb.append("still connecting when the run ended: ").append(connecting).append(" (SYN-SENT)\n");
        sb.append('\n');
        sb.append(new TextTable()
                .row("segments", "sent", "delivered", "dropped", "duplicated", "retransmitted", "rst sent")
                .row("", m.count(Counter.SEGMENTS_SENT), m.count(Counter.SEGMENTS_DELIVERED), m.count(Counter.SEGMENTS_DROPPED),
                        m.count(Counter.SEGMENTS_DUPLICATED), m.count(Counter.RETRANSMISSIONS), m.count(Counter.RSTS_SENT))
                .render()).append('\n');
        sb.append("stale data accepted: ").append(m.count(Counter.STALE_BYTES)).append(" bytes in ")
                .append(m.count(Counter.STALE_SEGMENTS)).append(" segments\n\n");
        sb.append(new TextTable()
                .row("latency", "count", "p50", "p90", "p99", "max")
                .row(cells("handshake", m.handshake()))
                .row(cells("lifetime", m.lifetime()))
                .render()).append('\n');
        sb.append(hosts(m, predictions));
        return sb.toString();
    }

    private static Object[] cells(String name, Percentiles p) {
        if (p.count() == 0) return new Object[] {name, 0, "-", "-", "-", "-"}; // nothing measured is not 0us
        return new Object[] {name, p.count(), Format.micros(p.p50()), Format.micros(p.p90()), Format.micros(p.p99()), Format.micros(p.max())};
    }

    private static String hosts(Metrics m, Predictions predictions) {
        // headings on two lines and notes below: one line per host within a terminal's 80-100 columns
        TextTable t = new TextTable().row("host", "TIME-WAIT", "TIME-WAIT", "ports in use", "TIME-WAIT", "ports run out")
                .row("", "max", "mean", "max", "predicted", "above");
        Footnotes notes = new Footnotes();
        for (HostSeries h : m.hosts().values()) {
            HostPrediction p = predictions.hosts().get(h.host());
            t.row(h.host(), h.max(State.TIME_WAIT), h.samplesBetween(m.steadyFrom(), m.steadyUntil()) == 0 ? "-" : Format.trim(m.steadyMean(h.host(), State.TIME_WAIT)), h.maxPortsInUse(),
                    p == null ? "-" : notes.cell(p.timeWait(), ""),
                    p == null || p.portsRunOutAbove() == null ? "-" : notes.cell(p.portsRunOutAbove(), "/s"));
        }
        return t.render() + notes.render() + legend(m);
    }

    /** What "max" and "mean" mean, and over which window the mean was taken. */
    static String legend(Metrics m) {
        boolean wholeRun = m.activeFrom() == 0 && m.activeUntil() == m.endTime();
        // two lines, each within a terminal's 100 columns
        return "max = most at once (exact)\nmean TIME-WAIT: over " + Format.micros(m.steadyFrom()) + "-"
                + Format.micros(m.steadyUntil()) + ", the second half of "
                + (wholeRun ? "the run" : "the workload's active period, not its drain") + "\n";
    }
}
