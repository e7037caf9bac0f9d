package io.tcpemu.run;

import io.tcpemu.config.Settings;
import io.tcpemu.report.Ladder;
import io.tcpemu.report.PlotsWarmUp;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongConsumer;

/**
 * What {@code tcpemu run} does once the file is loaded: every point it selects, each summary and
 * verdict printed, each results folder written, the side-by-side table of a sweep. The command runs
 * it in its own JVM; a cluster node runs the same for a submitter, so both write the same folder.
 */
public final class ScenarioRun {
    /** Every expectation holds. */
    public static final int PASSED = 0;
    /** An expectation failed. */
    public static final int EXPECTATION_FAILED = 1;
    /** The file, an option or the script is wrong. */
    public static final int USAGE = 2;
    /** Stopped by Ctrl-C. */
    public static final int INTERRUPTED = 130;

    /**
     * What to run: the file with its {@code --set} overrides, the points picked by {@code --variant}
     * and {@code --point} (null: every one), the ladder's connection (null: the file's choice),
     * whether to print only verdicts, {@code --pcap} (null: the file's choice) and how many runs go at once ({@code --jobs}).
     */
    public record Request(Path file, List<String> overrides, String variant, String point, String connection, boolean quiet, Path pcap, int jobs) {
        /** One run at a time. */
        public Request(Path file, List<String> overrides, String variant, String point, String connection, boolean quiet, Path pcap) {
            this(file, overrides, variant, point, connection, quiet, pcap, 1);
        }
    }

    /** Hears how the run goes; every method may be left as it is. */
    public interface Listener {
        /** A progress callback for one point (null: none). */
        default LongConsumer step(String label, long duration) { return null; }

        /** The point's emulation has ended; its summary is about to be printed. */
        default void pointRan() {}

        /** The point has ended (its results folder is written). */
        default void pointDone(Path runDir) {}
    }

    private ScenarioRun() {}

    /**
     * Runs the request's points into {@code dir} (cleared of an earlier run's files first), printing
     * what {@code tcpemu run} prints except the closing "results:" line. Returns the exit status:
     * {@link #PASSED}, {@link #EXPECTATION_FAILED} or {@link #INTERRUPTED}.
     */
    public static int run(Request q, Settings settings, Path dir, PrintStream stdout, PrintStream stderr, AtomicBoolean stop, Listener listener) {
        String swept = ScenarioFile.sweptKeySet(settings, q.overrides());
        if (swept != null) throw new IllegalArgumentException(swept);
        List<ScenarioFile.Point> points = ScenarioFile.select(ScenarioFile.points(settings), q.variant(), q.point());
        List<ScenarioFile.Planned> plan = ScenarioFile.plan(q.file(), q.overrides(), points, settings);
        boolean several = plan.size() > 1;
        if (plan.stream().anyMatch(p -> p.settings().output().plots())) PlotsWarmUp.startInBackground();
        Set<Path> kept = ResultsCleanup.clear(dir);
        List<RunResult> results = new ArrayList<>();
        try (ParallelRuns runs = new ParallelRuns(q.jobs(), plan, (p, label) -> new Runner.Options(pcapFile(q, p, several, dir),
                listener.step(label, p.settings().run().duration()), stop, q.connection()))) {
            for (ScenarioFile.Planned p : plan) {
                if (stop.get()) break;
                RunResult r = runs.next();
                if (r == null) break;
                listener.pointRan();
                results.add(r.figuresOnly());   // the trace and samples go once the folder is written: memory stays that of one point
                if (!p.label().isEmpty() && !q.quiet()) stdout.println("== " + p.label());
                Path runDir = several ? dir.resolve(SweepResults.folderName(p.label())) : dir;
                Settings s = p.settings();
                Ladder ladder = LadderChoice.of(r, q.connection() == null ? s.output().connection() : q.connection(), q.connection() != null);
                String text = RunSummary.render(r, ladder, q.connection() != null);
                if (!q.quiet()) stdout.print(text);
                ResultsFolder.write(runDir, r, ladder, text);
                listener.pointDone(runDir);   // before the verdict: whoever sees it can count on the folder
                stdout.println(verdictLine(r));
                if (!q.quiet()) stdout.println();
            }
        }
        if (stop.get() && several && results.size() < plan.size()) stderr.println(cutShort(plan, results.size()));
        if (several && !results.isEmpty()) {
            String table = RunSummary.sweep(results);
            if (!q.quiet()) stdout.print("\n" + table);
            SweepResults.write(dir, results, table, analytic(q, settings));
        }
        ResultsCleanup.record(dir, kept);
        if (stop.get() || results.stream().anyMatch(RunResult::interrupted)) return INTERRUPTED;
        return results.stream().allMatch(RunResult::passed) ? PASSED : EXPECTATION_FAILED;
    }

