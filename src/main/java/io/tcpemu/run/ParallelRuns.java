package io.tcpemu.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/**
 * Runs a scenario's planned runs, up to {@code jobs} at once, and hands the results back in plan
 * order. Each run is its own emulation, decided by its settings and seed alone, so running them side
 * by side changes when they finish, never what they measure. With one job each run starts only
 * when asked for, in the caller's thread (as before --jobs existed).
 */
public final class ParallelRuns implements AutoCloseable {
    private final List<ScenarioFile.Planned> plan;
    private final BiFunction<ScenarioFile.Planned, String, Runner.Options> options;
    private final ExecutorService pool;
    private final List<Future<RunResult>> futures = new ArrayList<>();
    private final int jobs;
    private int next;

    /** @param options the options of one run (its pcap, progress, stop flag), given the run and its label */
    public ParallelRuns(int jobs, List<ScenarioFile.Planned> plan, BiFunction<ScenarioFile.Planned, String, Runner.Options> options) {
        this.plan = List.copyOf(plan);
        this.options = options;
        this.pool = jobs > 1 ? Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "tcpemu-run");
            t.setDaemon(true);
            return t;
        }) : null;
        this.jobs = jobs;
        if (pool != null) for (int i = 0; i < Math.min(jobs, this.plan.size()); i++) submit(i);
    }

    /**
     * Runs {@code i} in the pool. Runs are handed to the pool only {@code jobs} ahead of the one
     * handed out: results that finished early wait in memory, traces and all, until taken.
     */
    private void submit(int i) {
        ScenarioFile.Planned p = plan.get(i);
        futures.add(pool.submit(() -> runOne(p)));
    }

    /** The next run's result, in plan order; null when every run was handed out or the rest were stopped before they began. */
    public RunResult next() {
        if (next >= plan.size()) return null;
        int i = next++;
        if (pool == null) return runOne(plan.get(i));
        if (i + jobs < plan.size()) submit(i + jobs);
        try {
            return futures.set(i, null).get();   // the list lets go of it: the caller keeps what it needs
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    private RunResult runOne(ScenarioFile.Planned p) {
        Runner.Options o = options.apply(p, p.label());
        if (o.stop().get()) return null;
        return Runner.run(p.settings(), p.label(), o);
    }

    @Override public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
