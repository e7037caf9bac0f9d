package io.tcpemu.run;

import io.tcpemu.metrics.Counter;
import io.tcpemu.metrics.HostSeries;
import io.tcpemu.metrics.Metrics;
import io.tcpemu.metrics.ResultsWriter;
import io.tcpemu.report.HtmlReport;
import io.tcpemu.report.Ladder;
import io.tcpemu.report.LadderMermaid;
import io.tcpemu.report.LadderSvg;
import io.tcpemu.report.LadderText;
import io.tcpemu.report.Plots;
import io.tcpemu.report.Series;
import io.tcpemu.report.StateGraph;
import io.tcpemu.report.StateGraphDot;
import io.tcpemu.report.StateGraphSvg;
import io.tcpemu.report.TimeSequenceSvg;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.State;
import io.tcpemu.workload.TimeWaitModel;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes what a run leaves behind: the metrics files, summary.txt with the verdict, the ladder
 * (txt, svg, mmd) and the time-sequence graph of its connection, the state graph with transition counts (svg, dot), plots of ESTABLISHED,
 * TIME-WAIT and ports in use per host (png, svg), and report.html.
 */
public final class ResultsFolder {
    private ResultsFolder() {}

    /**
     * Makes {@code dir} ready before a run, so a folder that cannot hold the results is refused
     * with the reason then, not after minutes of running.
     *
     * @param option how the user named it, for the message ("--out results/x")
     * @throws IllegalArgumentException saying why the folder cannot be used
     */
    public static void prepare(Path dir, String option) {
        if (dir.toString().isEmpty()) throw new IllegalArgumentException(option + ": expected a folder for the results, got an empty name");
        Path walked = dir.getRoot();
        for (Path part : dir) {
            // "missing/.." is the current folder to Java, but no shell or kernel follows a folder that does not exist
            if (part.toString().equals("..") && walked != null && !Files.isDirectory(walked)) {
                throw new IllegalArgumentException(option + ": cannot use this folder: " + walked + " does not exist, so "
                        + walked + "/.. cannot be followed");
            }
            walked = walked == null ? part : walked.resolve(part);
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + ": is a file; expected a folder for the results (it is created if missing)");
        }
        try {
            Files.createDirectories(dir);
        } catch (java.nio.file.FileSystemException e) {
            String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.NoSuchFileException ? "the system says there is no such file or directory "
                            + "(its parent takes no new folders, as /proc and /sys do not)"
                    : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw new IllegalArgumentException(option + ": cannot create the results folder: " + reason
                    + (e.getFile() != null && !e.getFile().equals(dir.toString()) ? " (" + e.getFile() + ")" : ""));
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot create the results folder: " + e.getMessage());
        }
        if (!Files.isWritable(dir)) throw new IllegalArgumentException(option + ": cannot write the results: the folder is not writable");
    }

    public static void write(Path dir, RunResult r, Ladder ladder, String summaryText) {
        try {
            Files.createDirectories(dir);
            ResultsWriter.write(dir, r.metrics(), r.settings().renderEffective(), TimeWaitModel.of(r.settings()), r.traceHash());
            Files.writeString(dir.resolve("summary.txt"), summaryText + r.verdict() + "\n");
            if (ladder != null) {
                Files.writeString(dir.resolve("ladder.txt"), LadderText.render(ladder));
                Files.writeString(dir.resolve("ladder.svg"), LadderSvg.render(ladder));
                Files.writeString(dir.resolve("ladder.mmd"), LadderMermaid.render(ladder));
                Files.writeString(dir.resolve("time-sequence.svg"), timeSequence(r, ladder));
            }
            StateGraph graph = StateGraph.of(transitions(r.metrics()), r.metrics().count(Counter.LISTENS));
            Files.writeString(dir.resolve("state-graph.svg"), StateGraphSvg.render(graph));
            Files.writeString(dir.resolve("state-graph.dot"), StateGraphDot.render(graph));
            List<XYChart> plots = List.of();
            try {
                if (r.settings().output().plots()) plots = plots(dir, r.metrics());
            } catch (IllegalStateException e) {
                // Ctrl-C: the JVM is shutting down and Java2D can no longer start; the numbers are written already
                Files.writeString(dir.resolve("plots-skipped.txt"), "plots skipped: " + e.getMessage() + "\n");
            }
            if (r.settings().output().reportHtml()) html(r, dir, ladder, graph, plots).write(dir.resolve("report.html"));
            // The page may be opened from here or from a sweep's page one folder up: both reach it by name.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Map<StateGraph.Transition, Long> transitions(Metrics m) {
        Map<StateGraph.Transition, Long> counts = new java.util.LinkedHashMap<>();
        for (State from : State.values()) {
            for (State to : State.values()) {
                long n = m.transitions(from, to);
                if (n > 0) counts.put(new StateGraph.Transition(from, to), n);
            }
        }
        return counts;
    }

    private static List<XYChart> plots(Path dir, Metrics m) throws IOException {
        List<XYChart> charts = new ArrayList<>();
        for (HostSeries h : m.hosts().values()) {
            XYChart chart = Plots.hostOccupancy(h.host(), series(h, "ESTABLISHED", k -> h.inState(k, State.ESTABLISHED)),
                    series(h, "TIME-WAIT", k -> h.inState(k, State.TIME_WAIT)), series(h, "ports in use", h::portsInUse));
            Plots.writePng(chart, dir.resolve("states-" + h.host() + ".png"));
            Plots.writeSvg(chart, dir.resolve("states-" + h.host() + ".svg"));
            charts.add(chart);
        }
        return charts;
    }

    private static Series series(HostSeries h, String name, java.util.function.IntUnaryOperator value) {
        long[] t = new long[h.samples()];
        double[] v = new double[h.samples()];
        for (int k = 0; k < t.length; k++) {
            t[k] = h.time(k);
            v[k] = value.applyAsInt(k);
        }
        return new Series(name, t, v);
    }

    /** The time-sequence graph of the ladder's connection. */
    private static String timeSequence(RunResult r, Ladder ladder) {
        return TimeSequenceSvg.render(r.events(), new FourTuple(ladder.left().addr(), ladder.right().addr()),
                ladder.left().title(), ladder.right().title());
    }

    /**
     * Rows of a ladder drawn on report.html: a page with a 2,000-row ladder took Chromium over a
     * second of CPU to open (BENCHMARKS.md, "report.html load times"); ladder.svg beside it keeps
     * up to output.ladder-rows.
     */
    static final int PAGE_LADDER_ROWS = 600;

    /** The ladder cut to {@link #PAGE_LADDER_ROWS} for the page (drawn again from the trace when it was cut already). */
    private static Ladder onPage(RunResult r, Ladder ladder) {
        if (ladder.rows().size() <= PAGE_LADDER_ROWS) return ladder;
        Ladder whole = ladder.omitted() == 0 ? ladder : Ladder.of(r.events(), new FourTuple(ladder.left().addr(), ladder.right().addr()));
        return whole.within(PAGE_LADDER_ROWS);
    }

    private static HtmlReport html(RunResult r, Path dir, Ladder ladder, StateGraph graph, List<XYChart> plots) {
        List<HtmlReport.Row> rows = new ArrayList<>();
        rows.add(new HtmlReport.Row("verdict", r.verdict()));
        r.metrics().counterMap().forEach((k, v) -> rows.add(new HtmlReport.Row(k, String.valueOf(v))));
        for (String o : r.outcomes()) rows.add(new HtmlReport.Row("failed call", o));
        // The folder is named after the scenario (and the point, for a sweep): say which run this page shows.
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        // a point's folder is named after it and lies in the scenario's: "nat-port-exhaustion (1-baseline)", not "1-baseline (1-baseline)"
        Path parent = dir.toAbsolutePath().getParent();
        if (!r.label().isEmpty() && SweepResults.folderName(r.label()).equals(name) && parent != null && parent.getFileName() != null)
            name = parent.getFileName().toString();
        String title = "tcpemu run: " + (r.label().isEmpty() ? name : name + " (" + r.label() + ")");
        // Everything the terminal printed (percentiles, TIME-WAIT per host beside its prediction, close
        // paths, final states, failed calls), without the ladder, which has its own picture below.
        HtmlReport report = new HtmlReport(title).summary(rows).text("The run's summary, as printed", RunSummary.render(r, null, false));
        plots.forEach(report::plot);
        report.stateGraph(graph);
        if (ladder != null) report.ladder(onPage(r, ladder)).timeSequence(timeSequence(r, ladder));
        return report;
    }
}
