package io.tcpemu.cluster;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.Settings;
import io.tcpemu.emulation.Gathered;
import io.tcpemu.emulation.PartitionServer;
import io.tcpemu.time.RemotePartition;
import io.tcpemu.workload.Workload;
import io.tcpemu.workload.WorkloadPlan;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * One partition a node serves for a run driven on another node: a {@link PartitionServer} on a
 * thread of its own (its windows block while the partition runs), answering the driver's
 * {@link WindowMessage.Window}s in order. It ends when the driver closes it or its driving node's
 * worker goes away, so a lost driver leaves nothing running.
 */
public final class PartitionHost {
    public sealed interface Command extends ClusterMessage permits WindowMessage.Window, Rewind, Close {}

    /** Put the clock back to {@code t} (the run went idle there). */
    public record Rewind(long t) implements Command {}

    /** The point is over. */
    public record Close() implements Command {}

    /** The workload's name, as the driver's run starts it. */
    private static final String WORKLOAD = "workload";

    private PartitionHost() {}

    /**
     * @param settingsText the scenario point's effective settings, as the driver runs it
     * @param driver       the driving node's worker, watched
     * @param log          a line when it starts and ends
     */
    static Behavior<Command> create(String settingsText, int count, int partition, ActorRef<?> driver, Consumer<String> log) {
        return Behaviors.setup(ctx -> {
            ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "tcpemu-partition-" + partition);
                t.setDaemon(true);
                return t;
            });
            PartitionServer[] server = new PartitionServer[1];
            String[] broken = new String[1];
            thread.execute(() -> {
                try {
                    ConfigLoader.Result loaded = ConfigLoader.parse(settingsText, "the driver's settings", List.of());
                    if (loaded instanceof ConfigLoader.Invalid bad) throw new IllegalArgumentException(bad.problems().get(0).toString());
                    Settings s = ((ConfigLoader.Loaded) loaded).settings();
                    server[0] = new PartitionServer(s, count, partition);
                    if (s.workload().enabled()) Workload.serve(server[0], WorkloadPlan.from(s), WORKLOAD);
                    Workload.serveStartsWhileRunning(server[0]);   // a run's script may start a workload of its own
                    log.accept("partition " + partition + " of " + count + " (hosts " + String.join(", ", PartitionServer.hostsOf(s, count, partition))
                            + ") for " + NodeName.of(driver) + ": serving");
                } catch (RuntimeException e) {
                    broken[0] = "partition " + partition + " could not start on " + ClusterSystem.self(ctx.getSystem()) + ": " + e.getMessage();
                }
            });
            ctx.watch(driver);
            Runnable close = () -> thread.execute(() -> {
                if (server[0] != null) server[0].close();
                server[0] = null;
                thread.shutdown();
            });
            return Behaviors.receive(Command.class)
                    .onMessage(WindowMessage.Window.class, w -> {
                        thread.execute(() -> w.replyTo().tell(window(server[0], broken[0], w, ClusterSystem.self(ctx.getSystem()))));
                        return Behaviors.same();
                    })
                    .onMessage(Rewind.class, r -> {
                        thread.execute(() -> { if (server[0] != null) server[0].rewind(r.t()); });
                        return Behaviors.same();
                    })
                    .onMessage(Close.class, c -> {
                        close.run();
                        return Behaviors.stopped();
                    })
                    .onSignal(Terminated.class, t -> {
                        log.accept("partition " + partition + ": its driver " + NodeName.of(t.getRef()) + " is gone; stopping it");
                        close.run();
                        return Behaviors.stopped();
                    })
                    .build();
        });
    }

    private static WindowMessage window(PartitionServer server, String broken, WindowMessage.Window w, String self) {
        if (server == null) return new WindowMessage.Failed(broken != null ? broken : "node " + self + ": the partition is closed");
        try {
            RemotePartition.Report r = server.serve(w.end(), WindowMessage.Handover.crossings(w.received()), w.traced());
            Gathered g = (Gathered) r.gathered();
            return new WindowMessage.Done(r.now(), r.nextEventTime(), r.idle(), r.lastActivity(), WindowMessage.Handover.of(r.sent()),
                    g.trace(), g.news(), r.cpuNanos());
        } catch (RuntimeException e) {
            return new WindowMessage.Failed("node " + self + ": " + e.getMessage());
        }
    }
}
