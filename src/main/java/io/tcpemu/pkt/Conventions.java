package io.tcpemu.pkt;

import io.tcpemu.tcp.SockAddr;

import java.util.Map;

/**
 * packetdrill's conventions for one run: who is who, which ports, and how much timing slack.
 *
 * @param localIp        the host under test (packetdrill's default 192.168.0.1)
 * @param remoteIp       the script's peer (192.0.2.1)
 * @param bindPort       the port {@code bind(fd, ..., ...)} binds (8080)
 * @param connectPort    the peer's port {@code connect(fd, ..., ...)} connects to (8080)
 * @param remotePort     the peer's port when it opens a connection to a listener
 * @param remoteIsn      added to inbound sequence numbers (and expected outbound acks): the peer's ISN
 * @param toleranceMicros timing slack, packetdrill's --tolerance_usecs (4 ms)
 */
public record Conventions(int localIp, int remoteIp, int bindPort, int connectPort, int remotePort,
                          long remoteIsn, long toleranceMicros) {

    public static final Conventions DEFAULT = new Conventions(SockAddr.parseIp("192.168.0.1"), SockAddr.parseIp("192.0.2.1"),
            8080, 8080, 40_000, 0, 4_000);

    /** The script options the runner understands; others are reported as ignored. */
    public static final java.util.Set<String> OPTIONS = java.util.Set.of(
            "tolerance_usecs", "local_ip", "remote_ip", "bind_port", "connect_port", "ip_version");

    /** Applies the script's own {@code --option=value} lines that the runner understands. */
    public Conventions with(Map<String, String> options, String file) {
        int local = localIp;
        int remote = remoteIp;
        int bind = bindPort;
        int connect = connectPort;
        long tolerance = toleranceMicros;
        for (Map.Entry<String, String> o : options.entrySet()) {
            String key = o.getKey();
            String v = o.getValue();
            switch (key) {
                case "tolerance_usecs" -> tolerance = number(file, key, v);
                case "local_ip" -> local = ip(file, key, v);
                case "remote_ip" -> remote = ip(file, key, v);
                case "bind_port" -> bind = port(file, key, v);
                case "connect_port" -> connect = port(file, key, v);
                default -> { }
            }
        }
        return new Conventions(local, remote, bind, connect, remotePort, remoteIsn, tolerance);
    }

    public Conventions withTolerance(long micros) {
        return new Conventions(localIp, remoteIp, bindPort, connectPort, remotePort, remoteIsn, micros);
    }

    private static long number(String file, String key, String v) {
        try {
            long n = Long.parseLong(v);
            if (n > 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(file + ": --" + key + " expects a positive number of microseconds, got '" + v + "'");
    }

    private static int port(String file, String key, String v) {
        long n = number(file, key, v);
        if (n > 65535) throw new IllegalArgumentException(file + ": --" + key + " expects a port 1-65535, got '" + v + "'");
        return (int) n;
    }

    private static int ip(String file, String key, String v) {
        try {
            return SockAddr.parseIp(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": --" + key + " expects an IPv4 address, got '" + v + "'");
        }
    }
}
