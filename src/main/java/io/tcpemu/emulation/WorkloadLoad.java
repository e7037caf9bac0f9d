package io.tcpemu.emulation;

import io.tcpemu.config.WorkloadSettings;
import io.tcpemu.config.WorkloadSettings.CloseMode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a scenario's workload asks of each host, for the placement: every client its share of the
 * connections per second, every server its share of all of them, a client's end weighing
 * {@link #CLIENT_END} of a server's. Its hosts must share one partition only when a client's
 * driver tells the server's application to close at the same instant (simultaneous close, or
 * server-first on a pooled connection): that order has no link delay to cross partitions with.
 */
public final class WorkloadLoad {
    /**
     * What a lifecycle's client end costs, a server end's being 1: it also chooses a port, runs
     * the workload's driver (arrivals, connects) and keeps the TIME-WAIT entry until it expires.
     * Measured (bench, 2 partitions, the server alone on one): the clients' partition did 1.2-1.3
     * times the server's work. Weighed alike, the server went alone and its partition waited
     * for the clients'; weighed so, the server shares its partition with a client when that is
     * nearer even.
     */
    static final double CLIENT_END = 1.25;

    private WorkloadLoad() {}

    static HostPlacement.Load of(WorkloadSettings w) {
        if (!w.enabled()) return HostPlacement.Load.NONE;
        double rate = w.arrival().rate();
        Map<String, Double> expected = new HashMap<>();
        for (String client : w.clients()) expected.merge(client, CLIENT_END * rate / w.clients().size(), Double::sum);
        for (WorkloadSettings.Server s : w.servers()) expected.merge(s.host(), rate / w.servers().size(), Double::sum);
        Set<String> together = new HashSet<>();
        if (closesBothEndsAtOnce(w.close(), w.pool().size())) together.addAll(expected.keySet());
        return new HostPlacement.Load(expected, together);
    }

    /** True when a client's driver orders the server's application to close, with no delay. */
    public static boolean closesBothEndsAtOnce(CloseMode close, int poolSize) {
        return close == CloseMode.SIMULTANEOUS || (close == CloseMode.SERVER_FIRST && poolSize > 0);
    }
}
