package io.tcpemu.workload;

import io.tcpemu.config.LoadBalancerSettings;
import io.tcpemu.config.Settings;
import io.tcpemu.config.WorkloadSettings;
import io.tcpemu.config.WorkloadSettings.CloseMode;
import io.tcpemu.config.WorkloadSettings.Process;
import io.tcpemu.tcp.SockAddr;

import java.util.List;

/**
 * What a workload does, resolved to addresses and microseconds. Arrivals are requests: without a
 * pool each request opens its own connection, with a pool it is served by a kept connection.
 *
 * @param clients          client host names; the load is shared evenly between them
 * @param servers          where connections go, chosen round-robin per new connection
 * @param process          constant (evenly spaced) or poisson arrivals
 * @param rate             requests per emulated second over all clients (&gt; 0)
 * @param requests         requests in total; 0 = until the run ends
 * @param concurrencyLimit connections open at once at most, over all clients; 0 = no limit
 * @param requestSize      bytes per request (&ge; 1: its first byte says whether the connection closes after it)
 * @param responseSize     bytes per response (&ge; 1)
 * @param thinkTime        pause after a response before the connection is reused or closed, microseconds
 * @param close            who closes a connection when it is done
 * @param closeSkew        for simultaneous close: the server closes a seeded random moment up to this
 *                         long after the client, microseconds (0 = the same instant), so some FINs cross
 * @param poolSize         connections kept per client; 0 = a new connection per request
 * @param requestsPerConnection requests a pooled connection serves before it closes; 0 = no limit
 * @param duration         the run stops at this emulated time after the start, microseconds (&gt; 0)
 * @param seed             seeds the arrival processes (each client gets its own stream)
 * @param proxies          the servers that are a load balancer's VIP, with the back-ends they spread connections over
 */
