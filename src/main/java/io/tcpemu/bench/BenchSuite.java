package io.tcpemu.bench;

import io.tcpemu.tcp.TcpConfig;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runs what {@link BenchCommand} asked for and prints each figure, with its target where it has one. */
final class BenchSuite {
    /** The most lifecycles a warm-up run plays: enough for the JIT to compile the hot paths (it took about 1.3 emulated s at 20,000/s). */
    static final long WARM_UP_LIFECYCLES = 100_000;

    /** The targets of issue 8, printed next to the figures (never asserted by a test). */
    static final double TARGET_LIFECYCLES_PER_SECOND = 100_000;
    static final long TARGET_CONCURRENT_HEAP = 3L << 30;
    static final long TARGET_TIME_WAIT_HEAP_PER_MILLION = 200L << 20;
    static final double TARGET_HOUR_SECONDS = 30;
    /** The targets of issue 17: one emulation over partitions. */
    static final double TARGET_PARTITIONED_PER_SECOND = 150_000;
    static final double TARGET_SPEED_UP = 1.7;
    static final double TARGET_PARTITIONED_HOUR_SECONDS = 15;
    static final double TARGET_CORE_PER_SECOND = 2_000_000;

    private final BenchCommand cmd;
    private final PrintWriter out;
    /** The standard workload's lifecycles per wall-clock second over the partitions asked for (more than 1), once measured. */
    private Spread partitionedRate;

    BenchSuite(BenchCommand cmd, PrintWriter out) {
        this.cmd = cmd;
        this.out = out;
    }

    int run() {
        try {
            machine();
            if (cmd.warmUp > 0 && (cmd.runStandard() || cmd.hour)) warmUp();
            Spread standardRate = cmd.runStandard() ? standard() : null;
            if (cmd.hour) hour();
            if (cmd.concurrent > 0 && cmd.nodes == 0) concurrent();   // with --nodes, the processes hold them
            if (cmd.timeWaitEntries > 0) timeWait();
            if (cmd.vsKernel) kernel(standardRate);
            if (cmd.jmh) jmh();
            if (cmd.nodes > 0) new NodesRun(cmd, out).run();
            return 0;
        } catch (Exception e) {
            out.println("bench failed: " + e);
            return 1;
        } finally {
            out.flush();
        }
    }

    /**
     * Untimed runs of the standard workload on every partition count to be measured, before any is
     * measured. Why: a cold JVM spends its first emulated second or so in the interpreter and the
     * JIT's first tiers (measured on 2 cores: 1 partition at 44,000-51,000 lifecycles per second in a
     * JVM's first run of 300,000 and 97,000-100,000 in its second), so without it the first figure
     * measured the warm-up, and a speed-up of 2 partitions measured right after 1 took that for a
     * speed-up.
     */
    private void warmUp() {
        long tw = cmd.timeWaitMicros();
        long lifecycles = Math.min(WARM_UP_LIFECYCLES, cmd.runStandard() ? cmd.connections : WARM_UP_LIFECYCLES);
        StandardScenario one = StandardScenario.of(lifecycles, cmd.rate, tw, cmd.linkDelay, 1);
        int n = cmd.partitions();
        long wall0 = System.nanoTime();
        for (int i = 0; i < cmd.warmUp; i++) {
            ScenarioRun.run(one, false, true);
            if (n > 1) ScenarioRun.run(one.withPartitions(n), false, true);
        }
        out.printf(Locale.ROOT, "warm-up: %d untimed run%s of %,d lifecycles on 1%s partition%s, %.1f s (--warm-up 0 measures a cold JVM)%n",
                cmd.warmUp, cmd.warmUp == 1 ? "" : "s", lifecycles, n > 1 ? " and " + n : "", n > 1 ? "s each" : "",
                (System.nanoTime() - wall0) / 1e9);
    }

