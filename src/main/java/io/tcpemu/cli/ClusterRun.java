package io.tcpemu.cli;

import io.tcpemu.cluster.Coordinator;
import io.tcpemu.cluster.Job;
import io.tcpemu.cluster.Submission;
import io.tcpemu.config.ClusterSettings;
import io.tcpemu.run.ResultsCleanup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code tcpemu run FILE --cluster HOST:PORT}: the same run, carried out by a node, its results folder written here. */
final class ClusterRun {
    private ClusterRun() {}

    static int run(RunCommand cmd, ClusterSettings where, Path dir, AtomicBoolean stop) {
        if (cmd.pcap != null) {
            throw new IllegalArgumentException("--pcap: not with a cluster run; set output.pcap.enabled = true for run.pcapng in the results folder");
        }
        for (String s : where.seedNodes()) {
            String problem = ClusterSettings.checkHostPort(s);
            if (problem != null) throw new IllegalArgumentException("--cluster: " + problem);
        }
        if (where.nodes() < 1) throw new IllegalArgumentException("--nodes " + where.nodes() + ": expected 1 or more");
        String text;
        try {
            text = Files.readString(cmd.file);
        } catch (IOException e) {
            throw new UncheckedIOException(cmd.file + ": cannot read: " + e.getMessage(), e);
        }
        Job job = new Job(cmd.file.toString(), text, List.copyOf(cmd.overrides), cmd.variant, cmd.point, cmd.connection, cmd.quiet,
                dir.toAbsolutePath().normalize().getFileName().toString());
        Coordinator.Request request = new Coordinator.Request(job, where.nodes(), Duration.ofNanos(where.waitMicros() * 1000),
                Version.number(), where.seedNodes(), dir);
        Set<Path> kept = ResultsCleanup.clear(dir);
        int status = Submission.run(request, where.address(), cmd.stdout(), cmd.stderr(), stop);
        ResultsCleanup.record(dir, kept);
        if (Files.isDirectory(dir)) cmd.stdout().println("results: " + dir);
        return status;
    }
}