public record WorkloadPlan(List<String> clients, List<Server> servers, Process process, double rate, long requests,
                           int concurrencyLimit, int requestSize, int responseSize, long thinkTime, CloseMode close,
                           long closeSkew, int poolSize, int requestsPerConnection, long duration, long seed,
                           List<Proxy> proxies) {

    /** A workload with no load balancer. */
    public WorkloadPlan(List<String> clients, List<Server> servers, Process process, double rate, long requests,
                        int concurrencyLimit, int requestSize, int responseSize, long thinkTime, CloseMode close,
                        long closeSkew, int poolSize, int requestsPerConnection, long duration, long seed) {
        this(clients, servers, process, rate, requests, concurrencyLimit, requestSize, responseSize, thinkTime, close,
                closeSkew, poolSize, requestsPerConnection, duration, seed, List.of());
    }

    /**
     * A full-proxy load balancer the clients reach as the server at {@code vip}.
     *
     * @param backends where it connects, each with an application of the workload listening
     */
    public record Proxy(Server vip, List<Server> backends, LoadBalancerSettings.Algorithm algorithm) {
        public Proxy { backends = List.copyOf(backends); }
    }

    /** The proxy at {@code address}, or null when a plain server listens there. */
    public Proxy proxyAt(SockAddr address) {
        for (Proxy p : proxies) if (p.vip().address().equals(address)) return p;
        return null;
    }

    /** Every back-end of every proxy that is not a server of its own already, once each. */
    public List<Server> backendsOnly() {
        List<Server> out = new java.util.ArrayList<>();
        for (Proxy p : proxies) {
            for (Server b : p.backends()) {
                boolean known = out.stream().anyMatch(o -> o.address().equals(b.address()))
                        || servers.stream().anyMatch(o -> o.address().equals(b.address()));
                if (!known) out.add(b);
            }
        }
        return out;
    }

    /**
     * @param host    the server's host name
     * @param address the listening address
     * @param backlog the listener's backlog
     */
    public record Server(String host, SockAddr address, int backlog) {}

    public WorkloadPlan {
        clients = List.copyOf(clients);
        servers = List.copyOf(servers);
        proxies = List.copyOf(proxies);
        if (clients.isEmpty()) throw new IllegalArgumentException("a workload needs at least one client host");
        if (servers.isEmpty()) throw new IllegalArgumentException("a workload needs at least one server");
        // Each client host runs one client actor, each server one listener: a name given twice is a mistake.
        String twice = twice(clients);
        if (twice != null) throw new IllegalArgumentException("expected each client host once, got '" + twice + "' twice");
        twice = twice(servers.stream().map(sv -> sv.host() + ":" + sv.address().port()).toList());
        if (twice != null) throw new IllegalArgumentException("expected each server once, got '" + twice + "' twice");
        if (!(rate > 0)) throw new IllegalArgumentException("arrival rate must be above 0, got " + rate);
        if (requests < 0) throw new IllegalArgumentException("requests must not be negative, got " + requests);
        if (concurrencyLimit < 0) throw new IllegalArgumentException("concurrency limit must not be negative, got " + concurrencyLimit);
        if (requestSize < 1 || responseSize < 1)
            throw new IllegalArgumentException("request and response sizes must be at least 1 byte, got " + requestSize + " and " + responseSize);
        if (closeSkew < 0) throw new IllegalArgumentException("close skew must not be negative, got " + closeSkew);
        if (thinkTime < 0) throw new IllegalArgumentException("think time must not be negative, got " + thinkTime);
        if (poolSize < 0 || requestsPerConnection < 0)
            throw new IllegalArgumentException("pool size and requests per connection must not be negative");
        if (duration <= 0) throw new IllegalArgumentException("duration must be above 0, got " + duration);
    }

    /** The workload a scenario's settings describe (its duration and seed from the run section). */
    public static WorkloadPlan from(Settings s) {
        WorkloadSettings w = s.workload();
        if (!w.enabled()) throw new IllegalArgumentException("the scenario has no workload: workload.clients is empty");
        long requests = s.run().stopAfterConnections() > 0 && (w.connections() == 0 || s.run().stopAfterConnections() < w.connections())
                ? s.run().stopAfterConnections() : w.connections();
        List<Server> servers = w.servers().stream().map(sv -> {
            var host = s.host(sv.host());
            return new Server(host.name(), new SockAddr(host.address(), sv.port()), host.backlog());
        }).toList();
        return new WorkloadPlan(w.clients(), servers,
                w.arrival().process(), w.arrival().rate(), requests, w.concurrencyLimit(),
                sizeOf("workload.request-size", w.requestSize()), sizeOf("workload.response-size", w.responseSize()),
                w.thinkTime(), w.close(), w.closeSkew(), w.pool().size(), w.pool().requestsPerConnection(), s.run().duration(), s.run().seed(),
                proxiesOf(s, servers));
    }

    /** The servers that are a load balancer's VIP in {@code s}: the clients reach the proxy, the proxy the back-ends. */
    public static List<Proxy> proxiesOf(Settings s, List<Server> servers) {
        List<Proxy> out = new java.util.ArrayList<>();
        for (Server sv : servers) {
            var declared = s.host(sv.host());
            LoadBalancerSettings lb = declared == null ? null : declared.loadBalancer();
            if (lb == null || !lb.vip().equals(sv.address())) continue;
            List<Server> backends = lb.backends().stream().map(b -> {
                var host = s.host(b.host());
                return new Server(host.name(), new SockAddr(host.address(), b.port()), host.backlog());
            }).toList();
            out.add(new Proxy(sv, backends, lb.algorithm()));
        }
        return out;
    }

    /** The first name that appears twice, or null. */
    private static String twice(List<String> names) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String n : names) if (!seen.add(n)) return n;
        return null;
    }

    /** True when connections are kept and reused. */
    public boolean pooled() { return poolSize > 0; }

    private static int sizeOf(String key, long bytes) {
        if (bytes < 1 || bytes > Integer.MAX_VALUE) throw new IllegalArgumentException(key + ": expected 1 byte to 2 GiB, got " + bytes);
        return (int) bytes;
    }
}