    private void machine() {
        out.printf(Locale.ROOT, "machine: %d cores, max heap %s, Java %s (%s)%n", Runtime.getRuntime().availableProcessors(),
                mb(Heap.max()), System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }

    private Spread standard() {
        long tw = cmd.timeWaitMicros();
        StandardScenario one = StandardScenario.of(cmd.connections, cmd.rate, tw, cmd.linkDelay, 1);
        int n = cmd.partitions();
        out.printf(Locale.ROOT, "%nstandard workload: %,d connections at %,.0f/s (emulated), %d client host(s) -> 1 server, "
                + "link delay %,d µs, TIME-WAIT %s s%n", cmd.connections, cmd.rate, one.clientHosts(), cmd.linkDelay,
                num(cmd.timeWaitSeconds));
        out.printf(Locale.ROOT, "one emulation, played by the workload supervisor of tcpemu run%s%n",
                n == 1 ? "" : "; 1 and " + n + " partitions, run by turns");
        List<ScenarioRun.Result> ones = new ArrayList<>();
        List<ScenarioRun.Result> many = new ArrayList<>();
        for (int i = 0; i < cmd.repeat; i++) {
            // the heap is measured in the first run of each: its full collections take a while
            ones.add(ScenarioRun.run(one, i == 0, true));
            out.flush();
            if (n > 1) many.add(ScenarioRun.run(one.withPartitions(n), i == 0, true));
        }
        if (cmd.asNode) NodesRun.Share.of(ones.get(0)).print(out);
        Spread rate = partitionFigures(1, ones, TARGET_LIFECYCLES_PER_SECOND, "at least 100,000");
        if (n > 1) {
            partitionedRate = partitionFigures(n, many, TARGET_PARTITIONED_PER_SECOND, "at least 150,000");
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < ones.size(); i++) ratios.add(wallRate(many.get(i)) / wallRate(ones.get(i)));
            Spread speedUp = Spread.of(ratios, r -> r);
            out.printf(Locale.ROOT, "%n");
            figure("speed-up, " + n + " partitions ÷ 1", speedUp.format("%.2f") + target(speedUp.median(), TARGET_SPEED_UP, "at least 1.7"));
            shortLinks(n);
        }
        return rate;
    }

    /** The window protocol at its most expensive: cross-partition links of 50 µs, so windows are short. */
    private void shortLinks(int n) {
        long tw = cmd.timeWaitMicros();
        StandardScenario one = StandardScenario.of(cmd.connections, cmd.rate, tw, SHORT_LINK_DELAY, 1);
        out.printf(Locale.ROOT, "%nshort links: the same workload over %,d µs links, 1 and %d partitions%n", SHORT_LINK_DELAY, n);
        ScenarioRun.Result a = ScenarioRun.run(one, false, true);
        out.flush();
        ScenarioRun.Result b = ScenarioRun.run(one.withPartitions(n), false, true);
        figure("lifecycles per wall-clock second, 1", "%,.0f".formatted(wallRate(a)));
        figure("lifecycles per wall-clock second, " + n, "%,.0f".formatted(wallRate(b)));
        windowFigures(b);
        double ratio = wallRate(b) / Math.max(1e-9, wallRate(a));
        figure(n + " partitions ÷ 1", "%.2f".formatted(ratio) + target(ratio, 1, "at least 1.0"));
    }

    /** The short cross-partition links of {@link #shortLinks}, µs. */
    static final long SHORT_LINK_DELAY = 50;

    /** The figures of the runs over {@code n} partitions. */
    private Spread partitionFigures(int n, List<ScenarioRun.Result> runs, double goal, String label) {
        out.printf(Locale.ROOT, " %d partition%s:%n", n, n == 1 ? "" : "s");
        ScenarioRun.Result first = runs.get(0);
        Spread rate = Spread.of(runs, BenchSuite::wallRate);
        figure("lifecycles completed", "%,d (failed %,d, resets %,d)".formatted(first.lifecycles(), first.failed(), first.resets()));
        figure("lifecycles per wall-clock second", rate.format("%,.0f") + target(rate.median(), goal, label));
        figure("lifecycles per CPU-second (emulation threads)", Spread.of(runs, r -> r.perCpuSecond(r.lifecycles())).format("%,.0f"));
        figure("segments", "%,d (%.1f per lifecycle)".formatted(first.segments(), first.segments() / (double) Math.max(1, first.lifecycles())));
        figure("segments per wall-clock second", Spread.of(runs, r -> r.perWallSecond(r.segments())).format("%,.0f"));
        figure("wall time", Spread.of(runs, r -> r.wallNanos() / 1e9).format("%.2f s")
                + " for %.1f s emulated".formatted(first.emulatedMicros() / 1e6));
        figure("TIME-WAIT entries at the peak", "%,d".formatted(first.peakTimeWait()));
        figure("heap at the peak (after GC)", mb(first.heapAtPeak()) + " for %,d endpoints and TIME-WAIT entries".formatted(first.liveAtPeak()));
        figure("heap per connection at the peak", perItem(first.heapAtPeak(), first.liveAtPeak()));
        if (n > 1) windowFigures(first);
        return rate;
    }

