package io.tcpemu.net;

import java.util.List;

/**
 * A masquerading gateway (Linux's {@code iptables -t nat -j MASQUERADE}): connections leaving
 * through an outside interface get one of the public addresses and a port from the range.
 *
 * @param publicAddresses the addresses it rewrites sources to, used in order
 * @param portFirst       first port it hands out
 * @param portLast        last port it hands out
 * @param algorithm       how it picks a port
 * @param timeouts        conntrack's timeout per state
 * @param outside         neighbours reached through outside interfaces: segments leaving towards them are rewritten
 */
public record NatSpec(List<Integer> publicAddresses, int portFirst, int portLast, NatPorts.Algorithm algorithm,
                      ConntrackTimeouts timeouts, List<String> outside) {
    public NatSpec {
        publicAddresses = List.copyOf(publicAddresses);
        outside = List.copyOf(outside);
        if (publicAddresses.isEmpty()) throw new IllegalArgumentException("a NAT needs at least one public address");
        if (portFirst < 1 || portLast > 65535 || portFirst > portLast)
            throw new IllegalArgumentException("NAT ports must satisfy 1 <= first <= last <= 65535, got " + portFirst + "-" + portLast);
        if (algorithm == null) algorithm = NatPorts.Algorithm.HASH;
        if (timeouts == null) timeouts = ConntrackTimeouts.LINUX;
    }

    /** Tuples it can give each destination: ports × public addresses. */
    public long tuplesPerDestination() { return (long) (portLast - portFirst + 1) * publicAddresses.size(); }
}
