package io.tcpemu.workload;

import io.tcpemu.config.HostSettings;
import io.tcpemu.config.Settings;
import io.tcpemu.config.WorkloadSettings.CloseMode;
import io.tcpemu.tcp.TcpConfig;

/**
 * Whether a workload fits in the heap, checked before it starts, so a run that is too large
 * fails at once with how many connections would fit, instead of with an OutOfMemoryError
 * minutes in. The estimate is deliberately rough and on the safe side:
 * <ul>
 *   <li>connections open at once: the pool, else the concurrency limit, else Little's law with a
 *       lifetime of the think time plus one second;</li>
 *   <li>each costs two endpoints with their connections ({@link #BYTES_PER_END}) and the
 *       buffers its request and response fill on both ends;</li>
 *   <li>TIME-WAIT entries: close rate × TIME-WAIT length, bounded by the connections the run opens
 *       and the closers' port ranges, {@link #BYTES_PER_TIME_WAIT} each.</li>
 * </ul>
 */
public final class HeapBudget {
    /**
     * An endpoint (its timers, its entry in its host's table) and its Connection, without buffers
     * (they grow as data comes). Measured: {@code java -Xmx3g -XX:+UseG1GC -cp ...
     * io.tcpemu.cli.Main bench --concurrent 200000} held 200,000 established connections in 1,235
     * bytes each (the same at 100,000; 1,247-1,254 at 50,000), 618-627 per end (2026-12-07,
     * endpoints run by their host; it was 2,048 when each end was an actor); about a tenth more
     * for another JVM's collector and table sizes. {@code HeapBudgetMeasuredTest} holds it to that.
     */
    public static final long BYTES_PER_END = 700;
    /**
     * A TIME-WAIT table entry and its index. Measured as {@code bench --time-wait-entries 200000}
     * does: 180 bytes an entry (2026-12-07), rounded up; {@code HeapBudgetMeasuredTest} holds it to that.
     */
    public static final long BYTES_PER_TIME_WAIT = 200;
    /** The share of the free heap a workload may plan on: the trace, metrics and GC need the rest. */
    static final double USABLE_SHARE = 0.6;

    private HeapBudget() {}

    /**
     * @param openAtOnce         connections open at the same time
     * @param timeWaitEntries    TIME-WAIT entries held at the same time
     * @param bytesPerConnection one open connection, both ends
     * @param bytesNeeded        all of it
     */
    public record Estimate(long openAtOnce, long timeWaitEntries, long bytesPerConnection, long bytesNeeded) {
        /** How many connections fit at once in {@code available} bytes, next to the TIME-WAIT entries. */
        public long connectionsThatFit(long available) {
            return Math.max(0, available - sat(timeWaitEntries, BYTES_PER_TIME_WAIT)) / bytesPerConnection;
        }

        /** "the workload does not fit in the heap: ... need about X MiB, but about Y MiB is free; about N connections fit at once." */
        public String tooLarge(long available) {
            return String.format("the workload does not fit in the heap: about %,d connections open at once (%,d bytes each) and %,d in TIME-WAIT "
                            + "need about %,d MiB, but about %,d MiB is free; about %,d connections fit at once.",
                    openAtOnce, bytesPerConnection, timeWaitEntries, bytesNeeded >> 20, available >> 20, connectionsThatFit(available));
        }
    }

    /** Thrown by {@link #require} when a workload would not fit; the message says what does. */
    public static final class TooLarge extends IllegalStateException {
        private final long connectionsThatFit;

        TooLarge(String message, long connectionsThatFit) {
            super(message);
            this.connectionsThatFit = connectionsThatFit;
        }

        public long connectionsThatFit() { return connectionsThatFit; }
    }

    public static Estimate estimate(Settings s) {
        WorkloadPlan plan = WorkloadPlan.from(s);
        return estimate(plan, s.host(plan.clients().get(0)), s.host(plan.servers().get(0).host()));
    }

