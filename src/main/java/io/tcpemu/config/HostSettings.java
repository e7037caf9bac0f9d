package io.tcpemu.config;

import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.TcpConfig;

/**
 * One emulated host: its address, its kernel's socket policies and its TCP settings.
 *
 * @param name          the name configs, the console and traces use ("a", "server")
 * @param address       IPv4 address as an int (see {@link SockAddr#parseIp})
 * @param profile       the profile its TCP defaults came from
 * @param ports         ephemeral ports for connect() without bind()
 * @param portAlgorithm how connect() picks a local port
 * @param twReuse       Linux tcp_tw_reuse
 * @param maxTwBuckets  most TIME-WAIT entries; 0 = no limit
 * @param backlog       half-open connections a listener keeps
 * @param reuseAddr     SO_REUSEADDR on listeners
 * @param tcp           the profile's settings with the host's overrides; times in microseconds
 * @param group         for one of the hosts a {@code count} makes ("client-7"), the name written in the
 *                      config ("client"); "" for a host written alone
 * @param loadBalancer  the full-proxy load balancer this host runs, or null
 */
public record HostSettings(String name, int address, Profile profile, PortRange ports, PortAlgorithm portAlgorithm,
                           boolean twReuse, int maxTwBuckets, int backlog, boolean reuseAddr,
                           TcpConfig tcp, String group, LoadBalancerSettings loadBalancer) {

    public enum PortAlgorithm { SEQUENTIAL, RANDOM, HASH }

    /** Most hosts one {@code count} may make: each is an actor with its own links. */
    public static final int MAX_COUNT = 10_000;

    /** The name under which the config wrote this host: its group's, or its own. */
    public String configName() { return group.isEmpty() ? name : group; }

    /** Host {@code k} (from 1) of this host's {@code count}: "client-k", at the k-th consecutive address. */
    HostSettings member(int k) {
        return new HostSettings(name + "-" + k, address + k - 1, profile, ports, portAlgorithm, twReuse, maxTwBuckets,
                backlog, reuseAddr, tcp, name, loadBalancer);
    }

    /** The address in dotted-quad form. */
    public String addressText() { return SockAddr.formatIp(address); }

    /** 0 stands for "no valid address" after a problem was reported. */
    static final int NO_ADDRESS = 0;

    /** Reads one host; {@code defaultAddress} is used when the host sets none. */
    static HostSettings create(String name, Reader r, int defaultAddress) {
        Profile profile = r.choice("profile", Profile.class, Profile.LINUX);
        return new HostSettings(name,
                r.isSet("address") ? address(r) : defaultAddress,
                profile,
                PortRange.read(r, "ports"),
                r.choice("port-algorithm", PortAlgorithm.class, PortAlgorithm.HASH),
                r.bool("tw-reuse"),
                r.integer("max-tw-buckets", 0, Integer.MAX_VALUE),
                r.integer("backlog", 1, Integer.MAX_VALUE),
                r.bool("reuse-addr"),
                TcpSettings.create(profile, r.at("tcp")), "", LoadBalancerSettings.create(r.at("load-balancer")));
    }

    private static int address(Reader r) {
        int before = r.problems.count();
        String text = r.string("address");
        if (r.problems.count() > before) return NO_ADDRESS;
        try {
            int ip = SockAddr.parseIp(text.trim());
            String unusable = unusable(ip);
            if (unusable == null) return ip;
            r.problem("address", "expected a host's IPv4 address such as \"10.0.0.1\", got \"" + text + "\", " + unusable);
            return NO_ADDRESS;
        } catch (IllegalArgumentException e) {
            r.problem("address", "expected an IPv4 address such as \"10.0.0.1\", got \"" + text + "\"");
            return NO_ADDRESS;
        }
    }

    /** Why no host may have {@code ip} (a TCP connection cannot be made to it), or null when one may. */
    public static String unusable(int ip) {
        if (ip == 0) return "the unspecified address (0.0.0.0 means 'any' to a listener, it is no host's)";
        if (ip == -1) return "the broadcast address";
        if ((ip >>> 28) == 0xE) return "a multicast address (TCP has no multicast)";
        return null;
    }
}
