package io.tcpemu.cli;

import io.tcpemu.cluster.ClusterSystem;
import io.tcpemu.cluster.Coordinator;
import io.tcpemu.cluster.Job;
import io.tcpemu.cluster.NodeWorker;
import io.tcpemu.cluster.Submission;
import io.tcpemu.cluster.WatchedOutput;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A submitter and nodes in this JVM (each its own cluster member on 127.0.0.1): a run comes back as
 * the local run's folder, and what must be refused before a run starts is, in one line.
 */
class ClusterSubmissionTest {
    private static ActorSystem<NodeWorker.Command> node;
    private static String seed;
    private static final WatchedOutput nodeLog = new WatchedOutput();

    @TempDir Path tmp;
    private final WatchedOutput out = new WatchedOutput();
    private final WatchedOutput err = new WatchedOutput();

    @BeforeAll static void startNode() {
        node = ClusterSystem.start(NodeWorker.create(Version.number(), nodeLog.printStream()), "127.0.0.1", 0, List.of(), ClusterSystem.NODE_ROLE);
        ClusterSystem.joinSelfIfFirst(node, List.of());
        seed = ClusterSystem.self(node);
    }

    @AfterAll static void stopNode() throws Exception {
        node.terminate();
        node.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private int run(String... args) {
        return new CommandLine(new RunCommand(out.printStream(), err.printStream())).execute(args);
    }

    @Test void aRunOnANodeWritesTheFolderALocalRunWrites() throws Exception {
        Path local = tmp.resolve("local/handshake"), remote = tmp.resolve("cluster/handshake");
        assertThat(run("conf/handshake.conf", "--out", local.toString())).isZero();
        String localOut = out.text();
        assertThat(run("conf/handshake.conf", "--cluster", seed, "--nodes", "1", "--out", remote.toString(), "--set", "cluster.wait=300s")).isZero();
        assertThat(FolderDiff.between(local, remote)).isEmpty();
        assertThat(FolderDiff.files(remote)).contains("summary.txt", "ladder.svg", "report.html", "metrics.json");
        String remoteOut = out.text().substring(localOut.length());
        assertThat(remoteOut.replace(remote.toString(), "DIR")).isEqualTo(localOut.replace(local.toString(), "DIR"));
        assertThat(err.text()).contains("cluster: running on node " + seed + " (1 up)");
        assertThat(nodeLog.text()).contains("run of conf/handshake.conf for ").contains(": ended, exit status 0");
    }

    @Test void aNodeOfAnotherVersionIsRefusedInOneLine() throws Exception {
        ActorSystem<NodeWorker.Command> old = ClusterSystem.start(NodeWorker.create("0.0.1-old", new WatchedOutput().printStream()),
                "127.0.0.1", 0, List.of(seed), ClusterSystem.NODE_ROLE);
        try {
            Path dir = tmp.resolve("handshake");
            int status = run("conf/handshake.conf", "--cluster", seed, "--nodes", "2", "--out", dir.toString(), "--set", "cluster.wait=300s");
            assertThat(status).isEqualTo(Coordinator.CLUSTER_FAILED);
            assertThat(err.text().lines().filter(l -> l.contains("refused")).toList()).containsExactly(
                    "cluster: node " + ClusterSystem.self(old) + " runs tcpemu 0.0.1-old, this is tcpemu " + Version.number()
                            + ": refused (run the same version on every node)");
            assertThat(dir).doesNotExist();
            assertThat(out.text()).isEmpty();
        } finally {
            old.terminate();
            old.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test void aScenarioANodeCannotLoadIsRefusedBeforeTheRun() {
        Job job = new Job("elsewhere/broken.conf", "duration = soon\n", List.of(), null, null, null, false, "broken");
        Path dir = tmp.resolve("broken");
        int status = Submission.run(new Coordinator.Request(job, 1, Duration.ofSeconds(300), Version.number(), List.of(seed), dir),
                "127.0.0.1", out.printStream(), err.printStream(), new AtomicBoolean());
        assertThat(status).isEqualTo(Coordinator.INVALID);
        List<String> lines = err.text().lines().filter(l -> l.startsWith("cluster: node ")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("cluster: node " + seed + ": elsewhere/broken.conf:1: duration").contains("soon");
        assertThat(dir).doesNotExist();
    }

    /** On a loaded machine the seed's node may not have answered within the 5 s either: then none is named. */
    @Test void tooFewNodesEndsWithAClearErrorAfterTheWait() {
        int status = run("conf/handshake.conf", "--cluster", seed, "--nodes", "5", "--out", tmp.resolve("h").toString(), "--set", "cluster.wait=5s");
        assertThat(status).isEqualTo(Coordinator.CLUSTER_FAILED);
        assertThat(err.text().strip()).matches("cluster: (\\d of 5 nodes up after 5 s( \\(.*\\))?; start more with 'tcpemu node --seed-nodes "
                + seed + "', or ask for fewer with --nodes|could not join the cluster through " + seed + " within 5 s: .*)");
        assertThat(Files.exists(tmp.resolve("h"))).isFalse();
    }
}
