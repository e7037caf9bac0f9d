package io.tcpemu.bench;

import io.tcpemu.tcp.Profile;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The pure core's lifecycles per CPU-second of this thread, beside JMH's wall-clock score: on a
 * machine shared with other work, wall time measures the neighbours as much as the core.
 * Warms up first, then takes the best of a few rounds (the least disturbed).
 */
final class CoreCpuRun {
    private CoreCpuRun() {}

    static double lifecyclesPerCpuSecond(int perRound, int rounds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CoreLoop loop = new CoreLoop(Profile.LINUX.config());
        int port = FIRST_PORT;
        for (int i = 0; i < perRound; i++) port = next(loop, port);
        double best = 0;
        for (int r = 0; r < rounds; r++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) port = next(loop, port);
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            best = Math.max(best, perRound * 1e9 / Math.max(1, cpu));
        }
        return best;
    }

    private static final int FIRST_PORT = 32768;

    /** One lifecycle on the next client port, cycling through Linux's ephemeral range as {@link CoreLifecycleBenchmark} does. */
    private static int next(CoreLoop loop, int port) {
        int p = port == 60999 ? FIRST_PORT : port + 1;
        loop.lifecycle(p);
        return p;
    }
}
