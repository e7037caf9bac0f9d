package io.tcpemu.cli;

import io.tcpemu.config.ClusterSettings;
import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.FlagOverride;
import io.tcpemu.config.OutputSettings;
import io.tcpemu.config.Settings;
import io.tcpemu.run.LadderChoice;
import io.tcpemu.run.ResultsFolder;
import io.tcpemu.run.ScenarioFile;
import io.tcpemu.run.ScenarioRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tcpemu run x.conf}: runs a scenario, prints what it measured and its verdict, writes a results folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the emulation a scenario file describes, in virtual time unless it says otherwise.",
                "Prints a summary (and the ladder of a small run), writes a results folder, and checks the file's expect section.",
                "Exit status: 0 all expectations hold, 1 one failed, 2 the file or an option is wrong, 130 interrupted."})
public final class RunCommand implements Callable<Integer> {
    static final int EXPECTATION_FAILED = ScenarioRun.EXPECTATION_FAILED;
    static final int USAGE = 2;

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

    @Option(names = "--repeat", paramLabel = "N", description = "Run each point N times, with the seeds seed, seed+1, ...; tables, CSVs and plots give the mean and 95%% confidence interval (same as --set repeat=N)")
    Integer repeat;

    @Option(names = "--jobs", paramLabel = "N", description = "Run up to N points (and repeats) at once, on as many cores; every run is still decided by its seed alone, so the results are those of --jobs 1 (default 1)")
    int jobs = 1;

    @Option(names = "--cluster", split = ",", paramLabel = "HOST:PORT", description = "Run on a cluster of 'tcpemu node' processes, joined through these nodes (cluster.seed-nodes)")
    List<String> cluster;

    @Option(names = "--nodes", paramLabel = "N", description = "With --cluster: wait until N nodes are up (cluster.nodes)")
    Integer nodes;

    @Option(names = "--address", paramLabel = "A", description = "With --cluster: the address the nodes reach this process at (cluster.address)")
    String address;

    private final PrintStream stdout;
    private final PrintStream stderr;

    public RunCommand() { this(System.out, System.err); }

    RunCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    PrintStream stdout() { return stdout; }

    PrintStream stderr() { return stderr; }

    @Override public Integer call() {
        String notAFile = io.tcpemu.config.InputFile.problem(file, "tcpemu run", "a scenario file such as conf/handshake.conf");
        if (notAFile != null) {
            stderr.println(notAFile);
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
        List<FlagOverride> flags = new ArrayList<>();
        if (repeat != null) flags.add(new FlagOverride("--repeat", "repeat", String.valueOf(repeat)));
        if (partitions != null) flags.add(new FlagOverride("--partitions", "partitions", String.valueOf(partitions)));
        flags.forEach(f -> overrides.add(f.override()));
        Settings settings;
        try {
            settings = ScenarioFile.load(file, overrides);
        } catch (ConfigLoader.InvalidConfigException e) {
            stderr.println(FlagOverride.message(e.problems(), flags));
            return USAGE;
        } catch (RuntimeException e) {
            stderr.println(file + ": cannot load: " + e);
            return USAGE;
        }
        // Our hook stops the run and waits for the results; Pekko's own would tear the actors down under it.
        System.setProperty("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
        RunStop stop = new RunStop(stderr);
        Thread hook = new Thread(stop::onSignal, "tcpemu-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(settings, stop);
        } catch (RuntimeException e) {
            ScenarioRun.Failure f = ScenarioRun.Failure.of(file, e);
            stderr.println(f.line());
            return f.status();
        } finally {
            stop.written();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: it just got its go-ahead
            }
        }
    }

    private int run(Settings settings, RunStop stop) {
        Path dir = out != null ? out : Path.of(settings.output().dir()).resolve(scenarioName());
        ClusterSettings where = settings.cluster().with(cluster, nodes, address);
        if (where.enabled()) {
            stop.started();   // Ctrl-C while the nodes gather is ClusterRun's to answer, after it the exit waits for what they measured
            return ClusterRun.run(this, where, dir, stop.flag());
        }
        if (nodes != null || address != null) throw new IllegalArgumentException((nodes != null ? "--nodes" : "--address")
                + ": only with a cluster to run on (--cluster HOST:PORT, or cluster.seed-nodes in the scenario)");
        ResultsFolder.prepare(dir, out != null ? "--out " + (out.toString().isEmpty() ? "\"\"" : out) : "results folder " + dir);
        ScenarioRun.Request request = new ScenarioRun.Request(file, overrides, variant, point, connection, quiet, pcap, jobs);
        Progress progress = jobs > 1 ? Progress.off(stderr) : Progress.forRun(settings, stderr);   // one bar, not several at once
        int status = ScenarioRun.run(request, settings, dir, stdout, stderr, stop.flag(), new ScenarioRun.Listener() {
            @Override public java.util.function.LongConsumer step(String label, long duration) {
                return stop.noting(progress.step(label, duration));
            }

            @Override public void pointRan() { progress.done(); }
        });
        stdout.println("results: " + dir);
        return status;
    }

    String scenarioName() {
        String name = file.getFileName().toString();
        return name.endsWith(".conf") ? name.substring(0, name.length() - 5) : name;
    }

    /** Whether and how to show progress: only on a terminal (or output.progress = on), never with --quiet. */
    static boolean showsProgress(OutputSettings.Switch mode, boolean quiet) {
        if (quiet || mode == OutputSettings.Switch.OFF) return false;
        return mode == OutputSettings.Switch.ON || System.console() != null;
    }
}
