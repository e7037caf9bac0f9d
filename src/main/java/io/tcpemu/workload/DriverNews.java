package io.tcpemu.workload;

import io.tcpemu.emulation.PartitionNews;

import java.util.List;

/**
 * What a workload driver on another node tells the workload's supervisor after a window in which
 * something changed for it ({@link ServedDrivers}): its counters whole, the latencies and lifetimes
 * it recorded in the window, when it was done or failed, and whether it reported that in the
 * window (the supervisor hears it then, as from a driver of its own JVM).
 *
 * @param driver         "client-a", "server-b-80", "proxy-lb-80"
 * @param client         a client's driver, else a server's or a proxy's
 * @param counts         its {@link Tally} counters, in {@link Tally#counts()}'s order
 * @param latencies      request latencies recorded in the window, µs
 * @param lifetimes      connection lifetimes recorded in the window, µs
 * @param reportedDone   it told the supervisor it is done ({@code Workload.DriverDone})
 * @param reportedFailed it told the supervisor it could not listen ({@code Workload.ServerFailed})
 */
public record DriverNews(String driver, boolean client, List<Long> counts, long doneAt, long failedAt, String failure,
                         List<Long> latencies, List<Long> lifetimes, boolean reportedDone, boolean reportedFailed) implements PartitionNews {

    /** Makes {@code mirror} (the supervisor's tally of that driver) what the driver's own tally is. */
    void applyTo(Tally mirror) {
        mirror.setCounts(counts.stream().mapToLong(Long::longValue).toArray());
        mirror.doneAt = doneAt;
        mirror.failedAt = failedAt;
        mirror.failure = failure;
        for (long v : latencies) mirror.requestLatency.record(v);
        for (long v : lifetimes) mirror.lifetime.record(v);
    }
}
