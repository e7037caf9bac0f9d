package io.tcpemu.bench;

import io.tcpemu.emulation.Emulation;
import io.tcpemu.runtime.HostCounters;
import io.tcpemu.runtime.Link;
import io.tcpemu.time.VirtualClock;
import io.tcpemu.workload.WorkloadResult;
import io.tcpemu.workload.WorkloadRun;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

import java.time.Duration;

/**
 * One run of the {@link StandardScenario} the way {@code tcpemu run} plays a scenario: one
 * emulation (over the scenario's partitions), the workload supervisor with its drivers and server
 * application, no trace subscribers. The wall clock is read only around the clock drives, so the
 * heap measurement at the peak (full GCs) is not counted as emulation time.
 */
final class ScenarioRun {
    private ScenarioRun() {}

    /** The heap figure of a run that did not measure it (a measured one may be slightly negative: GC noise). */
    static final long NOT_MEASURED = Long.MIN_VALUE;

    /**
     * @param lifecycles     client connections that ended normally (TIME-WAIT entered, and expired if the run went on)
     * @param failed         requests whose connection failed
     * @param resets         connections reset, either end
     * @param segments       segments put on the links
     * @param wallNanos      wall time of driving the clock (without the heap measurement)
     * @param cpuNanos       CPU time of the emulation threads (all partitions) over the same drives
     * @param emulatedMicros emulated time the run covered
     * @param peakTimeWait   TIME-WAIT entries once the last connection closed (the peak, when all fit in one TIME-WAIT)
     * @param heapAtPeak     heap in use after GC at that moment, minus the heap before the first arrival, or {@link #NOT_MEASURED}
     * @param liveAtPeak     connection endpoints plus TIME-WAIT entries alive then
     * @param windows        the window protocol's figures over the same drives (all 0 on one partition)
     */
    record Result(long lifecycles, long failed, long resets, long segments, long wallNanos, long cpuNanos,
                  long emulatedMicros, long peakTimeWait, long heapAtPeak, long liveAtPeak, WindowCost windows) {
        double perWallSecond(long n) { return n * 1e9 / Math.max(1, wallNanos); }
        double perCpuSecond(long n) { return n * 1e9 / Math.max(1, cpuNanos); }
        double perEmulatedSecond(long n) { return n * 1e6 / Math.max(1, emulatedMicros); }
    }

    /**
     * What the window protocol cost over a run's drives.
     *
     * @param windows      windows run
     * @param apart        of them, those run on several threads at once (the rest on one thread, partition after partition)
     * @param handOffs     windows a partition's thread was woken for by another thread
     * @param handOffNanos wall time from those wake-ups to the woken thread taking its window up, summed
     * @param barrierNanos wall time partitions that ran at once waited at barriers for the slowest, summed over partitions
     * @param barriers     barriers that ran their hooks (the trace): windows run in turn on one thread share one
     */
    record WindowCost(long windows, long apart, long handOffs, long handOffNanos, long barrierNanos, long barriers) {
        static WindowCost between(VirtualClock.WindowStats a, VirtualClock.WindowStats b) {
            return new WindowCost(b.windows() - a.windows(), b.windowsApart() - a.windowsApart(), b.handOffs() - a.handOffs(),
                    b.handOffNanos() - a.handOffNanos(), b.barrierWaitNanos() - a.barrierWaitNanos(), b.barriers() - a.barriers());
        }
    }

    /**
     * @param measureHeap stop once the last connection closed, collect garbage and measure the heap
     * @param untilExpiry then drive on until every TIME-WAIT entry has expired
     */
    static Result run(StandardScenario scenario, boolean measureHeap, boolean untilExpiry) {
        try (WorkloadRun run = WorkloadRun.startUntraced(scenario.settings())) {
            Emulation emu = run.emulation();
            VirtualClock clock = emu.clock();
            // the baseline holds the workload's own fixed structures (its drivers' histograms): up to the first connect
            clock.runUntil(() -> endpoints(emu) > 0, clock.now() + 60_000_000L);
            long baseline = measureHeap ? Heap.usedAfterGc() : 0;

            long startMicros = clock.now();
            VirtualClock.WindowStats w0 = clock.windowStats();
            long cpu0 = clock.cpuTimeNanos();
            long wall0 = System.nanoTime();
            WorkloadResult w = run.awaitResult();
            long wall = System.nanoTime() - wall0;
            long cpu = clock.cpuTimeNanos() - cpu0;
            long timeWait = timeWaitEntries(emu);
            long live = timeWait + endpoints(emu);
            long heap = measureHeap ? Heap.usedAfterGc() - baseline : NOT_MEASURED;

            if (untilExpiry) {
                long cpu1 = clock.cpuTimeNanos();
                long wall1 = System.nanoTime();
                clock.runUntilIdle(clock.now() + scenario.timeWait() + 60_000_000L); // only TIME-WAIT expiry timers are left
                wall += System.nanoTime() - wall1;
                cpu += clock.cpuTimeNanos() - cpu1;
            }
            if (w.end() != WorkloadResult.End.COMPLETED) {
                throw new IllegalStateException("the benchmark's workload ended " + w.end() + " " + w.problem());
            }
            long lifecycles = w.connectionsClosed() - w.reset() - (untilExpiry ? timeWaitEntries(emu) : 0);
            VirtualClock.WindowStats w1 = clock.windowStats();
            return new Result(lifecycles, w.requestsFailed(), w.reset() + w.serverResets(), segments(emu), wall, cpu,
                    clock.now() - startMicros, timeWait, heap, live, WindowCost.between(w0, w1));
        }
    }

    /** TIME-WAIT entries of the hosts this JVM runs (on a cluster, another node's hosts are not counted). */
    private static long timeWaitEntries(Emulation emu) {
        long n = 0;
        for (String h : emu.hostNames()) {
            HostCounters c = emu.env().counters(h);
            if (c != null) n += c.snapshot().timeWaitCount();
        }
        return n;
    }

    /** Connection ends (endpoints) the hosts still hold; a host that has not started yet holds none. */
    private static long endpoints(Emulation emu) {
        long n = 0;
        for (String h : emu.hostNames()) {
            HostCounters c = emu.env().counters(h);
            if (c != null) n += c.snapshot().connections();
        }
        return n;
    }

    /** Segments put on every link, asked of the links once the run is over. */
    static long segments(Emulation emu) {
        long n = 0;
        for (ActorRef<Link.Command> link : emu.links().values()) {
            Link.Info info = emu.await(AskPattern.ask(link, Link.GetInfo::new, Duration.ofSeconds(10), emu.system().scheduler()),
                    Emulation.DEFAULT_AWAIT_MICROS);
            n += info.stats().transmitted();
        }
        return n;
    }
}
