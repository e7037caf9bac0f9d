package io.tcpemu.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One workload split over independent emulations run side by side, each on its own virtual-time
 * thread (so its own core) with its own server and a share of the connections and the rate. A
 * virtual-time emulation is single-threaded by design (that makes it reproducible), so this is how
 * a run uses more than one core.
 */
final class Shards {
    private Shards() {}

    static LoadRun.Result run(LoadRun.Params p, int shards, boolean measureHeap, boolean untilExpiry) throws Exception {
        if (shards == 1) return new LoadRun(p, measureHeap, untilExpiry).run();
        ExecutorService pool = Executors.newFixedThreadPool(shards);
        try {
            List<Future<LoadRun.Result>> futures = new ArrayList<>();
            for (int i = 0; i < shards; i++) {
                long n = p.connections() / shards + (i < p.connections() % shards ? 1 : 0);
                LoadRun.Params share = LoadRun.Params.lifecycles(n, p.rate() / shards, p.timeWait(), p.linkDelay());
                // A full GC to measure one shard's heap would stall the others: no heap figure when sharded.
                futures.add(pool.submit(() -> new LoadRun(share, false, untilExpiry).run()));
            }
            List<LoadRun.Result> results = new ArrayList<>();
            for (Future<LoadRun.Result> f : futures) results.add(join(f));
            return combine(results);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Counts add up; the wall time is the slowest shard's (they start together), CPU time adds up. */
    static LoadRun.Result combine(List<LoadRun.Result> rs) {
        long lifecycles = 0, failed = 0, resets = 0, segments = 0, wall = 0, cpu = 0, emulated = 0, peak = 0, tw = 0, live = 0;
        for (LoadRun.Result r : rs) {
            lifecycles += r.lifecycles();
            failed += r.failed();
            resets += r.resets();
            segments += r.segments();
            wall = Math.max(wall, r.wallNanos());
            cpu += r.cpuNanos();
            emulated = Math.max(emulated, r.emulatedMicros());
            peak += r.peakOpen();
            tw += r.peakTimeWait();
            live += r.liveAtPeak();
        }
        return new LoadRun.Result(lifecycles, failed, resets, segments, wall, cpu, emulated, peak, tw, -1, live);
    }

    private static LoadRun.Result join(Future<LoadRun.Result> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }
}
