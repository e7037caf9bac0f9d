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
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("sweep.txt"), table);
            StringBuilder csv = new StringBuilder("run,attempts,established,refused,timed_out,reset,addr_not_avail,max_time_wait,stale_bytes,"
                    + "failure_rate,expected_failure_rate,expected_failure_rate_na,passed\n");
            for (RunResult r : results) {
                csv.append('"').append(r.label().replace("\"", "\"\"")).append('"');
                for (Counter c : new Counter[] {Counter.CONNECT_ATTEMPTS, Counter.ESTABLISHED, Counter.REFUSED, Counter.TIMED_OUT,
                        Counter.RESET, Counter.ADDR_NOT_AVAIL, Counter.MAX_TIME_WAIT, Counter.STALE_BYTES}) {
                    csv.append(',').append(r.count(c));
                }
                Predicted expected = TimeWaitModel.of(r.settings()).expectedFailureRate();
                csv.append(',').append(Predicted.of(failureRate(r)).csv()).append(',').append(expected.csv())
                        .append(',').append(quoted(expected.why())).append(',').append(r.passed()).append('\n');
            }
            Files.writeString(dir.resolve("sweep.csv"), csv.toString());
            double[] x = numericValues(results);
            if (x != null) {
                double[] measured = results.stream().mapToDouble(SweepResults::failureRate).toArray();
                double[] expected = results.stream().mapToDouble(r -> TimeWaitModel.of(r.settings()).expectedFailureRate().value()).toArray();
                XYChart chart = Plots.sweep("failures against " + parameter(results.get(0)), parameter(results.get(0)), x, measured, expected);
                Plots.writePng(chart, dir.resolve("sweep-failure-rate.png"));
                Plots.writeSvg(chart, dir.resolve("sweep-failure-rate.svg"));
            }
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

    private static String parameter(RunResult r) {
        String label = r.label();
        int eq = label.indexOf('=');
        return eq < 0 ? label : label.substring(0, eq);
    }

    /** The first axis's values if they are all numbers (and there is one axis), else null. */
    private static double[] numericValues(List<RunResult> results) {
        double[] x = new double[results.size()];
        for (int i = 0; i < x.length; i++) {
            String label = results.get(i).label();
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
