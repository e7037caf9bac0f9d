package io.tcpemu.run;

import io.tcpemu.metrics.Counter;
import io.tcpemu.metrics.SummaryTable;
import io.tcpemu.report.Ladder;
import io.tcpemu.report.LadderText;

import java.util.List;
import java.util.Locale;

/** The text a run prints on the terminal: summary, named connections, failed calls, the ladder and the verdict. */
public final class RunSummary {
    private RunSummary() {}

    public static String render(RunResult r, Ladder ladder) {
        StringBuilder sb = new StringBuilder();
        if (r.interrupted()) sb.append("stopped early (interrupted): what follows is what was measured until then\n\n");
        sb.append(SummaryTable.render(r.metrics(), Predictions.of(r.settings())));
        if (!Predictions.of(r.settings()).isEmpty()) sb.append(exhaustion(r));
        if (!r.connections().isEmpty()) sb.append('\n').append(named(r));
        if (!r.outcomes().isEmpty()) {
            sb.append("\ncalls that failed:\n");
            for (String o : r.outcomes()) sb.append("  ").append(o).append('\n');
        }
        if (ladder != null && !ladder.rows().isEmpty()) sb.append('\n').append(LadderText.render(ladder));
        return sb.toString();
    }

    /** The measured outcome beside the analytic one, for a port-exhaustion run. */
    private static String exhaustion(RunResult r) {
        long attempts = r.count(Counter.CONNECT_ATTEMPTS);
        double measured = attempts == 0 ? 0 : (double) r.count(Counter.ADDR_NOT_AVAIL) / attempts;
        return String.format(Locale.ROOT, "%nconnect() failing with EADDRNOTAVAIL: %.1f%% measured, %.1f%% expected"
                + " (above the knee only ports ÷ TIME-WAIT connections per second find a port)%n",
                100 * measured, 100 * Predictions.expectedFailureRate(r.settings()));
    }

    private static String named(RunResult r) {
        StringBuilder sb = new StringBuilder("connection  host    4-tuple                                final state   bytes read  after its close/shutdown\n");
        for (RunResult.Connection c : r.connections().values()) {
            sb.append(String.format(Locale.ROOT, "%-10s  %-6s  %-37s  %-12s  %10d  %10d%s%n", c.name(), c.host(),
                    c.tuple() == null ? "-" : c.tuple().toString(), c.finalState(), c.bytesReceived(), c.bytesAfterClose(),
                    c.error().isEmpty() ? "" : "  (" + c.error() + ")"));
        }
        return sb.toString();
    }

    /** One line per sweep point or variant, and the verdicts. */
    public static String sweep(List<RunResult> results) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-40s %8s %8s %8s %8s %8s %8s %8s %8s %10s%n",
                "run", "attempts", "estab.", "refused", "timedout", "reset", "no-port", "max TW", "stale B", "srv estab."));
        for (RunResult r : results) {
            long passive = r.passiveEstablished().values().stream().mapToLong(Long::longValue).sum();
            sb.append(String.format(Locale.ROOT, "%-40s %8d %8d %8d %8d %8d %8d %8d %8d %10d%n", r.label(),
                    r.count(Counter.CONNECT_ATTEMPTS), r.count(Counter.ESTABLISHED), r.count(Counter.REFUSED),
                    r.count(Counter.TIMED_OUT), r.count(Counter.RESET), r.count(Counter.ADDR_NOT_AVAIL),
                    r.count(Counter.MAX_TIME_WAIT), r.count(Counter.STALE_BYTES), passive));
        }
        return sb.toString();
    }
}
