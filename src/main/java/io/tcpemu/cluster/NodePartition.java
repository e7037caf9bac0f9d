package io.tcpemu.cluster;

import io.tcpemu.time.RemotePartition;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The driving node's handle on a partition another node serves ({@link PartitionHost}): each
 * window one message there and its report back, over Artery. A window waiting when the serving
 * node is lost fails at once with the verdict ({@link ClusterSites#lost}), so the run ends then,
 * not at the ask's timeout.
 */
final class NodePartition implements RemotePartition {
    /** A safety net only: a lost node fails the window as soon as the failure detector says so. */
    private static final Duration WINDOW_TIMEOUT = Duration.ofMinutes(10);

    private final ActorSystem<?> system;
    private final String node;
    private final ActorRef<PartitionHost.Command> host;
    private volatile CompletableFuture<Report> pending;
    private volatile String lost;
    private final int partition;
    private final java.util.function.Consumer<String> log;
    /** Windows asked, segments handed to it and from it, wall nanos the driver waited for its reports. */
    private long windows, segmentsIn, segmentsOut, waitedNanos;

    /** Whether the driver reads the trace now: the partition's trace events are asked for (and built) only then. */
    private final java.util.function.BooleanSupplier traced;

    /** @param log gets one line when the emulation is over: what the partition cost */
    NodePartition(ActorSystem<?> system, String node, int partition, ActorRef<PartitionHost.Command> host,
                  java.util.function.BooleanSupplier traced, java.util.function.Consumer<String> log) {
        this.system = system;
        this.traced = traced;
        this.node = node;
        this.partition = partition;
        this.host = host;
        this.log = log;
    }

    @Override public String name() { return "node " + node; }

    String node() { return node; }

    /** Windows asked of it so far. */
    long windows() { return windows; }

    /** Wall nanoseconds the driver waited for its reports so far. */
    long waitedNanos() { return waitedNanos; }

    @Override public CompletionStage<Report> runTo(long end, List<Crossing> received) {
        CompletableFuture<Report> result = new CompletableFuture<>();
        pending = result;
        String why = lost;
        if (why != null) {
            result.completeExceptionally(new IllegalStateException(why));
            return result;
        }
        windows++;
        segmentsIn += received.size();
        long asked = System.nanoTime();
        List<WindowMessage.Handover> handovers;
        try {
            handovers = WindowMessage.Handover.of(received);
        } catch (IllegalStateException e) {
            result.completeExceptionally(e);
            return result;
        }
        AskPattern.<PartitionHost.Command, WindowMessage>ask(host, r -> new WindowMessage.Window(end, handovers, traced.getAsBoolean(), r), WINDOW_TIMEOUT, system.scheduler())
                .whenComplete((m, e) -> {
                    waitedNanos += System.nanoTime() - asked;
                    if (m instanceof WindowMessage.Done d) segmentsOut += d.sent().size();
                    if (e != null) result.completeExceptionally(new IllegalStateException("cluster: node " + node + " did not answer a window: " + e.getMessage()));
                    else if (m instanceof WindowMessage.Done d) result.complete(d.report());
                    else if (m instanceof WindowMessage.Failed f) result.completeExceptionally(new IllegalStateException("cluster: " + f.problem()));
                });
        return result;
    }

    @Override public void rewindTo(long t) { host.tell(new PartitionHost.Rewind(t)); }

    @Override public void close() {
        if (closed) return;
        closed = true;
        host.tell(new PartitionHost.Close());
        log.accept(String.format(java.util.Locale.ROOT, "partition %d on node %s: %,d windows, %,d segments handed to it and %,d from it, %.2f s waiting for it",
                partition, node, windows, segmentsIn, segmentsOut, waitedNanos / 1e9));
    }

    private boolean closed;

    /** Its node is gone: the window waiting fails now, and every later one at once. */
    void lost(String why) {
        lost = why;
        CompletableFuture<Report> p = pending;
        if (p != null) p.completeExceptionally(new IllegalStateException(why));
    }
}
