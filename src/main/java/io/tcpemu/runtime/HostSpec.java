package io.tcpemu.runtime;

import io.tcpemu.tcp.SockAddr;

/**
 * One host as the topology declares it.
 *
 * @param name   the host's name in configs, the console and traces ("a", "client")
 * @param ip     its IPv4 address as an int (see {@link SockAddr#parseIp})
 * @param kernel the kernel settings the {@link HostFactory} needs (TCP config, port range,
 *               TIME-WAIT policy ...), in whatever record the host side defines; may be null,
 *               and the topology passes it through untouched
 */
public record HostSpec(String name, int ip, Object kernel) {
    public HostSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a host needs a name");
    }

    /** A host with no kernel settings of its own: "a" at "10.0.0.1". */
    public static HostSpec of(String name, String dottedQuad) { return new HostSpec(name, SockAddr.parseIp(dottedQuad), null); }

    public HostSpec withKernel(Object settings) { return new HostSpec(name, ip, settings); }

    @Override public String toString() { return name + "(" + SockAddr.formatIp(ip) + ")"; }
}
