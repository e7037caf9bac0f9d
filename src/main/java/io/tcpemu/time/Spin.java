package io.tcpemu.time;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.function.BooleanSupplier;

/**
 * A short wait without sleeping, for the window protocol's hand-offs, used only while the
 * machine has a core to spare. Between two windows the partitions and their coordinator wait for
 * each other for microseconds; parking a thread on a condition and waking it costs two futex
 * calls and a trip through the OS scheduler, often more than the work of a window. So on a quiet
 * machine each side first yields the core for a while, watching the flag, and only then parks
 * (yielding rather than spinning on the core lets the thread it waits for run there instead).
 * On a machine with more runnable threads than cores, yielding hands the core to other work for a
 * whole time slice, while a parked thread that is woken gets the CPU back at once: measured on
 * 2 shared cores at load 25, yielding made 2 partitions 3 to 7 times slower than parking, so then it
 * only parks. The load average is looked at once a second.
 */
final class Spin {
    /** How long to watch before parking, wall nanos: a few windows of a dense run. */
    static final long BUDGET_NANOS = 50_000;
    private static final long LOOK_EVERY_NANOS = 1_000_000_000L;
    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private static volatile boolean quiet;
    private static volatile long lookedAt = System.nanoTime() - LOOK_EVERY_NANOS;

    private Spin() {}

    /** Watches {@code done} for up to {@link #BUDGET_NANOS} if the machine has a core to spare; true if it came. */
    static boolean until(BooleanSupplier done) {
        if (done.getAsBoolean()) return true;
        if (!quiet()) return false;
        long deadline = System.nanoTime() + BUDGET_NANOS;
        do {
            Thread.yield();
            if (done.getAsBoolean()) return true;
        } while (System.nanoTime() - deadline < 0);
        return false;
    }

    /** Fewer runnable threads than cores over the last minute (unknown counts as busy). */
    private static boolean quiet() {
        long t = System.nanoTime();
        if (t - lookedAt >= LOOK_EVERY_NANOS) {
            lookedAt = t;
            double load = OS.getSystemLoadAverage();
            quiet = load >= 0 && load < CORES - 0.5;
        }
        return quiet;
    }
}
