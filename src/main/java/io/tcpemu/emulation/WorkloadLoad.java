package io.tcpemu.emulation;

import io.tcpemu.config.WorkloadSettings;
import io.tcpemu.config.WorkloadSettings.CloseMode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a scenario's workload asks of each host, for the placement: every client its share of the
 * connections per second, every server its share of all of them (each lifecycle costs both ends
 * about the same). Its hosts must share one partition only when a client's driver tells the
 * server's application to close at the same instant (simultaneous close, or server-first on a
 * pooled connection): that order has no link delay to cross partitions with.
 */
public final class WorkloadLoad {
    private WorkloadLoad() {}

    static HostPlacement.Load of(WorkloadSettings w) {
        if (!w.enabled()) return HostPlacement.Load.NONE;
        double rate = w.arrival().rate();
        Map<String, Double> expected = new HashMap<>();
        for (String client : w.clients()) expected.merge(client, rate / w.clients().size(), Double::sum);
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
