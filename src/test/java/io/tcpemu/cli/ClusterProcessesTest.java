package io.tcpemu.cli;

import io.tcpemu.cluster.Coordinator;
import io.tcpemu.cluster.WatchedOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three {@code tcpemu node} JVMs on 127.0.0.1 (the build's classpath, free ports) and this JVM as the
 * submitter: scenarios run across them write the folder a local run writes, a node killed mid-run
 * ends the run loudly with the points it finished, and the nodes left take the next run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessesTest {
    private static final Duration GENEROUS = Duration.ofSeconds(300);
    private static final Pattern NODE_AT = Pattern.compile("tcpemu node \\S+ at (127\\.0\\.0\\.1:\\d+)");
    /** host:port → the node's process and its output. */
    private static final Map<String, Node> nodes = new LinkedHashMap<>();
    private static String seed;
    /** The README's run command. */
    private static List<String> submit;

    @TempDir static Path tmp;

    private record Node(Process process, WatchedOutput output) {}

    /** The README's "Three processes on one machine", command by command, with the seed's port free here and the others any. */
    private static List<List<String>> readmeCommands(int port) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String block = readme.substring(readme.indexOf("### Three processes on one machine"));
        block = block.substring(block.indexOf("```") + 3, block.indexOf("```", block.indexOf("```") + 3));
        List<List<String>> commands = new ArrayList<>();
        for (String line : block.strip().lines().toList()) {
            String command = line.replaceAll("#.*", "").replace("&", "").strip();
            List<String> args = new ArrayList<>(List.of(command.split("\\s+")));
            assertThat(args.remove(0)).isEqualTo("./tcpemu");
            args.replaceAll(a -> a.equals("2552") || a.equals("2553") ? "0" : a.replace("2551", Integer.toString(port)));
            commands.add(args);
        }
        return commands;
    }

    @BeforeAll static void startThreeNodes() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        seed = "127.0.0.1:" + port;
        List<List<String>> readme = readmeCommands(port);
        assertThat(readme).hasSize(4);
        submit = readme.get(3);
        List<WatchedOutput> outputs = new ArrayList<>();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assertThat(readme.get(i).get(0)).isEqualTo("node");
            Process p = start(readme.get(i).subList(1, readme.get(i).size()));
            processes.add(p);
            outputs.add(new WatchedOutput().follow(p.getInputStream(), "node-" + i));
        }
        for (int i = 0; i < 3; i++) {
            Matcher m = NODE_AT.matcher(outputs.get(i).await("waiting for runs", GENEROUS));
            assertThat(m.find()).isTrue();
            nodes.put(m.group(1), new Node(processes.get(i), outputs.get(i)));
        }
    }

    private static Process start(List<String> nodeArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "node"));
        cmd.addAll(nodeArgs);
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    @AfterAll static void stopNodes() throws InterruptedException {
        for (Node n : nodes.values()) n.process().destroy();
        for (Node n : nodes.values()) {
            if (!n.process().waitFor(30, TimeUnit.SECONDS)) n.process().destroyForcibly();
        }
    }

    private static final class Submitter {
        final WatchedOutput out = new WatchedOutput();
        final WatchedOutput err = new WatchedOutput();

        int run(String... args) { return new CommandLine(new RunCommand(out.printStream(), err.printStream())).execute(args); }
    }

    /**
     * The scenario run here and across the cluster, into folders of the same name: both folders must be equal, byte for byte.
     * {@code extra}: more options for both runs (a partition count).
     */
    private static void sameAsLocal(String scenario, int nodeCount, String... extra) throws IOException {
        String seeds = String.join(",", nodes.keySet());   // every live node: the first one may be the one killed
        String name = Path.of(scenario).getFileName().toString().replace(".conf", "");
        String tag = nodeCount + String.join("", extra).replaceAll("\\W", "");
        Path local = tmp.resolve("local-" + tag).resolve(name), remote = tmp.resolve("cluster-" + tag).resolve(name);
        Submitter here = new Submitter(), there = new Submitter();
        List<String> localArgs = new ArrayList<>(List.of(scenario, "--quiet", "--out", local.toString()));
        localArgs.addAll(List.of(extra));
        List<String> clusterArgs = new ArrayList<>(List.of(scenario, "--quiet", "--out", remote.toString(), "--cluster", seeds,
                "--nodes", Integer.toString(nodeCount), "--set", "cluster.wait=300s"));
        clusterArgs.addAll(List.of(extra));
        int localStatus = here.run(localArgs.toArray(String[]::new));
        int status = there.run(clusterArgs.toArray(String[]::new));
        assertThat(status).as(there.err.text() + nodesOutput()).isEqualTo(localStatus).isZero();
        assertThat(FolderDiff.between(local, remote)).isEmpty();
        assertThat(there.out.text().replace(remote.toString(), "DIR")).isEqualTo(here.out.text().replace(local.toString(), "DIR"));
        assertThat(there.err.text()).contains("cluster: running on node 127.0.0.1:", "(" + nodeCount + " up)");
    }

    /** What the nodes printed, for a failure's message. */
    private static String nodesOutput() {
        StringBuilder b = new StringBuilder();
        nodes.forEach((name, n) -> b.append("\n--- node ").append(name).append(":\n").append(n.output().text()));
        return b.toString();
    }

    @Test @Order(1) void theReadmesCommandsRunCloseRaceAcrossThreeNodesAsLocally() throws IOException {
        assertThat(submit).containsExactly("run", "conf/close-race.conf", "--cluster", seed, "--nodes", "3");
        sameAsLocal("conf/close-race.conf", 3);
    }

    /**
     * A workload whose clients sit on three partitions, one on each node: the drivers of c1 and c2 run on
     * the nodes that hold their hosts (their ports run out there), and what they count comes back each window.
     */
    @Test @Order(2) void aWorkloadWhoseClientsSitOnThreeNodesGivesTheResultsOfOneJvm() throws IOException {
        sameAsLocal("src/test/resources/cluster/clients-apart.conf", 3);
        assertThat(nodesOutput()).contains("partition 1 of 3 (hosts c1) for ", "partition 2 of 3 (hosts c2) for ");
        Path summary = tmp.resolve("cluster-3/clients-apart/summary.txt");
        assertThat(Files.readString(summary)).containsPattern("c1 +50 ").containsPattern("c2 +50 ");
    }

    /**
     * The script stops that workload at 1 s (a stop its supervisor decides, as on Ctrl-C): the drivers of c1 and
     * c2 on the other nodes hear it with their next window and stop when they would in one JVM, so the folder,
     * the output and the trace hash are the local run's. Before, they went on until the deadline.
     */
    @Test @Order(3) void aWorkloadStoppedEarlyStopsItsClientsOnTheOtherNodesAsInOneJvm() throws IOException {
        sameAsLocal("src/test/resources/cluster/clients-apart-stopped.conf", 3);
        assertThat(nodesOutput()).contains("partition 1 of 3 (hosts c1) for ", "partition 2 of 3 (hosts c2) for ");
    }

    @Test @Order(3) void closeRaceOverThreePartitionsOnThreeNodesHashesAsInOneJvm() throws IOException {
        sameAsLocal("conf/close-race.conf", 3, "--set", "partitions=3");
        assertThat(nodesOutput()).contains("partition 1 of 3 (hosts ) for ", "partition 2 of 3 (hosts ) for ");
    }

    @Test @Order(4) void timeWaitRemediesOverThreePartitionsOnThreeNodesWritesTheLocalFolder() throws IOException {
        // the server runs on another node than its client, so every lifecycle crosses: 4 s of each variant keeps the build short
        sameAsLocal("conf/time-wait-remedies.conf", 3, "--set", "partitions=3", "--set", "duration=4s");
    }

    /** Every SYN and its RST cross between nodes: client on the driver, its two servers one on each other node. */
    @Test @Order(5) void segmentsBetweenPartitionsOnThreeNodesGiveTheTraceOfOneJvm() throws IOException {
        sameAsLocal("src/test/resources/cluster/refused-apart.conf", 3);
        assertThat(nodesOutput()).contains("partition 1 of 3 (hosts server) for ", "partition 2 of 3 (hosts other) for ");
    }

    /** A node serving a partition is killed: the run ends naming it, and the driver, left alone, is free for the next run. */
    @Test @Order(6) void aNodeKilledMidRunEndsTheRunLoudlyWithThePointsItFinished() throws Exception {
        Submitter s = new Submitter();
        Path dir = tmp.resolve("killed/time-wait-remedies");
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> s.run("conf/time-wait-remedies.conf", "--quiet",
                "--out", dir.toString(), "--cluster", seed, "--nodes", "3", "--set", "cluster.wait=300s", "--set", "partitions=3"));
        run.whenComplete((status, e) -> {
            s.err.wake();
            s.out.wake();
        });
        Matcher m = Pattern.compile("running on node (127\\.0\\.0\\.1:\\d+)").matcher(s.err.await("cluster: ", GENEROUS));
        assertThat(m.find()).as(s.err.text()).isTrue();
        String driver = m.group(1);
        String victim = nodes.keySet().stream().filter(n -> !n.equals(driver)).findFirst().orElseThrow();
        s.out.await("1-baseline: ", GENEROUS);   // one point done and sent: the kill lands mid-run
        nodes.get(victim).process().destroyForcibly();

        int status = run.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
        assertThat(status).as(s.err.text() + nodesOutput()).isEqualTo(Coordinator.CLUSTER_FAILED);
        List<String> errors = s.err.text().lines().filter(l -> l.startsWith("cluster: node ")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).matches("cluster: node " + Pattern.quote(victim)
                + " became unreachable \\(the failure detector's verdict\\) at \\d+\\.\\d{3} s of emulated time \\(point \\S+\\);"
                + " the run ended early, the points it finished are in .*");
        assertThat(Files.readString(dir.resolve("cluster-failure.txt")).strip()).isEqualTo(errors.get(0));
        assertThat(dir.resolve("1-baseline/summary.txt")).exists();
        assertThat(dir.resolve("sweep.csv")).doesNotExist();
        assertThat(s.out.text()).contains("results: " + dir);
        nodes.remove(victim);
    }

    @Test @Order(7) void theNodesLeftTakeTheNextRun() throws IOException {
        sameAsLocal("conf/close-race.conf", 2);
    }
}
