package io.tcpemu.cli;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.OutputSettings;
import io.tcpemu.config.Settings;
import io.tcpemu.report.Ladder;
import io.tcpemu.run.LadderChoice;
import io.tcpemu.run.ParallelRuns;
import io.tcpemu.run.RunResult;
import io.tcpemu.run.RunSummary;
import io.tcpemu.run.Runner;
import io.tcpemu.run.ScenarioFile;
import io.tcpemu.run.ResultsCleanup;
import io.tcpemu.run.ResultsFolder;
import io.tcpemu.workload.HeapBudget;
import io.tcpemu.run.SweepResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code tcpemu run x.conf}: runs a scenario, prints what it measured and its verdict, writes a results folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the emulation a scenario file describes, in virtual time unless it says otherwise.",
                "Prints a summary (and the ladder of a small run), writes a results folder, and checks the file's expect section.",
                "Exit status: 0 all expectations hold, 1 one failed, 2 the file or an option is wrong, 130 interrupted."})
public final class RunCommand implements Callable<Integer> {
    static final int EXPECTATION_FAILED = 1;
    static final int USAGE = 2;
    static final int INTERRUPTED = 130;

    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario, e.g. conf/handshake.conf")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting, e.g. --set workload.arrival.rate=500 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--partitions", paramLabel = "N", description = "Run the emulation over N partitions (threads, each with its own virtual clock), or auto: one per core; the same as --set partitions=N")
    String partitions;

    @Option(names = "--pcap", paramLabel = "FILE", description = "Write a capture of the run (pcapng, or classic pcap for FILE.pcap; Wireshark opens both); a sweep writes FILE-POINT.pcapng per point")
    Path pcap;

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default: output.dir/<scenario name>)")
    Path out;

    @Option(names = "--connection", paramLabel = "ID", description = "Draw this connection's ladder: a script name (c1) or a number (3rd connection)")
    String connection;

    @Option(names = "--variant", paramLabel = "NAME", description = "Run only this variant of the scenario (e.g. 3-server-closes-first)")
    String variant;

    @Option(names = "--point", paramLabel = "VALUE", description = "Run only this point of the sweep: its value (200), or V1,V2 for two axes")
    String point;

    @Option(names = "--quiet", description = "Print only the verdict and where the results are")
    boolean quiet;

    @Option(names = "--repeat", paramLabel = "N", description = "Run each point N times, with the seeds seed, seed+1, ...; tables, CSVs and plots give the mean and 95% confidence interval (same as --set repeat=N)")
    Integer repeat;

    @Option(names = "--jobs", paramLabel = "N", description = "Run up to N points (and repeats) at once, on as many cores; every run is still decided by its seed alone, so the results are those of --jobs 1 (default 1)")
    int jobs = 1;

    private final PrintStream stdout;
    private final PrintStream stderr;

    public RunCommand() { this(System.out, System.err); }

    RunCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override public Integer call() {
        if (Files.isDirectory(file)) {
            stderr.println(file + ": is a folder; expected a scenario file such as conf/handshake.conf");
            return USAGE;
        }
        if (file.toString().equals("-")) {
            stderr.println("-: expected a scenario file; tcpemu run does not read standard input (save the scenario to a file)");
            return USAGE;
        }
        if (!Files.exists(file)) {
            stderr.println(file + ": no such scenario file");
            return USAGE;
        }
        if (!Files.isRegularFile(file)) {
            stderr.println(file + ": expected a scenario file, but it is not a regular file (a FIFO, device or socket)");
            return USAGE;
        }
        String badConnection = LadderChoice.checkNumber(connection);
        if (badConnection != null) {
            stderr.println(badConnection);
            return USAGE;
        }
        if (jobs < 1) {
            stderr.println("--jobs " + jobs + ": expected a number of runs at once, 1 or more");
            return USAGE;
        }
        if (repeat != null) overrides.add("repeat=" + repeat);
        if (partitions != null) overrides.add("partitions=" + partitions);
        Settings settings;
        try {
            settings = ScenarioFile.load(file, overrides);
        } catch (ConfigLoader.InvalidConfigException e) {
            stderr.println(e.getMessage());
            return USAGE;
        } catch (RuntimeException e) {
            stderr.println(file + ": cannot load: " + e);
            return USAGE;
        }
        // Our hook stops the run and waits for the results; Pekko's own would tear the actors down under it.
        System.setProperty("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch written = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                written.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "tcpemu-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(settings, stop);
        } catch (ConfigLoader.InvalidConfigException e) {
            stderr.println(e.getMessage());
            return USAGE;
        } catch (IllegalArgumentException | java.io.UncheckedIOException | HeapBudget.TooLarge e) {
            stderr.println(e.getMessage());
            return USAGE;
        } catch (RuntimeException e) {
            // a bug of ours, not the user's: still one line, with enough to report it
            stderr.println(file + ": the run failed: " + e);
            return EXPECTATION_FAILED;
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: it just got its go-ahead
            }
        }
    }

    private int run(Settings settings, AtomicBoolean stop) {
        Path dir = out != null ? out : Path.of(settings.output().dir()).resolve(scenarioName());
        String swept = ScenarioFile.sweptKeySet(settings, overrides);
        if (swept != null) throw new IllegalArgumentException(swept);
        List<ScenarioFile.Point> points = ScenarioFile.select(ScenarioFile.points(settings), variant, point);
        List<ScenarioFile.Planned> plan = ScenarioFile.plan(file, overrides, points, settings);
        boolean several = plan.size() > 1;
        Progress progress = jobs > 1 ? Progress.off(stderr) : Progress.forRun(settings, stderr);   // one bar, not several at once
        ResultsFolder.prepare(dir, out != null ? "--out " + (out.toString().isEmpty() ? "\"\"" : out) : "results folder " + dir);
        Set<Path> kept = ResultsCleanup.clear(dir);
        List<RunResult> results = new ArrayList<>();
        try (ParallelRuns runs = new ParallelRuns(jobs, plan, (p, label) -> new Runner.Options(pcapFile(p, several, dir),
                progress.step(label, p.settings().run().duration()), stop, connection))) {
            for (ScenarioFile.Planned p : plan) {
                if (stop.get()) break;
                RunResult r = runs.next();
                if (r == null) break;
                progress.done();
                results.add(r);
                if (!p.label().isEmpty() && !quiet) stdout.println("== " + p.label());
                Path runDir = several ? dir.resolve(SweepResults.folderName(p.label())) : dir;
                Settings s = p.settings();
                Ladder ladder = LadderChoice.of(r, connection == null ? s.output().connection() : connection, connection != null);
                String text = RunSummary.render(r, ladder, connection != null);
                if (!quiet) stdout.print(text);
                ResultsFolder.write(runDir, r, ladder, text);
                stdout.println(verdictLine(r));
                if (!quiet) stdout.println();
            }
        }
        if (stop.get() && several && results.size() < plan.size()) stderr.println(cutShort(plan, results.size()));
        if (several && !results.isEmpty()) {
            String table = RunSummary.sweep(results);
            if (!quiet) stdout.print("\n" + table);
            SweepResults.write(dir, results, table, analytic(settings));
        }
        ResultsCleanup.record(dir, kept);
        stdout.println("results: " + dir);
        if (stop.get() || results.stream().anyMatch(RunResult::interrupted)) return INTERRUPTED;
        return results.stream().allMatch(RunResult::passed) ? 0 : EXPECTATION_FAILED;
    }

    /** Where a run's capture goes: --pcap (FILE-POINT per run of several), else run.pcapng in its folder if the settings ask. */
    private Path pcapFile(ScenarioFile.Planned p, boolean several, Path dir) {
        String folder = SweepResults.folderName(p.label());
        if (pcap != null) return several ? pcapOfPoint(folder) : pcap;
        return p.settings().output().pcap() ? (several ? dir.resolve(folder) : dir).resolve("run.pcapng") : null;
    }

    /**
     * "PASS: 3 expectations hold", with the point's label for a sweep; a run stopped by Ctrl-C
     * says so first, so --quiet does not print a bare PASS for a run that did not finish.
     */
    static String verdictLine(RunResult r) {
        String label = r.label().isEmpty() ? "" : r.label() + ": ";
        if (!r.interrupted()) return label + r.verdict();
        return String.format(java.util.Locale.ROOT, "%sinterrupted at %.3f s of %.3f s emulated (the verdict covers what ran): %s",
                label, r.metrics().endTime() / 1e6, r.settings().run().duration() / 1e6, r.verdict());
    }

    /**
     * The analytic failure rate at any value of a one-parameter sweep (the file reloaded with that
     * value), so the sweep's plot draws the curve between the swept points; null for anything else.
     */
    private java.util.function.DoubleUnaryOperator analytic(Settings settings) {
        if (settings.sweep().axes().size() != 1 || !io.tcpemu.config.Variants.of(settings).isEmpty()) return null;
        String parameter = settings.sweep().axes().get(0).parameter();
        return v -> {
            List<String> all = new ArrayList<>(overrides);
            all.add(parameter + "=" + (v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v)));
            try {
                return io.tcpemu.workload.TimeWaitModel.of(ScenarioFile.load(file, all)).expectedFailureRate().value();
            } catch (RuntimeException e) {
                return Double.NaN;   // a value the key does not take (a fraction of a whole number): no point there
            }
        };
    }

    /** Ctrl-C between sweep points: say which points ran, so a short table is not mistaken for the whole sweep. */
    static String cutShort(List<ScenarioFile.Planned> points, int ranCount) {
        List<String> labels = points.stream().map(ScenarioFile.Planned::label).toList();
        List<String> ran = labels.subList(0, ranCount), notRun = labels.subList(ranCount, labels.size());
        return "sweep cut short (interrupted): ran " + ran.size() + " of " + labels.size() + " points"
                + (ran.isEmpty() ? "" : " (" + String.join(", ", ran) + ")") + "; not run: " + String.join(", ", notRun);
    }

    /** On a sweep, --pcap lost.pcap writes lost-POINT.pcap beside it, one per point, where the user looks. */
    private Path pcapOfPoint(String point) {
        String name = pcap.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".pcapng";
        return pcap.resolveSibling(stem + "-" + point + ext);
    }

    private String scenarioName() {
        String name = file.getFileName().toString();
        return name.endsWith(".conf") ? name.substring(0, name.length() - 5) : name;
    }

    /** Whether and how to show progress: only on a terminal (or output.progress = on), never with --quiet. */
    static boolean showsProgress(OutputSettings.Switch mode, boolean quiet) {
        if (quiet || mode == OutputSettings.Switch.OFF) return false;
        return mode == OutputSettings.Switch.ON || System.console() != null;
    }
}
