package io.tcpemu.workload;

import io.tcpemu.config.Settings;
import io.tcpemu.emulation.Emulation;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.metrics.Metrics;
import io.tcpemu.metrics.MetricsCollector;
import io.tcpemu.metrics.Predictions;
import io.tcpemu.metrics.SummaryTable;
import io.tcpemu.time.VirtualClock;
import io.tcpemu.trace.TraceBus;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.function.Function;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One workload run in its own {@link Emulation} (virtual or real time, as the scenario says): the
 * scenario's network, the workload, and a metrics collector on the trace. {@link #run(Settings)}
 * does it all; the CLI, the console and tests use the steps ({@link #start}, {@link #awaitResult()},
 * the clock, {@link #stop()}, {@link #finish()}).
 */
public final class WorkloadRun implements AutoCloseable {
    /**
     * Far beyond any run (emulated or wall time), within what Pekko's real-time scheduler accepts:
     * Int.MaxValue ticks, about 24.8 days at the 1 ms tick real time uses.
     */
    public static final Duration ASK_TIMEOUT = Duration.ofDays(20);

    /** A run's results: the workload's own counts, the trace's metrics, and what the analytic model predicts. */
    public record Outcome(Settings settings, WorkloadResult workload, Metrics metrics, Predictions predictions) {
        /** The workload's lines, then the metrics summary with the predictions beside the measurements. */
        public String summary() { return workload.summary() + "\n" + SummaryTable.render(metrics, predictions); }
    }

    private final Settings settings;
    private final Emulation emulation;
    private final TraceBus trace;
    private final MetricsCollector collector;
    private final ActorRef<Workload.Command> workload;
    private final long startedAt;
    private final WorkloadPlan plan;

    private WorkloadRun(Settings settings, TraceBus trace, boolean measure) {
        HeapBudget.require(settings, HeapBudget.available()); // fail now with what fits, not with an OutOfMemoryError later
        this.settings = settings;
        this.plan = WorkloadPlan.from(settings);
        this.trace = trace;
        this.collector = new MetricsCollector(settings.output().sampleInterval(), settings::rowOf);
        this.emulation = Emulation.fromSettings(settings);
        this.startedAt = emulation.now();
        try {
            if (measure) {
                trace.subscribe(collector);
                emulation.trace().subscribe(trace::publish);
            }
            this.workload = Workload.start(emulation, plan, "workload");
        } catch (RuntimeException e) {
            emulation.close();
            throw e;
        }
    }

    /**
     * Starts the scenario's emulation (virtual or real time, as its settings say) and its workload.
     *
     * @throws HeapBudget.TooLarge if the workload cannot fit in the heap (the message says how many connections do)
     */
    public static WorkloadRun start(Settings settings) { return new WorkloadRun(settings, new TraceBus(), true); }

    /** Starts them publishing on {@code trace} too, so its subscribers see the run from its first event. */
    public static WorkloadRun start(Settings settings, TraceBus trace) { return new WorkloadRun(settings, trace, true); }

    /**
     * Starts them with nobody on the trace, so no trace event is even built: the fastest run (for
     * benchmarks). The workload's own counts remain; the metrics of {@link #finish()} are empty.
     */
    public static WorkloadRun startUntraced(Settings settings) { return new WorkloadRun(settings, new TraceBus(), false); }

    /** Runs the scenario's workload to its end and returns what it measured. */
    public static Outcome run(Settings settings) {
        try (WorkloadRun run = start(settings)) {
            run.awaitResult();
            return run.finish();
        }
    }

    public Emulation emulation() { return emulation; }
    /** The virtual clock; an error if the scenario runs in real time. */
    public VirtualClock clock() { return emulation.clock(); }
    public TraceBus trace() { return trace; }
    public ActorRef<Workload.Command> workload() { return workload; }

    /**
     * Drives the clock until the workload ended (all done, or its duration), and returns its
     * result. The clock moves in steps of {@link #STEP} (never past the deadline) and the workload
     * is asked between them, so the run stops at the same time whatever the partition count (one
     * condition checked after every event would hold the partitions to one instant per window):
     * the end and its time are exact, the counts are those of the step's end, up to a second later.
     */
    public WorkloadResult awaitResult() {
        long limit = emulation.now() + 2 * settings.run().duration() + 60 * TcpConfig.SECOND;
        long deadline = io.tcpemu.tcp.TimeHorizon.plus(startedAt, settings.run().duration());
        while (true) {
            // the end alone each step (cheap); the whole result once, at the same held instant
            WorkloadResult.End end = endNow();
            if (end != null && end != WorkloadResult.End.RUNNING) return drive(ask(Workload.GetResult::new));
            if (Thread.interrupted() || end == null) return drive(ask(this::stopHeld));
            if (emulation.now() >= limit) throw new IllegalStateException("the workload did not end within " + limit + " µs of emulated time");
            long now = emulation.now();
            emulation.clock().advanceTo(now < deadline ? Math.min(deadline, now + STEP) : Math.min(limit, now + STEP));
        }
    }

    /** How far {@link #awaitResult()} moves the clock between two looks at the workload: one emulated second. */
    public static final long STEP = TcpConfig.SECOND;

    /** Stops the workload now, as Ctrl-C does, and returns what it measured so far. */
    public WorkloadResult stop() { return drive(ask(this::stopHeld)); }

    /** The workload's result (final once it ended) and the metrics up to now. */
    public Outcome finish() {
        WorkloadResult result = drive(ask(Workload.GetResult::new));
        return new Outcome(settings, result, collector.finish(emulation.now()).withActivePeriod(result.startedAt(), result.endedAt()), TimeWaitModel.of(settings));
    }

    /** The stop every partition's clients take at this instant, as on one partition (called here, the clock held, as the ask makes it). */
    private Workload.Stop stopHeld(ActorRef<WorkloadResult> replyTo) {
        return Workload.stopHeld(emulation, workload, plan, replyTo);
    }

    private <R> CompletableFuture<R> ask(Function<ActorRef<R>, Workload.Command> message) {
        CompletableFuture<R> result = new CompletableFuture<>();
        AskPattern.ask(workload, message, ASK_TIMEOUT, emulation.system().scheduler()).whenCompleteAsync((reply, failure) -> {
            if (failure != null) result.completeExceptionally(failure);
            else result.complete(reply);
        }, Runnable::run);
        return result;
    }

    /**
     * Waits for the workload's answer, driving the virtual clock (or waiting in real time). An
     * interrupt (Ctrl-C) stops the run as {@link Workload.Stop} does, and the answer is what was
     * measured until then.
     */
    private WorkloadResult drive(CompletableFuture<WorkloadResult> reply) {
        try {
            return emulation.await(reply, awaitBound());
        } catch (IllegalStateException e) {
            if (Thread.interrupted()) return drive(ask(this::stopHeld));
            throw e;
        }
    }

    /** Whether and why the workload ended by now; null if an interrupt (Ctrl-C) came while waiting for the answer. */
    private WorkloadResult.End endNow() {
        try {
            return emulation.await(ask(Workload.GetEnd::new), awaitBound());
        } catch (IllegalStateException e) {
            if (Thread.currentThread().isInterrupted()) return null;
            throw e;
        }
    }

    /** The workload's own deadline ends it within its duration; this bound only guards against a hang. */
    private long awaitBound() { return 2 * settings.run().duration() + 60 * TcpConfig.SECOND; }

    @Override public void close() { emulation.close(); }
}