    private static double wallRate(ScenarioRun.Result r) { return r.perWallSecond(r.lifecycles()); }

    private void hour() {
        int n = cmd.partitions();
        StandardScenario one = StandardScenario.of(1_800_000, 500, 60 * TcpConfig.SECOND, cmd.linkDelay, 1);
        out.printf(Locale.ROOT, "%none simulated hour: 500 connections/s, TIME-WAIT 60 s, %d client host(s), one emulation%n", one.clientHosts());
        hourFigures(1, ScenarioRun.run(one, false, true), TARGET_HOUR_SECONDS, "under 30 s");
        if (n > 1) hourFigures(n, ScenarioRun.run(one.withPartitions(n), false, true), TARGET_PARTITIONED_HOUR_SECONDS, "at most 15 s");
    }

    /** What the window protocol cost in a run over partitions. */
    private void windowFigures(ScenarioRun.Result r) {
        ScenarioRun.WindowCost w = r.windows();
        figure("windows per emulated second", "%,.0f (%.0f%% run on one thread), %,.0f barriers".formatted(r.perEmulatedSecond(w.windows()),
                100.0 * (w.windows() - w.apart()) / Math.max(1, w.windows()), r.perEmulatedSecond(w.barriers())));
        figure("hand-offs between threads", "%,.0f per emulated second, %.2f s waited for them".formatted(r.perEmulatedSecond(w.handOffs()),
                w.handOffNanos() / 1e9));
        figure("barrier wait (summed over partitions)", "%.2f s of %.2f s wall".formatted(w.barrierNanos() / 1e9, r.wallNanos() / 1e9));
    }

    private void hourFigures(int n, ScenarioRun.Result r, double goalSeconds, String label) {
        out.printf(Locale.ROOT, " %d partition%s:%n", n, n == 1 ? "" : "s");
        double seconds = r.wallNanos() / 1e9;
        figure("lifecycles completed", "%,d (failed %,d)".formatted(r.lifecycles(), r.failed()));
        figure("wall time for the simulated hour", "%.1f s".formatted(seconds) + target(-seconds, -goalSeconds, label));
        figure("CPU time of the emulation threads", "%.1f s".formatted(r.cpuNanos() / 1e9));
        figure("lifecycles per wall-clock second", "%,.0f".formatted(r.perWallSecond(r.lifecycles())));
        figure("segments per wall-clock second", "%,.0f".formatted(r.perWallSecond(r.segments())));
        if (n > 1) windowFigures(r);
    }

    private void concurrent() {
        int clients = StandardScenario.clientsFor(cmd.concurrent);
        out.printf(Locale.ROOT, "%nconcurrent connections: %,d held established (%,d endpoints), %d client hosts%n",
                cmd.concurrent, 2 * cmd.concurrent, clients);
        HoldRun.Result r = HoldRun.run(cmd.concurrent, Math.max(cmd.rate, 100_000));
        if (cmd.asNode) NodesRun.Share.of(r).print(out);
        figure("connections established", "%,d (failed %,d)".formatted(r.held(), r.failed()));
        figure("wall time to open them", "%.1f s".formatted(r.wallNanos() / 1e9));
        figure("heap for them (after GC)", mb(r.heap()) + scaledTarget(r.heap(), r.held(), 1_000_000, TARGET_CONCURRENT_HEAP, "1,000,000 connections"));
        figure("heap per connection (2 endpoints)", perItem(r.heap(), r.held()));
    }

