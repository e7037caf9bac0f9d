package io.tcpemu.cluster;

import org.apache.pekko.actor.typed.ActorSystem;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code tcpemu run --cluster}: joins the cluster as a submitter, lets a {@link Coordinator} carry
 * the run out, and leaves the cluster again. Prints what a local run prints, and on stderr a line
 * saying where it ran.
 */
public final class Submission {
    private Submission() {}

    /**
     * @param address the address this process binds (the nodes reach it there)
     * @param stop    set by Ctrl-C: the node stops the run and sends what it measured
     * @return the exit status: {@code tcpemu run}'s, or {@link Coordinator#CLUSTER_FAILED}
     */
    public static int run(Coordinator.Request request, String address, PrintStream out, PrintStream err, AtomicBoolean stop) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        ActorSystem<Coordinator.Command> system;
        try {
            system = ClusterSystem.start(Coordinator.create(request, out, err, done), address, 0, request.seeds(), ClusterSystem.SUBMITTER_ROLE);
        } catch (IllegalStateException e) {
            err.println("cluster: " + e.getMessage());
            return Coordinator.CLUSTER_FAILED;
        }
        try {
            boolean stopSent = false;
            while (true) {
                try {
                    return done.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    if (stop.get() && !stopSent) {
                        system.tell(new Coordinator.Stop());
                        stopSent = true;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return io.tcpemu.run.ScenarioRun.INTERRUPTED;
        } catch (java.util.concurrent.ExecutionException e) {
            err.println("cluster: the run failed: " + e.getCause());
            return Coordinator.CLUSTER_FAILED;
        } finally {
            system.terminate();   // leaves the cluster
            try {
                system.getWhenTerminated().toCompletableFuture().get(ClusterSystem.LEAVE_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // a node lost mid-run can hold up a graceful leave; the process ends anyway
            }
        }
    }
}