    /** The same for a plan and the settings of its (first) client and server host: the console's 'workload start'. */
    public static Estimate estimate(WorkloadPlan plan, HostSettings client, HostSettings server) {
        long requests = plan.requests() > 0 ? plan.requests() : ceil(plan.rate() * plan.duration() / TcpConfig.SECOND);
        long opened = !plan.pooled() ? requests
                : plan.requestsPerConnection() > 0 ? satAdd(ceil((double) requests / plan.requestsPerConnection()), plan.poolSize())
                : (long) plan.poolSize() * plan.clients().size();
        long open = plan.pooled() ? (long) plan.poolSize() * plan.clients().size()
                : plan.concurrencyLimit() > 0 ? plan.concurrencyLimit()
                : ceil(plan.rate() * (plan.thinkTime() + TcpConfig.SECOND) / TcpConfig.SECOND);
        open = Math.max(1, Math.min(open, opened));
        boolean serverCloses = plan.close() == CloseMode.SERVER_FIRST || plan.close() == CloseMode.SIMULTANEOUS;
        boolean clientCloses = plan.close() == CloseMode.CLIENT_FIRST || plan.close() == CloseMode.SIMULTANEOUS;
        // connections close as fast as they open: the request rate, divided by the requests a pooled one serves
        double closeRate = !plan.pooled() ? plan.rate()
                : plan.requestsPerConnection() > 0 ? plan.rate() / plan.requestsPerConnection() : 0;
        long timeWait = 0;
        if (clientCloses) timeWait = satAdd(timeWait, Math.min((long) plan.clients().size() * client.ports().size(), ceil(closeRate * client.tcp().timeWait() / TcpConfig.SECOND)));
        if (serverCloses) timeWait = satAdd(timeWait, ceil(closeRate * server.tcp().timeWait() / TcpConfig.SECOND));
        timeWait = Math.min(timeWait, sat(2, opened));   // both ends of each; an endless console workload opens Long.MAX_VALUE
        TcpConfig tcp = client.tcp();
        long buffers = 2 * Math.min(plan.requestSize(), tcp.sendBuffer()) + 2 * Math.min(plan.responseSize(), tcp.sendBuffer());
        long perConnection = 2 * BYTES_PER_END + buffers;
        return new Estimate(open, timeWait, perConnection, satAdd(sat(open, perConnection), sat(timeWait, BYTES_PER_TIME_WAIT)));
    }

    /** The share of the JVM's whole heap a run's (or the console's) trace may keep. */
    static final double TRACE_SHARE = 0.2;
    /**
     * Heap per byte of one write: the bytes, the send buffer's hold on them, the reader's copy
     * (the console keeps what arrives until it is read, in a buffer grown by doubling) and the
     * trace of the segments that carry them.
     */
    static final long HEAP_PER_WRITTEN_BYTE = 5;

    /** Trace events a run or the console keeps at most ({@link #TRACE_SHARE} of the heap); later ones are counted, not kept. */
    public static long traceEvents() {
        return io.tcpemu.trace.TraceRecorder.eventsThatFit((long) (Runtime.getRuntime().maxMemory() * TRACE_SHARE));
    }

    /** The largest single write that fits in {@code availableBytes} ({@link #HEAP_PER_WRITTEN_BYTE}). */
    public static long writeThatFits(long availableBytes) { return Math.max(0, availableBytes) / HEAP_PER_WRITTEN_BYTE; }

    /** The heap one write of {@code bytes} needs. */
    public static long writeNeeds(long bytes) { return sat(bytes, HEAP_PER_WRITTEN_BYTE); }

    /** The heap this JVM can still give a workload, in bytes. */
    public static long available() {
        Runtime r = Runtime.getRuntime();
        return (long) ((r.maxMemory() - (r.totalMemory() - r.freeMemory())) * USABLE_SHARE);
    }

    /** Throws {@link TooLarge} if the workload of {@code s} needs more than {@code availableBytes}. */
    public static void require(Settings s, long availableBytes) {
        Estimate e = estimate(s);
        if (e.bytesNeeded() <= availableBytes) return;
        long fit = e.connectionsThatFit(availableBytes);
        throw new TooLarge(e.tooLarge(availableBytes) + " "
                // concurrency-limit 0 means no limit: never advise it
                + (fit >= 1 ? "Set workload.concurrency-limit to " + fit + " or less" : "Not one connection fits beside the TIME-WAIT entries: shorten the run")
                + ", lower workload.arrival.rate or the TIME-WAIT length, or give Java more heap (-Xmx)", fit);
    }

    private static long ceil(double x) { return x >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(x); }

    /** Counts and sizes held at this ceiling: far beyond any heap, and two of them still add up without wrapping. */
    private static final long CEILING = Long.MAX_VALUE / 2;

    /** a × b for a, b ≥ 0, held at {@link #CEILING}. */
    private static long sat(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi != 0 || lo < 0 || lo > CEILING) ? CEILING : lo;
    }

    /** a + b for a, b ≥ 0, held at {@link #CEILING} (two non-negative longs that wrap give a negative sum). */
    private static long satAdd(long a, long b) {
        long sum = a + b;
        return (sum < 0 || sum > CEILING) ? CEILING : sum;
    }
}
