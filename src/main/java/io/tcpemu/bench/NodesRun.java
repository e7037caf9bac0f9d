package io.tcpemu.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.time.Duration;
import io.tcpemu.cluster.DrivingNode;
import io.tcpemu.cluster.NodeWorker;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * {@code tcpemu bench --nodes N}: the held-connections test as N processes on this machine at
 * once, each a JVM with its own heap holding its share (the same {@code tcpemu bench}, told to
 * print what it measured in one line), and their sums; and the standard workload as one
 * emulation spread over 1, 2 .. N nodes ({@link #spread}): what one run over a cluster costs.
 */
final class NodesRun {
    private static final String SHARE = "node-share:";

    /** What one process measured: connections held and the heap they took, or lifecycles; wall time either way. */
    record Share(long held, long heap, long lifecycles, long failed, long wallNanos) {
        static Share of(HoldRun.Result r) { return new Share(r.held(), r.heap(), 0, r.failed(), r.wallNanos()); }

        static Share of(ScenarioRun.Result r) { return new Share(0, 0, r.lifecycles(), r.failed(), r.wallNanos()); }

        void print(PrintWriter out) {
            out.printf(Locale.ROOT, "%s %d %d %d %d %d%n", SHARE, held, heap, lifecycles, failed, wallNanos);
            out.flush();
        }

        static Share parse(String line) {
            String[] f = line.substring(line.indexOf(SHARE) + SHARE.length()).trim().split(" ");
            return new Share(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
        }
    }

    private final BenchCommand cmd;
    private final PrintWriter out;

    NodesRun(BenchCommand cmd, PrintWriter out) {
        this.cmd = cmd;
        this.out = out;
    }

    void run() throws IOException, InterruptedException {
        int n = cmd.nodes;
        if (cmd.concurrent > 0) {
            out.printf(Locale.ROOT, "%nconcurrent connections over %d processes (-Xmx%s each): %,d held established in all%n", n, cmd.nodeHeap, cmd.concurrent);
            List<Share> shares = shares(n, HELD_GC, List.of("--connections", "0", "--concurrent", Long.toString(cmd.concurrent / n)));
            long held = 0, heap = 0, failed = 0, wall = 0;
            for (Share s : shares) {
                held += s.held();
                heap += s.heap();
                failed += s.failed();
                wall = Math.max(wall, s.wallNanos());
            }
            figure("connections established", "%,d (failed %,d)".formatted(held, failed));
            figure("wall time to open them (slowest process)", "%.1f s".formatted(wall / 1e9));
            figure("heap for them (after GC, summed)", BenchSuite.mb(heap) + " (largest process: " + BenchSuite.mb(
                    shares.stream().mapToLong(Share::heap).max().orElse(0)) + ")");
            figure("heap per connection (2 endpoints)", "%,.0f bytes".formatted(heap / (double) Math.max(1, held)));
        }
        if (cmd.connections > 0) spread(n);
    }

    /**
     * The standard workload as one emulation over 1, 2 .. N nodes by turns, {@code partitions} =
     * nodes: this process founds a cluster on 127.0.0.1 and drives (partition 0, the server), N - 1
     * {@code tcpemu node} processes serve the other partitions (the clients and their drivers).
     */
    private void spread(int n) throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "%none emulation of the standard workload over 1 .. %d nodes (partitions = nodes): %,d connections at %,.0f/s;"
                + " this process drives and runs partition 0, 'tcpemu node' processes (-Xmx%s) the others%n", n, cmd.connections, cmd.rate, cmd.nodeHeap);
        List<Process> processes = new ArrayList<>();
        try (DrivingNode driver = DrivingNode.found(DRIVER_VERSION)) {
            for (int i = 1; i < n; i++) processes.add(node(driver.address()));
            List<ActorRef<NodeWorker.Command>> nodes = driver.awaitNodes(n, NODES_UP);
            for (int k = 1; k <= n; k++) {
                StandardScenario scenario = StandardScenario.of(cmd.connections, cmd.rate, cmd.timeWaitMicros(), cmd.linkDelay, k);
                DrivingNode.Spread<ScenarioRun.Result> s = driver.run(nodes.subList(0, k), () -> ScenarioRun.run(scenario, false, false));
                ScenarioRun.Result r = s.result();
                figure(k + " node" + (k == 1 ? "" : "s") + ", lifecycles per wall-clock second",
                        "%,.0f (%,d lifecycles, failed %,d, %.2f s)".formatted(r.perWallSecond(r.lifecycles()), r.lifecycles(), r.failed(), r.wallNanos() / 1e9));
                if (k == 1) continue;
                long bytes = s.bytesSent() + s.bytesReceived();
                figure("  bytes between nodes per lifecycle", "%,.0f (%,d sent and %,d received by the driver, %,d windows)"
                        .formatted(bytes / (double) Math.max(1, r.lifecycles()), s.bytesSent(), s.bytesReceived(), s.windows()));
                figure("  barrier time", "%.2f s waited for the slowest node's reports (%.3f ms a window); %.2f s at barriers in all"
                        .formatted(s.waitedNanos() / 1e9, s.waitedNanos() / 1e6 / Math.max(1, s.windows()), r.windows().barrierNanos() / 1e9));
            }
        } finally {
            for (Process p : processes) p.destroy();
        }
    }

    /** The version the driving process says it runs: it takes no runs but its own. */
    private static final String DRIVER_VERSION = "bench";
    /** Generous: node JVMs start slowly on a loaded machine. */
    private static final Duration NODES_UP = Duration.ofMinutes(5);

    /** A {@code tcpemu node} process that joins the cluster at {@code seed}; its output is not read (the driver reports). */
    private Process node(String seed) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + cmd.nodeHeap, "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), "io.tcpemu.cli.Main",
                "node", "--port", "0", "--seed-nodes", seed));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private void figure(String name, String value) { out.printf(Locale.ROOT, "  %-46s %s%n", name + ":", value); }

    /**
     * The held connections all live to the end, so every young collection copies all it finds: a
     * survivor promoted at once is copied once, not again each collection while it ages (BENCHMARKS.md:
     * a little less young-pause time at 300,000 held).
     */
    private static final List<String> HELD_GC = List.of("-XX:MaxTenuringThreshold=0");

    /** Starts {@code k} processes of {@code tcpemu bench --as-node} with these JVM flags and options, all at once, and reads their shares. */
    private List<Share> shares(int k, List<String> jvm, List<String> options) throws IOException, InterruptedException {
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + cmd.nodeHeap, "-XX:+UseG1GC"));
            command.addAll(jvm);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.tcpemu.cli.Main", "bench", "--as-node"));
            command.addAll(options);
            processes.add(new ProcessBuilder(command).redirectErrorStream(true).start());
        }
        try {
            return read(processes);
        } finally {
            for (Process p : processes) p.destroy();   // none left running when one failed
        }
    }

    private static List<Share> read(List<Process> processes) throws IOException, InterruptedException {
        int k = processes.size();
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Process p = processes.get(i);
            Share share = null;
            StringBuilder text = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith(SHARE)) share = Share.parse(line);
                    else text.append(line).append('\n');
                }
            }
            int status = p.waitFor();   // a share printed counts, even if its JVM was slow to end (stopped while shutting down)
            if (share == null) throw new IllegalStateException("process " + (i + 1) + " of " + k + " ended with status " + status
                    + " and no figures:\n" + text);
            shares.add(share);
        }
        return shares;
    }
}
