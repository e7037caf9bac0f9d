package io.tcpemu.cli;

import io.tcpemu.cluster.ClusterSystem;
import io.tcpemu.cluster.NodeWorker;
import io.tcpemu.config.ClusterSettings;
import org.apache.pekko.actor.typed.ActorSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tcpemu node}: a worker of a tcpemu cluster, running the scenarios submitters send it until stopped. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Starts a node of a tcpemu cluster: it joins the cluster and runs the scenarios that "
                + "'tcpemu run FILE --cluster HOST:PORT' submits, one at a time, until stopped (Ctrl-C leaves the cluster).",
                "Exit status: 0 left the cluster, 2 an option is wrong or the port is taken."})
public final class NodeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "P", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0: any free port)")
    int port = 2551;

    @Option(names = "--seed-nodes", split = ",", paramLabel = "HOST:PORT", description = "Nodes to join through (default: none, this node starts the cluster)")
    List<String> seeds = new ArrayList<>();

    @Option(names = "--address", paramLabel = "A", description = "Address to listen on and be reached at (default: ${DEFAULT-VALUE}; give the machine's own address to reach other machines)")
    String address = "127.0.0.1";

    private final PrintStream stdout;
    private final PrintStream stderr;

    public NodeCommand() { this(System.out, System.err); }

    NodeCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) return usage("--port " + port + ": expected 0-65535");
        for (String s : seeds) {
            String problem = ClusterSettings.checkHostPort(s.trim());
            if (problem != null) return usage("--seed-nodes: " + problem);
        }
        List<String> seedNodes = seeds.stream().map(String::trim).toList();
        ActorSystem<NodeWorker.Command> system;
        try {
            system = ClusterSystem.start(NodeWorker.create(Version.number(), stdout), address, port, seedNodes, ClusterSystem.NODE_ROLE);
        } catch (IllegalStateException e) {
            return usage(e.getMessage());
        }
        ClusterSystem.joinSelfIfFirst(system, seedNodes);
        String self = ClusterSystem.self(system);
        stdout.println("tcpemu node " + Version.number() + " at " + self + ", "
                + (seedNodes.isEmpty() ? "starting a cluster" : "joining through " + String.join(",", seedNodes))
                + "; waiting for runs (Ctrl-C leaves)");
        stdout.flush();
        system.getWhenTerminated().toCompletableFuture().join();
        return 0;
    }

    private int usage(String line) {
        stderr.println("tcpemu node: " + line);
        return RunCommand.USAGE;
    }
}