    private void timeWait() {
        long n = cmd.timeWaitEntries;
        StandardScenario p = new StandardScenario(n, Math.max(cmd.rate, 100_000), 3_600 * TcpConfig.SECOND, cmd.linkDelay, 1,
                StandardScenario.clientsFor(n));
        out.printf(Locale.ROOT, "%nTIME-WAIT table: %,d lifecycles left in TIME-WAIT (1 h), %d client hosts%n", n, p.clientHosts());
        ScenarioRun.Result r = ScenarioRun.run(p, true, false);
        figure("TIME-WAIT entries", "%,d".formatted(r.peakTimeWait()));
        figure("heap for them (after GC)", mb(r.heapAtPeak())
                + scaledTarget(r.heapAtPeak(), r.peakTimeWait(), 1_000_000, TARGET_TIME_WAIT_HEAP_PER_MILLION, "1,000,000 entries"));
        figure("heap per TIME-WAIT entry", perItem(r.heapAtPeak(), r.peakTimeWait()));
    }

    private void kernel(Spread emulatorRate) throws Exception {
        int n = (int) Math.min(cmd.kernelConnections, cmd.runStandard() ? cmd.connections : cmd.kernelConnections);
        if (emulatorRate == null) {
            StandardScenario p = StandardScenario.of(n, cmd.rate, cmd.timeWaitMicros(), cmd.linkDelay, 1);
            emulatorRate = Spread.of(List.of(ScenarioRun.run(p, false, true)), BenchSuite::wallRate);
        }
        out.printf(Locale.ROOT, "%nkernel on 127.0.0.1: %,d connect/request/response/close lifecycles, one client thread%n", n);
        KernelLoop.Result k = KernelLoop.run(n);
        figure("kernel lifecycles completed", "%,d".formatted(k.lifecycles()) + (k.stoppedBy() == null ? "" : " (stopped: " + k.stoppedBy() + ")"));
        figure("kernel lifecycles per wall-clock second", "%,.0f".formatted(k.perSecond()));
        figure("emulator ÷ kernel", "%.2f".formatted(emulatorRate.median() / Math.max(1e-9, k.perSecond()))
                + (cmd.partitions() > 1 && partitionedRate != null ? "; with %d partitions %.2f".formatted(cmd.partitions(),
                partitionedRate.median() / Math.max(1e-9, k.perSecond())) : ""));
    }

    private void jmh() throws Exception {
        out.printf("%npure core (JMH, CoreLifecycleBenchmark, one thread)%n");
        out.flush();
        JmhRun.Result r = JmhRun.run();
        figure("core lifecycles per second", "%,.0f ± %,.0f".formatted(r.score(), r.error())
                + target(r.score(), TARGET_CORE_PER_SECOND, "at least 2,000,000"));
        double cpu = CoreCpuRun.lifecyclesPerCpuSecond(1_000_000, 5);
        figure("core lifecycles per CPU-second (best of 5)", "%,.0f".formatted(cpu) + target(cpu, TARGET_CORE_PER_SECOND, "at least 2,000,000"));
    }

    // ---- formatting ------------------------------------------------------------------------

    void figure(String name, String value) {
        out.printf(Locale.ROOT, "  %-46s %s%n", name + ":", value);
    }

    /** "  [target at least 100,000: met]" or "... missed, 6.2x off". Larger is better; pass negatives to flip. */
    private static String target(double value, double goal, String label) {
        String t = "  [target " + label + ": ";
        if (value >= goal) return t + "met]";
        double factor = goal > 0 ? goal / Math.max(1e-9, value) : value / goal;
        return t + String.format(Locale.ROOT, "missed, %.1fx off]", factor);
    }

    /** Heap for {@code count} items scaled to {@code scaleTo}, against the target for that many. */
    private static String scaledTarget(long bytes, long count, long scaleTo, long goal, String what) {
        if (count <= 0 || bytes < 0) return "";
        long scaled = (long) ((double) bytes / count * scaleTo);
        return "; for " + what + ": " + mb(scaled) + target(-scaled, -goal, "at most " + mb(goal));
    }

    private static String perItem(long bytes, long count) {
        if (bytes < 0 || count <= 0) return "n/a";
        return String.format(Locale.ROOT, "%,d bytes", bytes / count);
    }

    static String mb(long bytes) { return String.format(Locale.ROOT, "%,.1f MB", bytes / 1048576.0); }

    private static String num(double d) { return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d); }
}
