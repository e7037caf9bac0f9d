package io.tcpemu.run;

import io.tcpemu.metrics.Counter;
import io.tcpemu.metrics.GatewayTally;
import io.tcpemu.metrics.Predicted;
import io.tcpemu.metrics.Predictions;
import io.tcpemu.metrics.SummaryTable;
import io.tcpemu.report.Ladder;
import io.tcpemu.report.LadderText;
import io.tcpemu.tcp.State;
import io.tcpemu.workload.TimeWaitModel;

import java.util.List;
import java.util.Locale;

/** The text a run prints on the terminal: summary, named connections, failed calls, the ladder and the verdict. */
public final class RunSummary {
    private RunSummary() {}

    /** A longer ladder goes only to the results folder unless asked for by name. */
    public static final int TERMINAL_LADDER_ROWS = 60;

    /** @param fullLadder print the ladder however long it is (the user asked for that connection) */
    public static String render(RunResult r, Ladder ladder, boolean fullLadder) {
        StringBuilder sb = new StringBuilder();
        if (r.interrupted()) sb.append("stopped early (interrupted): what follows is what was measured until then\n\n");
        Predictions model = TimeWaitModel.of(r.settings());
        sb.append(SummaryTable.render(r.metrics(), model));
        sb.append(groups(r));
        Predicted expected = model.expectedFailureRate();
        boolean portsMatter = r.count(Counter.ADDR_NOT_AVAIL) > 0 || !expected.known() || expected.value() > 0
                || r.settings().sweep().enabled();
        if (r.settings().workload().enabled() && portsMatter) sb.append(exhaustion(r, expected));
        sb.append(closePaths(r));
        for (GatewayTally.Gateway g : r.gateways().values()) sb.append(gateway(r, g));
        if (!r.connections().isEmpty()) sb.append('\n').append(named(r));
        if (!r.limits().isEmpty()) {
            sb.append("\nkept to fit the heap:\n");
            for (String l : r.limits()) sb.append("  ").append(l).append('\n');
        }
        if (!r.outcomes().isEmpty()) {
            sb.append("\ncalls that failed:\n");
            for (String o : r.outcomes()) sb.append("  ").append(o).append('\n');
        }
        if (ladder != null && !ladder.rows().isEmpty()) {
            if (fullLadder || ladder.totalRows() <= TERMINAL_LADDER_ROWS) sb.append('\n').append(LadderText.render(ladder));
            else sb.append("\nladder of ").append(ladder.left().title()).append(" <-> ").append(ladder.right().title()).append(": ")
                    .append(ladder.totalRows()).append(" rows, in ladder.txt and ladder.svg of the results folder\n");
        }
        return sb.append("\ntrace-hash: ").append(r.traceHash()).append('\n').toString();
    }

    /** What a row standing for a {@code count} of hosts sums: "client = client-1 .. client-1000 (1000 hosts) summed". */
    private static String groups(RunResult r) {
        java.util.Map<String, List<String>> members = new java.util.LinkedHashMap<>();
        for (io.tcpemu.config.HostSettings h : r.settings().hosts().values()) {
            if (!h.group().isEmpty()) members.computeIfAbsent(h.group(), g -> new java.util.ArrayList<>()).add(h.name());
        }
        StringBuilder sb = new StringBuilder();
        members.forEach((group, names) -> sb.append(group).append(" = ").append(names.get(0)).append(" .. ").append(names.get(names.size() - 1))
                .append(" (").append(names.size()).append(" hosts, count = ").append(names.size())
                .append("), summed: most at once of them all, ports of each\n"));
        return sb.toString();
    }

    /** The measured outcome beside the analytic one, for a port-exhaustion run. */
    private static String exhaustion(RunResult r, Predicted expected) {
        long attempts = r.count(Counter.CONNECT_ATTEMPTS);
        double measured = attempts == 0 ? 0 : (double) r.count(Counter.ADDR_NOT_AVAIL) / attempts;
        String predicted = expected.known()
                ? String.format(Locale.ROOT, "%.1f%% expected (above the knee only as many connects find a port as TIME-WAIT frees)",
                        100 * expected.value())
                : "n/a expected (" + expected.why() + ")";
        return String.format(Locale.ROOT, "%nconnect() failing with EADDRNOTAVAIL: %.1f%% measured, %s%n", 100 * measured, predicted);
    }

