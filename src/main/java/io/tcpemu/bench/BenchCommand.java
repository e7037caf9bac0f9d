package io.tcpemu.bench;

import io.tcpemu.tcp.TcpConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code tcpemu bench}: how fast and how small the emulator is, against its targets. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures the emulator in virtual time: lifecycles and segments per wall-clock second, "
                + "peak connections, heap per connection, one simulated hour; optionally against the kernel and JMH.")
public final class BenchCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--connections", paramLabel = "N", description = "Lifecycles in the standard workload (default ${DEFAULT-VALUE}; 0 skips it).")
    long connections = 200_000;

    @Option(names = "--rate", paramLabel = "PER_SECOND", description = "Arrivals per emulated second in the standard workload (default ${DEFAULT-VALUE}).")
    double rate = 20_000;

    @Option(names = "--time-wait", paramLabel = "SECONDS", description = "TIME-WAIT of the clients, emulated seconds (default ${DEFAULT-VALUE}).")
    double timeWaitSeconds = 60;

    @Option(names = "--link-delay", paramLabel = "MICROS", description = "One-way link delay, emulated µs (default ${DEFAULT-VALUE}).")
    long linkDelay = 1_000;

    @Option(names = "--repeat", paramLabel = "K", description = "Runs of the standard workload; figures are the median, with min and max (default ${DEFAULT-VALUE}).")
    int repeat = 1;

    @Option(names = "--warm-up", paramLabel = "K", description = "Untimed runs of the standard workload (at most "
            + "100,000 lifecycles) on each partition count before anything is measured, so the JIT has compiled the hot paths "
            + "(default ${DEFAULT-VALUE}; 0 measures a cold JVM).")
    int warmUp = 1;

    @Option(names = "--partitions", paramLabel = "N|auto", description = "Also run the standard workload and the hour as one emulation "
            + "over N virtual-time partitions (the scenario key partitions; auto: one per core), side by side with 1 partition, "
            + "and report the speed-up (default ${DEFAULT-VALUE}).")
    String partitions = "1";

    @Option(names = "--hour", description = "Also one simulated hour: 500 connections per second, TIME-WAIT 60 s (1.8 million lifecycles).")
    boolean hour;

    @Option(names = "--concurrent", paramLabel = "N", description = "Memory test: hold N connections established (2N endpoints), report heap per connection.")
    long concurrent;

    @Option(names = "--time-wait-entries", paramLabel = "N", description = "Memory test: N lifecycles left in TIME-WAIT, report the heap they take.")
    long timeWaitEntries;

    @Option(names = "--vs-kernel", description = "Also run real connect/accept/close lifecycles on 127.0.0.1 and report emulator ÷ kernel.")
    boolean vsKernel;

    @Option(names = "--kernel-connections", paramLabel = "N", description = "Lifecycles for --vs-kernel, at most 100000 (default: as --connections, capped at ${DEFAULT-VALUE}).")
    int kernelConnections = 20_000;

    @Option(names = "--nodes", paramLabel = "N", description = "Also run the held-connections test (with --concurrent) as N local processes at once, "
            + "each a JVM with its own heap (--node-heap) holding its share, and the standard workload as one emulation spread over 1, 2 ... N "
            + "nodes (this process and tcpemu node processes, partitions = nodes): lifecycles per second, bytes between nodes, barrier time.")
    int nodes;

    @Option(names = "--node-heap", paramLabel = "SIZE", description = "Heap of each --nodes process, as java -Xmx takes it (default ${DEFAULT-VALUE}).")
    String nodeHeap = "4g";

    /** Set in the processes of --nodes: print each figure a share measured as one line for the parent. */
    @Option(names = "--as-node", hidden = true)
    boolean asNode;

    @Option(names = "--jmh", description = "Also run the JMH benchmark of the pure core (handshake+close lifecycles per second, one thread).")
    boolean jmh;

    @Override public Integer call() {
        check(rate > 0, "--rate must be above 0, got " + rate);
        check(timeWaitSeconds > 0, "--time-wait must be above 0 seconds, got " + timeWaitSeconds);
        check(linkDelay >= 0, "--link-delay must not be negative, got " + linkDelay);
        check(partitions() >= 1 && partitions() <= 64, "--partitions must be 1..64 or auto, got " + partitions);
        String unavailable = StandardScenario.partitionsProblem(partitions());
        check(unavailable == null, unavailable);
        check(repeat >= 1 && repeat <= 100, "--repeat must be 1..100, got " + repeat);
        check(warmUp >= 0 && warmUp <= 10, "--warm-up must be 0..10, got " + warmUp);
        check(nodes >= 0 && nodes <= 16, "--nodes must be 0..16, got " + nodes);
        check(nodeHeap.matches("\\d+[kKmMgG]?"), "--node-heap must be a size such as 3500m or 4g, got " + nodeHeap);
        check(concurrent >= 0 && concurrent <= 50_000_000, "--concurrent must be 0..50000000, got " + concurrent);
        check(timeWaitEntries >= 0 && timeWaitEntries <= 50_000_000, "--time-wait-entries must be 0..50000000, got " + timeWaitEntries);
        check(kernelConnections >= 1 && kernelConnections <= KernelLoop.MAX_LIFECYCLES,
                "--kernel-connections must be 1.." + KernelLoop.MAX_LIFECYCLES + ", got " + kernelConnections);
        return new BenchSuite(this, spec.commandLine().getOut()).run();
    }

    private void check(boolean ok, String message) {
        if (!ok) throw new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The clients' TIME-WAIT asked for ({@code --time-wait}), emulated µs. */
    long timeWaitMicros() { return (long) (timeWaitSeconds * TcpConfig.SECOND); }

    /** The partition count asked for: a number, or auto for one per core; 0 when it is neither. */
    int partitions() {
        if (partitions.equals("auto")) return Runtime.getRuntime().availableProcessors();
        try {
            return Integer.parseInt(partitions);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The standard workload runs here unless only other tests were asked for (or --connections 0, or --nodes). */
    boolean runStandard() {
        if (connections <= 0 || nodes > 0) return false;   // with --nodes, the processes run it
        boolean explicit = spec != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--connections");
        return explicit || !(hour || concurrent > 0 || timeWaitEntries > 0 || jmh || nodes > 0);
    }
}
