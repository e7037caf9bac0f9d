package io.tcpemu.time;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.function.BooleanSupplier;

/**
 * A short wait without sleeping, for the window protocol's hand-offs; one per waiting thread.
 * Between two windows the partitions wait for each other for microseconds; parking a thread and
 * waking it costs two futex calls and a trip through the OS scheduler (on a virtual machine the
 * woken vCPU may first have to leave the hypervisor's halt: tens of µs), often more than the
 * work of a window. So each side first yields the core for a while, watching the flag, and only
 * then parks (yielding rather than spinning lets the thread it waits for, or anyone else, run there).
 *
 * <p>Whether watching pays is learned from what it got: a wait that saw the flag come counts
 * for, one that gave up counts against, and after mostly vain waits it only parks, trying again
 * once in {@link #PROBE_EVERY} waits. Watching is vain when the other side has a long window to
 * run, or when the machine has more runnable threads than cores and the other side waits for
 * one: a yield then hands the core away for a whole time slice, while a parked thread that is
 * woken gets it back at once (measured on 2 shared cores at load 25: always yielding made 2
 * partitions 3 to 7 times slower than parking). The load average alone could not tell: a run
 * over 2 partitions on 2 cores is itself a load of 2. Past {@link #BUSY_LOAD_PER_CORE} runnable
 * threads per core it does not even try.
 */
final class Spin {
    /** How long to watch before parking, wall nanos: a few windows of a dense run. */
    static final long BUDGET_NANOS = 50_000;
    /** While watching does not pay, one wait in this many watches anyway, to see whether it pays again. */
    static final int PROBE_EVERY = 64;
    /** Credit a wait that saw the flag come earns, and the most credit kept. */
    private static final int EARNED = 1, MAX_CREDIT = 16, LOST = 4;
    static final double BUSY_LOAD_PER_CORE = 4;
    private static final long LOOK_EVERY_NANOS = 1_000_000_000L;
    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** tcpemu.time.spin = auto (learn), always, never: for measuring the hand-offs themselves. */
    private static final String MODE = System.getProperty("tcpemu.time.spin", "auto");

    private static volatile boolean busy;
    private static volatile long lookedAt = System.nanoTime() - LOOK_EVERY_NANOS;

    /** Owner's thread only. */
    private int credit = MAX_CREDIT;
    private int sinceProbe;

    /** Watches {@code done} for up to {@link #BUDGET_NANOS} if that has been paying; true if it came. */
    boolean until(BooleanSupplier done) {
        if (done.getAsBoolean()) return true;
        if (!worthWatching()) return false;
        long deadline = System.nanoTime() + BUDGET_NANOS;
        do {
            Thread.yield();
            if (done.getAsBoolean()) {
                credit = Math.min(MAX_CREDIT, credit + EARNED);
                return true;
            }
        } while (System.nanoTime() - deadline < 0);
        credit = Math.max(-MAX_CREDIT, credit - LOST);
        return false;
    }

    private boolean worthWatching() {
        if (MODE.equals("always")) return true;
        if (MODE.equals("never") || busyMachine()) return false;
        if (credit > 0) return true;
        if (++sinceProbe < PROBE_EVERY) return false;
        sinceProbe = 0;
        credit = LOST;   // one vain probe takes it back
        return true;
    }

    /** Far more runnable threads than cores over the last minute (unknown counts as not). */
    static boolean busyMachine() {
        long t = System.nanoTime();
        if (t - lookedAt >= LOOK_EVERY_NANOS) {
            lookedAt = t;
            double load = OS.getSystemLoadAverage();
            busy = load >= CORES * BUSY_LOAD_PER_CORE;
        }
        return busy;
    }
}