    /** One router: what it forwarded and dropped, and for a NAT its conntrack table beside the model's figures. */
    private static String gateway(RunResult r, GatewayTally.Gateway g) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nrouter %s: %d segments forwarded, longest wait %s ms",
                g.name(), g.forwarded(), String.format(Locale.ROOT, "%.3f", g.maxWaitMicros() / 1000.0)));
        sb.append(g.drops().isEmpty() ? ", none dropped" : ", dropped: ");
        sb.append(String.join(", ", g.drops().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey()).toList())).append('\n');
        if (r.settings().routers().get(g.name()) == null || r.settings().routers().get(g.name()).nat() == null) return sb.toString();
        Predicted table = TimeWaitModel.gatewayTable(r.settings(), g.name());
        Predicted knee = TimeWaitModel.gatewayKnee(r.settings(), g.name());
        sb.append(String.format(Locale.ROOT, "  conntrack: %d entries at the end, %d at most (predicted %s by Little's law), %d allocations%n",
                g.table(), g.tableMax(), table.known() ? String.format(Locale.ROOT, "%.0f", table.value()) : "n/a (" + table.why() + ")",
                g.allocations()));
        sb.append("  at most per destination: ").append(String.join(", ", g.perDestinationMax().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey()).map(e -> e.getKey() + " " + e.getValue()).toList())).append('\n');
        sb.append("  ports run out above: ").append(knee.known() ? String.format(Locale.ROOT, "%.1f connections per second", knee.value())
                : "n/a (" + knee.why() + ")").append(" (ports x public addresses x destinations / conntrack time-wait)\n");
        return sb.toString();
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

    /** Under the sweep table, so its abbreviations need no guessing. */
    static final String SWEEP_LEGEND = "no-port = connect() failed with EADDRNOTAVAIL, syn-sent = still connecting when the run ended"
            + " (SYN unanswered), requests = workload requests served, max TW = most connection ends in TIME-WAIT at once (all hosts, exact), stale B = stale bytes accepted,"
            + " srv estab. = connections the servers established\n";

    /** One line per sweep point or variant. */
    public static String sweep(List<RunResult> results) {
        String head = "%-34s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %10s%n";
        String row = "%-34s %8d %8d %8d %8d %8d %8d %8d %8d %8d %8d %8d %10d%n";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, head, "run", "attempts", "estab.", "no-port",
                "refused", "timedout", "syn-sent", "reset", "rst sent", "requests", "max TW", "stale B", "srv estab."));
        for (RunResult r : results) {
            long passive = r.passiveEstablished().values().stream().mapToLong(Long::longValue).sum();
            sb.append(String.format(Locale.ROOT, row, r.label(), r.count(Counter.CONNECT_ATTEMPTS), r.count(Counter.ESTABLISHED),
                    r.count(Counter.ADDR_NOT_AVAIL), r.count(Counter.REFUSED), r.count(Counter.TIMED_OUT),
                    r.count(Counter.CONNECTING_AT_END), r.count(Counter.RESET),
                    r.count(Counter.RSTS_SENT), r.requestsServed(), r.count(Counter.MAX_TIME_WAIT), r.count(Counter.STALE_BYTES), passive));
        }
        sb.append(SWEEP_LEGEND);
        List<Repeats.Group> groups = Repeats.groups(results);
        if (Repeats.repeated(groups)) sb.append('\n').append(means(groups));
        return sb.toString();
    }

    /** The figures a repeated point gives, as mean ± half the 95% confidence interval over its seeds. */
    static final String[] MEAN_COLUMNS = {"attempts", "estab.", "no-port", "refused", "timedout", "syn-sent", "reset", "max TW", "stale B"};
    static final Counter[] MEAN_COUNTERS = {Counter.CONNECT_ATTEMPTS, Counter.ESTABLISHED, Counter.ADDR_NOT_AVAIL, Counter.REFUSED,
            Counter.TIMED_OUT, Counter.CONNECTING_AT_END, Counter.RESET, Counter.MAX_TIME_WAIT, Counter.STALE_BYTES};

    /** One line per point: how many seeds, then each figure's mean ± 95% interval, and the failure rate's. */
    static String means(List<Repeats.Group> groups) {
        int width = Math.max(34, groups.stream().mapToInt(g -> g.label().length()).max().orElse(0));
        StringBuilder sb = new StringBuilder("mean ± 95% confidence interval (Student's t) over each point's seeds:\n");
        sb.append(String.format(Locale.ROOT, "%-" + width + "s %5s", "point", "runs"));
        for (String c : MEAN_COLUMNS) sb.append(String.format(Locale.ROOT, " %17s", c));
        sb.append(String.format(Locale.ROOT, " %17s%n", "failure %"));
        for (Repeats.Group g : groups) {
            sb.append(String.format(Locale.ROOT, "%-" + width + "s %5d", g.label().isEmpty() ? "(the scenario)" : g.label(), g.runs().size()));
            for (Counter c : MEAN_COUNTERS) sb.append(String.format(Locale.ROOT, " %17s", Repeats.of(g, r -> r.count(c)).shown("%.1f")));
            sb.append(String.format(Locale.ROOT, " %17s%n", Repeats.of(g, r -> 100 * SweepResults.failureRate(r)).shown("%.2f")));
        }
        return sb.append("runs = seeds per point (listed in the rows above and in sweep.csv); a point run once has no interval\n").toString();
    }

    /** How connections closed, from the state transitions: the ordinary paths and the simultaneous one. */
    static String closePaths(RunResult r) {
        var m = r.metrics();
        long closing = m.transitions(State.FIN_WAIT_1, State.CLOSING);
        long finWait2 = m.transitions(State.FIN_WAIT_1, State.FIN_WAIT_2);
        long direct = m.transitions(State.FIN_WAIT_1, State.TIME_WAIT);
        long passive = m.transitions(State.ESTABLISHED, State.CLOSE_WAIT);
        if (closing + finWait2 + direct + passive == 0) return "";
        return String.format(Locale.ROOT, "%nclose paths (connection ends): %d through CLOSING (FINs crossed), "
                + "%d through FIN-WAIT-2, %d FIN-WAIT-1 straight to TIME-WAIT (FIN and ACK together), %d passive (CLOSE-WAIT)%n",
                closing, finWait2, direct, passive);
    }
}
