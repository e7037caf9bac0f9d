package io.tcpemu.workload;

import io.tcpemu.metrics.Counter;
import io.tcpemu.tcp.State;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep's table: one row per point, the swept values, what was measured, and beside it what
 * Little's law predicts for the hosts that keep TIME-WAIT (steady-state TIME-WAIT ≈ close rate ×
 * TIME-WAIT length; ports run out above port range ÷ TIME-WAIT length).
 *
 * @param parameters the swept settings, first one first
 * @param rows       one per point, the first parameter's values outermost
 */
public record SweepResult(List<String> parameters, List<Row> rows) {

    /** One point: its values (in the order of {@code parameters}) and its run. */
    public record Row(List<String> values, WorkloadRun.Outcome outcome) {
        public WorkloadResult workload() { return outcome.workload(); }

        /** Most connections in TIME-WAIT at once, over all hosts. */
        public long maxTimeWait() { return outcome.metrics().count(Counter.MAX_TIME_WAIT); }

        /**
         * Mean TIME-WAIT over the second half of the workload's active period (the drain after it
         * left out), summed over the hosts Little's law speaks of.
         */
        public double meanTimeWait() {
            double sum = 0;
            for (String host : outcome.predictions().hosts().keySet()) sum += outcome.metrics().steadyMean(host, State.TIME_WAIT);
            return sum;
        }

        /** The model's steady-state TIME-WAIT, summed over the hosts (NaN where it does not apply). */
        public double predictedTimeWait() {
            return outcome.predictions().hosts().values().stream().mapToDouble(p -> p.timeWait().value()).sum();
        }

        /** The model's rate above which the clients' ports run out (each client has its own ports; NaN where it does not apply). */
        public double exhaustionRate() {
            return outcome.predictions().hosts().values().stream().filter(p -> p.portsRunOutAbove() != null)
                    .mapToDouble(p -> p.portsRunOutAbove().value()).sum();
        }
    }

    /**
     * Where EADDRNOTAVAIL first appears along the first parameter (read as a number; a rate, say),
     * for one value of the second parameter ("" without one).
     *
     * @param lastClean      the highest value below the knee with no EADDRNOTAVAIL (NaN if none)
     * @param firstExhausted the lowest value with EADDRNOTAVAIL (NaN if none)
     * @param predicted      the analytic knee: port range ÷ TIME-WAIT length, as a rate
     */
    public record Knee(String other, double lastClean, double firstExhausted, double predicted) {
        /** Midway between the last clean and the first exhausted value; NaN without both. */
        public double measured() { return (lastClean + firstExhausted) / 2; }
    }

    /** The knee for each value of the second parameter (or the one knee). */
    public List<Knee> knees() {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) groups.computeIfAbsent(r.values().size() > 1 ? r.values().get(1) : "", k -> new ArrayList<>()).add(r);
        List<Knee> knees = new ArrayList<>();
        groups.forEach((other, group) -> {
            double clean = Double.NaN, exhausted = Double.NaN;
            for (Row r : group) {
                double v = number(r.values().get(0));
                if (r.workload().addrNotAvail() > 0) exhausted = Double.isNaN(exhausted) ? v : Math.min(exhausted, v);
            }
            for (Row r : group) {
                double v = number(r.values().get(0));
                if (r.workload().addrNotAvail() == 0 && (Double.isNaN(exhausted) || v < exhausted)) clean = Double.isNaN(clean) ? v : Math.max(clean, v);
            }
            knees.add(new Knee(other, clean, exhausted, group.get(0).exhaustionRate()));
        });
        return knees;
    }

    private double number(String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the knee needs a number as " + parameters.get(0) + ", got \"" + value + "\"");
        }
    }

    /** The column titles, then one line of cells per row. */
    public List<List<String>> cells() {
        List<List<String>> out = new ArrayList<>();
        List<String> head = new ArrayList<>(parameters);
        head.addAll(List.of("issued", "completed", "established", "addr-not-avail", "refused", "timed-out", "reset",
                "max TIME-WAIT", "mean TIME-WAIT (2nd half)", "predicted TIME-WAIT", "ports run out above"));
        out.add(head);
        for (Row r : rows) {
            WorkloadResult w = r.workload();
            List<String> line = new ArrayList<>(r.values());
            for (long n : new long[] {w.requestsIssued(), w.requestsCompleted(), w.established(), w.addrNotAvail(),
                    w.refused(), w.timedOut(), w.reset(), r.maxTimeWait()}) line.add(Long.toString(n));
            line.add(decimal(r.meanTimeWait()));
            line.add(decimal(r.predictedTimeWait()));
            line.add(decimal(r.exhaustionRate()) + "/s");
            out.add(line);
        }
        return out;
    }

    /** The table as comma-separated values, a header line first. */
    public String csv() {
        StringBuilder sb = new StringBuilder();
        for (List<String> line : cells()) sb.append(String.join(",", line.stream().map(c -> c.replace("/s", "")).toList())).append('\n');
        return sb.toString();
    }

    /** The table in aligned columns for the terminal, then the knees. */
    public String render() {
        List<List<String>> cells = cells();
        int[] width = new int[cells.get(0).size()];
        for (List<String> line : cells) for (int i = 0; i < line.size(); i++) width[i] = Math.max(width[i], line.get(i).length());
        StringBuilder sb = new StringBuilder();
        for (List<String> line : cells) {
            for (int i = 0; i < line.size(); i++) sb.append(i == 0 ? "" : "  ").append(String.format("%" + width[i] + "s", line.get(i)));
            sb.append('\n');
        }
        if (!parameters.isEmpty() && rows.stream().allMatch(r -> isNumber(r.values().get(0)))) {
            for (Knee k : knees()) {
                sb.append(String.format(Locale.ROOT, "%nports run out%s between %s = %s and %s (Little's law: %s/s)",
                        k.other().isEmpty() ? "" : " at " + parameters.get(1) + " = " + k.other(), parameters.get(0),
                        decimal(k.lastClean()), decimal(k.firstExhausted()), decimal(k.predicted())));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String decimal(double v) {
        if (Double.isNaN(v)) return "-";
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