    /** Where a run's capture goes: --pcap (FILE-POINT per run of several), else run.pcapng in its folder if the settings ask. */
    private static Path pcapFile(Request q, ScenarioFile.Planned p, boolean several, Path dir) {
        String folder = SweepResults.folderName(p.label());
        if (q.pcap() != null) return several ? pcapOfPoint(q.pcap(), folder) : q.pcap();
        return p.settings().output().pcap() ? (several ? dir.resolve(folder) : dir).resolve("run.pcapng") : null;
    }

    /** How a run that threw ends: its exit status and the one line that says why. */
    public record Failure(int status, String line) {
        /** The user's mistake (a file, an option, a script line, a workload too big) or, else, a bug of ours, still in one line. */
        public static Failure of(Path file, RuntimeException e) {
            if (e instanceof io.tcpemu.config.ConfigLoader.InvalidConfigException || e instanceof IllegalArgumentException
                    || e instanceof java.io.UncheckedIOException || e instanceof io.tcpemu.workload.HeapBudget.TooLarge) {
                return new Failure(USAGE, e.getMessage());
            }
            return new Failure(EXPECTATION_FAILED, file + ": the run failed: " + e);
        }
    }

    /**
     * "PASS: 3 expectations hold", with the point's label for a sweep; a run stopped by Ctrl-C
     * says so first, so --quiet does not print a bare PASS for a run that did not finish.
     */
    public static String verdictLine(RunResult r) {
        String label = r.label().isEmpty() ? "" : r.label() + ": ";
        if (!r.interrupted()) return label + r.verdict();
        return String.format(Locale.ROOT, "%sinterrupted at %.3f s of %.3f s emulated (the verdict covers what ran): %s",
                label, r.metrics().endTime() / 1e6, r.settings().run().duration() / 1e6, r.verdict());
    }

    /** Ctrl-C between sweep points: say which points ran, so a short table is not mistaken for the whole sweep. */
    public static String cutShort(List<ScenarioFile.Planned> points, int ranCount) {
        List<String> labels = points.stream().map(ScenarioFile.Planned::label).toList();
        List<String> ran = labels.subList(0, ranCount), notRun = labels.subList(ranCount, labels.size());
        return "sweep cut short (interrupted): ran " + ran.size() + " of " + labels.size() + " points"
                + (ran.isEmpty() ? "" : " (" + String.join(", ", ran) + ")") + "; not run: " + String.join(", ", notRun);
    }

    /**
     * The analytic failure rate at any value of a one-parameter sweep (the file reloaded with that
     * value), so the sweep's plot draws the curve between the swept points; null for anything else.
     */
    private static DoubleUnaryOperator analytic(Request q, Settings settings) {
        if (settings.sweep().axes().size() != 1 || !io.tcpemu.config.Variants.of(settings).isEmpty()) return null;
        String parameter = settings.sweep().axes().get(0).parameter();
        return v -> {
            List<String> all = new ArrayList<>(q.overrides());
            all.add(parameter + "=" + (v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v)));
            try {
                return io.tcpemu.workload.TimeWaitModel.of(ScenarioFile.load(q.file(), all)).expectedFailureRate().value();
            } catch (RuntimeException e) {
                return Double.NaN;   // a value the key does not take (a fraction of a whole number): no point there
            }
        };
    }

    /** On a sweep, --pcap lost.pcap writes lost-POINT.pcap beside it, one per point, where the user looks. */
    private static Path pcapOfPoint(Path pcap, String point) {
        String name = pcap.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".pcapng";
        return pcap.resolveSibling(stem + "-" + point + ext);
    }
}
