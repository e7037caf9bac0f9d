package io.tcpemu.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a scenario runs: in this JVM (no seed nodes), or on a cluster of {@code tcpemu node}
 * processes ({@code cluster { seed-nodes = ["10.0.0.5:2551"], nodes = 3 }}, or {@code --cluster} and
 * {@code --nodes} on the command line, which win).
 *
 * @param seedNodes "host:port" of nodes to join through; empty runs in this JVM
 * @param nodes     how many nodes must be up before the run starts
 * @param waitMicros how long to wait for them (wall-clock microseconds)
 * @param address   the address this submitting process binds and the nodes reach it at
 */
public record ClusterSettings(List<String> seedNodes, int nodes, long waitMicros, String address) {
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-]+:\\d{1,5}");

    /** True when the scenario runs on a cluster rather than in this JVM. */
    public boolean enabled() { return !seedNodes.isEmpty(); }

    /** The same settings with the command line's choices on top (null: not given). */
    public ClusterSettings with(List<String> seeds, Integer nodeCount, String bindAddress) {
        return new ClusterSettings(seeds == null || seeds.isEmpty() ? seedNodes : List.copyOf(seeds),
                nodeCount == null ? nodes : nodeCount, waitMicros, bindAddress == null ? address : bindAddress);
    }

    /** null when {@code hostPort} reads as host:port with a port in 1-65535, else what is wrong. */
    public static String checkHostPort(String hostPort) {
        if (!HOST_PORT.matcher(hostPort).matches()) return "expected host:port such as 127.0.0.1:2551, got \"" + hostPort + "\"";
        int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
        if (port < 1 || port > 65535) return "the port of \"" + hostPort + "\" is not in 1-65535";
        return null;
    }

    static ClusterSettings create(Reader r) {
        List<String> seeds = new ArrayList<>();
        for (String s : r.strings("seed-nodes", "a list of \"host:port\" strings")) {
            String problem = checkHostPort(s.trim());
            if (problem != null) r.problem("seed-nodes", problem);
            else seeds.add(s.trim());
        }
        return new ClusterSettings(List.copyOf(seeds), r.integer("nodes", 1, 1000), r.micros("wait"), r.string("address"));
    }
}
