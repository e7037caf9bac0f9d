package io.tcpemu.runtime;

import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.TcpConfig;

/**
 * Everything needed to start one emulated host (the kernel settings of one machine).
 *
 * @param name          the host's name in configs, traces and the console ("client", "server")
 * @param ip            its IPv4 address as an int (see {@link SockAddr#parseIp})
 * @param tcp           protocol parameters for every connection on it
 * @param portFirst     first ephemeral port (net.ipv4.ip_local_port_range)
 * @param portLast      last ephemeral port
 * @param portAlgorithm how ephemeral ports are picked (RFC 6056)
 * @param twReuse       net.ipv4.tcp_tw_reuse: outgoing connects may reuse a TIME-WAIT tuple older than 1 s
 *                      when timestamps are on
 * @param maxTwBuckets  net.ipv4.tcp_max_tw_buckets: past this many TIME-WAIT entries, closing
 *                      connections skip TIME-WAIT
 * @param seed          seeds the ISNs, the port randomisation and the port hash secret
 */
public record HostSpec(String name, int ip, TcpConfig tcp, int portFirst, int portLast,
                       PortAllocator.Algorithm portAlgorithm, boolean twReuse, int maxTwBuckets, long seed) {

    /** Linux's default tcp_max_tw_buckets on a small machine. */
    public static final int DEFAULT_MAX_TW_BUCKETS = 262_144;

    public HostSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("host name must not be blank");
        if (tcp == null) throw new IllegalArgumentException("host '" + name + "': tcp config missing");
        if (portFirst < 1 || portLast > 65535 || portFirst > portLast)
            throw new IllegalArgumentException("host '" + name + "': port range must satisfy 1 <= first <= last <= 65535, got "
                    + portFirst + "-" + portLast);
        if (maxTwBuckets < 0) throw new IllegalArgumentException("host '" + name + "': max-tw-buckets must not be negative: " + maxTwBuckets);
        if (portAlgorithm == null) portAlgorithm = PortAllocator.Algorithm.HASH;
    }

    /** Linux-like defaults: ports 32768-60999, hash-based selection, no tw_reuse. */
    public static HostSpec of(String name, String ip, TcpConfig tcp) {
        return new HostSpec(name, SockAddr.parseIp(ip), tcp, PortAllocator.DEFAULT_FIRST, PortAllocator.DEFAULT_LAST,
                PortAllocator.Algorithm.HASH, false, DEFAULT_MAX_TW_BUCKETS, name.hashCode());
    }

    public HostSpec withPorts(int first, int last, PortAllocator.Algorithm algorithm) {
        return new HostSpec(name, ip, tcp, first, last, algorithm, twReuse, maxTwBuckets, seed);
    }

    public HostSpec withTwReuse(boolean v) { return new HostSpec(name, ip, tcp, portFirst, portLast, portAlgorithm, v, maxTwBuckets, seed); }
    public HostSpec withMaxTwBuckets(int v) { return new HostSpec(name, ip, tcp, portFirst, portLast, portAlgorithm, twReuse, v, seed); }
    public HostSpec withSeed(long v) { return new HostSpec(name, ip, tcp, portFirst, portLast, portAlgorithm, twReuse, maxTwBuckets, v); }
    public HostSpec withTcp(TcpConfig v) { return new HostSpec(name, ip, v, portFirst, portLast, portAlgorithm, twReuse, maxTwBuckets, seed); }
}
