package io.tcpemu.run;

import io.tcpemu.metrics.Counter;
import io.tcpemu.metrics.Predicted;
import io.tcpemu.report.Plots;
import io.tcpemu.workload.TimeWaitModel;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * What a sweep leaves at the top of its folder: sweep.txt (the table), sweep.csv, and when the
 * swept values are numbers, the failure rate against them beside the analytic expectation.
 */
public final class SweepResults {
    private SweepResults() {}

    /** A folder name for a sweep point: "workload.arrival.rate=200" → "workload.arrival.rate-200". */
    public static String folderName(String label) {
        String name = label.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-+", "-");
        return name.isEmpty() ? "run" : name;
    }

    public static void write(Path dir, List<RunResult> results, String table) {
        write(dir, results, table, null);
    }

    /**
     * @param expectedAt the analytic failure rate at any value of the swept parameter (null: known
     *                   only at the swept points), so the curve and its knee are drawn between them
     */
    public static void write(Path dir, List<RunResult> results, String table, DoubleUnaryOperator expectedAt) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("sweep.txt"), table);
            StringBuilder csv = new StringBuilder("run,seed,attempts,established,refused,timed_out,reset,addr_not_avail,max_time_wait,stale_bytes,"
                    + "connecting_at_end,failure_rate,expected_failure_rate,expected_failure_rate_na,passed\n");
            for (RunResult r : results) {
                csv.append('"').append(r.label().replace("\"", "\"\"")).append('"').append(',').append(r.settings().run().seed());
                for (Counter c : new Counter[] {Counter.CONNECT_ATTEMPTS, Counter.ESTABLISHED, Counter.REFUSED, Counter.TIMED_OUT,
                        Counter.RESET, Counter.ADDR_NOT_AVAIL, Counter.MAX_TIME_WAIT, Counter.STALE_BYTES, Counter.CONNECTING_AT_END}) {
                    csv.append(',').append(r.count(c));
                }
                Predicted expected = TimeWaitModel.of(r.settings()).expectedFailureRate();
                csv.append(',').append(Predicted.of(failureRate(r)).csv()).append(',').append(expected.csv())
                        .append(',').append(quoted(expected.why())).append(',').append(r.passed()).append('\n');
            }
            Files.writeString(dir.resolve("sweep.csv"), csv.toString());
            List<Repeats.Group> groups = Repeats.groups(results);
            if (Repeats.repeated(groups)) Files.writeString(dir.resolve("sweep-mean.csv"), meansCsv(groups));
            double[] x = numericValues(groups);
            XYChart chart = null;
            if (x != null) {
                ConfidenceInterval[] rates = groups.stream().map(g -> Repeats.of(g, SweepResults::failureRate)).toArray(ConfidenceInterval[]::new);
                double[] measured = java.util.Arrays.stream(rates).mapToDouble(ConfidenceInterval::mean).toArray();
                double[] errors = Repeats.repeated(groups)
                        ? java.util.Arrays.stream(rates).mapToDouble(c -> c.hasInterval() ? c.halfWidth() : 0).toArray() : null;
                double[] expected = groups.stream().mapToDouble(g -> TimeWaitModel.of(g.runs().get(0).settings()).expectedFailureRate().value()).toArray();
                AnalyticCurve curve = expectedAt == null ? AnalyticCurve.atPoints(x, expected) : AnalyticCurve.sample(x, expectedAt);
                String parameter = parameter(groups.get(0).label());
                chart = Plots.sweep("failures against " + parameter, parameter + unit(parameter), x, measured, errors,
                        curve.x(), curve.y(), curve.knee());
                Plots.writePng(chart, dir.resolve("sweep-failure-rate.png"));
                Plots.writeSvg(chart, dir.resolve("sweep-failure-rate.svg"));
            }
            SweepReport.write(dir, results, table, chart);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sweep results to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String quoted(String text) { return text.isEmpty() ? "" : '"' + text.replace("\"", "\"\"") + '"'; }

    /** connect() calls that did not end in a connection: no port, refused, timed out. */
    public static double failureRate(RunResult r) {
        long attempts = r.count(Counter.CONNECT_ATTEMPTS);
        if (attempts == 0) return 0;
        return (double) (r.count(Counter.ADDR_NOT_AVAIL) + r.count(Counter.REFUSED) + r.count(Counter.TIMED_OUT)) / attempts;
    }

    /** The unit of a swept parameter, for the x axis; "" if the value is a plain number. */
    static String unit(String parameter) {
        if (parameter.endsWith("arrival.rate") || parameter.endsWith(".rate")) return " (connections per second)";
        if (parameter.endsWith("ports") || parameter.contains("ports.")) return " (ports)";
        if (parameter.endsWith("loss") || parameter.endsWith("duplicate") || parameter.endsWith("reorder")) return " (probability)";
        return " (as configured)";
    }

    /**
     * Per point: how many runs and their seeds, then each figure's mean and the half-width of its 95%
     * confidence interval (empty for a point run once).
     */
    static String meansCsv(List<Repeats.Group> groups) {
        String[] names = {"attempts", "established", "refused", "timed_out", "reset", "addr_not_avail", "max_time_wait", "stale_bytes",
                "connecting_at_end"};
        Counter[] counters = {Counter.CONNECT_ATTEMPTS, Counter.ESTABLISHED, Counter.REFUSED, Counter.TIMED_OUT,
                Counter.RESET, Counter.ADDR_NOT_AVAIL, Counter.MAX_TIME_WAIT, Counter.STALE_BYTES, Counter.CONNECTING_AT_END};
        StringBuilder csv = new StringBuilder("point,runs,seeds");
        for (String n : names) csv.append(',').append(n).append("_mean,").append(n).append("_ci95");
        csv.append(",failure_rate_mean,failure_rate_ci95\n");
        for (Repeats.Group g : groups) {
            csv.append('"').append(g.label().replace("\"", "\"\"")).append("\",").append(g.runs().size()).append(",\"")
                    .append(String.join(" ", g.runs().stream().map(r -> Long.toString(r.settings().run().seed())).toList())).append('"');
            for (Counter c : counters) append(csv, Repeats.of(g, r -> r.count(c)));
            append(csv, Repeats.of(g, SweepResults::failureRate));
            csv.append('\n');
        }
        return csv.toString();
    }

    private static void append(StringBuilder csv, ConfidenceInterval ci) {
        csv.append(',').append(ConfidenceInterval.csv(ci.mean())).append(',').append(ConfidenceInterval.csv(ci.halfWidth()));
    }

    private static String parameter(String label) {
        int eq = label.indexOf('=');
        return eq < 0 ? label : label.substring(0, eq);
    }

    /** The first axis's values if they are all numbers (and there is one axis), else null. */
    private static double[] numericValues(List<Repeats.Group> groups) {
        double[] x = new double[groups.size()];
        for (int i = 0; i < x.length; i++) {
            String label = groups.get(i).label();
            if (label.contains(", ")) return null;
            try {
                x[i] = Double.parseDouble(label.substring(label.indexOf('=') + 1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return x;
    }
}
