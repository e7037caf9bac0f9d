package io.tcpemu.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap in use after full collections: the live data, what "heap per connection" divides. */
final class Heap {
    private Heap() {}

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /** Bytes of heap in use once repeated full GCs stop freeing anything. */
    static long usedAfterGc() {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            MEMORY.gc();
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (used >= previous - (1 << 20)) return Math.min(used, previous);
            previous = used;
        }
        return previous;
    }

    /** The most heap this JVM may use (-Xmx). */
    static long max() { return Runtime.getRuntime().maxMemory(); }
}
