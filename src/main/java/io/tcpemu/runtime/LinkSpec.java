package io.tcpemu.runtime;

import io.tcpemu.runtime.fault.FaultRule;

import java.util.List;

/**
 * One direction of a link as the topology declares it.
 *
 * @param from   name of the sending host
 * @param to     name of the receiving host
 * @param params delay, jitter, loss, duplication, reordering, bandwidth, queue, MSL
 * @param rules  targeted faults, in the order they are checked
 * @param seed   seeds the link's random generator, so runs repeat
 */
public record LinkSpec(String from, String to, LinkParams params, List<FaultRule> rules, long seed) {
    public LinkSpec {
        if (from == null || to == null) throw new IllegalArgumentException("a link needs both a from and a to host");
        if (from.equals(to)) throw new IllegalArgumentException("link from host '" + from + "' to itself");
        if (params == null) params = LinkParams.IDEAL;
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** The name a link goes by in traces and the console: "a->b". */
    public String name() { return from + "->" + to; }
}
