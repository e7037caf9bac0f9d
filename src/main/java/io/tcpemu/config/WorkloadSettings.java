package io.tcpemu.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A load generator: clients opening connections to servers at some rate.
 *
 * @param clients          hosts that open connections; empty = no workload
 * @param servers          the listening ends (from {@code server} or {@code servers}), used round-robin;
 *                         empty only when there is no workload
 * @param arrival          when new connections start
 * @param connections      connections to open in total; 0 = until the run ends
 * @param concurrencyLimit connections open at once at most; 0 = no limit
 * @param requestSize      bytes per request
 * @param responseSize     bytes per response
 * @param thinkTime        pause between a response and the next request, microseconds
 * @param close            who closes the connection
 * @param closeSkew        for close = simultaneous: the server's close comes up to this long after the
 *                         client's (seeded random per connection), microseconds; 0 = the same instant
 * @param pool             connection reuse
 */
public record WorkloadSettings(List<String> clients, List<Server> servers, Arrival arrival,
                               long connections, int concurrencyLimit, long requestSize, long responseSize,
                               long thinkTime, CloseMode close, long closeSkew, Pool pool) {

    /** One listening end, {@code "host:port"}. */
    public record Server(String host, int port) {
        @Override public String toString() { return host + ":" + port; }
    }

    /** @param rate new connections per emulated second, over all clients */
    public record Arrival(Process process, double rate) {}

    public enum Process { CONSTANT, POISSON }

    public enum CloseMode { CLIENT_FIRST, SERVER_FIRST, SIMULTANEOUS, ABORT }

    /** @param size connections kept per client (0 = no pool); @param requestsPerConnection 0 = no limit */
    public record Pool(int size, int requestsPerConnection) {}

    public WorkloadSettings {
        clients = List.copyOf(clients);
        servers = List.copyOf(servers);
    }

    /** The same workload from and to other hosts (a {@code count}'s hosts in place of its name). */
    WorkloadSettings with(List<String> clients, List<Server> servers) {
        return new WorkloadSettings(clients, servers, arrival, connections, concurrencyLimit, requestSize, responseSize,
                thinkTime, close, closeSkew, pool);
    }

    /** True when the scenario has a workload (it names clients). */
    public boolean enabled() { return !clients.isEmpty(); }

    /** The first server's host ("" without a workload). */
    public String serverHost() { return servers.isEmpty() ? "" : servers.get(0).host(); }

    /** The first server's port (0 without a workload). */
    public int serverPort() { return servers.isEmpty() ? 0 : servers.get(0).port(); }

    static WorkloadSettings create(Reader r) {
        List<String> clients = r.strings("clients", "a list of host names such as [a]");
        for (int i = 0; i < clients.size(); i++) {
            if (clients.indexOf(clients.get(i)) < i) r.problem("clients", "expected each client host once, got \"" + clients.get(i) + "\" twice");
        }
        List<Server> servers = clients.isEmpty() ? List.of() : servers(r);
        return new WorkloadSettings(clients, servers,
                new Arrival(r.choice("arrival.process", Process.class, Process.POISSON),
                        r.positive("arrival.rate", "a rate above 0 (connections per second)")),
                r.wholeNumber("connections", 0, Long.MAX_VALUE),
                r.integer("concurrency-limit", 0, Integer.MAX_VALUE),
                r.bytes("request-size"), r.bytes("response-size"), r.micros("think-time"),
                r.choice("close", CloseMode.class, CloseMode.CLIENT_FIRST), r.micros("close-skew"),
                new Pool(r.integer("pool.size", 0, Integer.MAX_VALUE),
                        r.integer("pool.requests-per-connection", 0, Integer.MAX_VALUE)));
    }

    /** {@code server = "b:80"} or {@code servers = ["b:80", "c:80"]}: exactly one of them. */
    private static List<Server> servers(Reader r) {
        boolean one = r.isSet("server");
        List<String> many = r.strings("servers", "a list of \"host:port\" such as [\"b:80\", \"c:80\"]");
        if (one && !many.isEmpty()) {
            r.problem("servers", "expected either server or servers, but both are set");
            return List.of();
        }
        if (!one && many.isEmpty()) {
            r.problem("server", "expected \"host:port\" such as \"b:80\" (or servers = [\"b:80\", \"c:80\"]) when clients are set, but it is not set");
            return List.of();
        }
        String key = one ? "server" : "servers";
        List<Server> out = new ArrayList<>();
        for (String text : one ? List.of(r.optionalString("server")) : many) {
            Server s = parse(text);
            if (s == null) r.problem(key, "expected \"host:port\" with a port from 1 to 65535 such as \"b:80\", got \"" + text + "\"");
            else if (out.contains(s)) r.problem(key, "expected each server once, got \"" + text + "\" twice");
            else out.add(s);
        }
        return out;
    }

    /** "b:80" to a server, or null. */
    static Server parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) return null;
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            return port >= 1 && port <= 65535 ? new Server(text.substring(0, colon), port) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
