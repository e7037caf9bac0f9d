package io.tcpemu.net;

import java.util.List;

/**
 * One router as the topology declares it.
 *
 * @param name       its name in configs and traces
 * @param hopDelay   time to forward one segment (lookup, rewrite), microseconds
 * @param rate       segments per second each output interface sends; 0 = no limit (no queueing)
 * @param queueLimit segments an output interface holds, the one being sent included; 0 = no limit
 * @param routes     static routes, checked before the shortest paths
 * @param nat        the masquerade settings, or null for a plain router
 */
public record RouterSpec(String name, long hopDelay, long rate, int queueLimit, List<Route> routes, NatSpec nat) {
    public RouterSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("router name must not be blank");
        if (hopDelay < 0 || rate < 0 || queueLimit < 0)
            throw new IllegalArgumentException("router '" + name + "': delay, rate and queue-limit must not be negative");
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /** A router that forwards after {@code hopDelay} with no queue limit and no NAT. */
    public static RouterSpec plain(String name, long hopDelay) { return new RouterSpec(name, hopDelay, 0, 0, List.of(), null); }

    public RouterSpec withQueue(long rate, int queueLimit) { return new RouterSpec(name, hopDelay, rate, queueLimit, routes, nat); }
    public RouterSpec withNat(NatSpec v) { return new RouterSpec(name, hopDelay, rate, queueLimit, routes, v); }
    public RouterSpec withRoutes(List<Route> v) { return new RouterSpec(name, hopDelay, rate, queueLimit, v, nat); }
}
