package io.tcpemu.net;

import io.tcpemu.tcp.SockAddr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every node's forwarding table: for each address of the network, the neighbour a segment goes to
 * next. Shortest paths in hops over the link directions, through routers only (a host forwards
 * nothing but its own segments); a router's static routes win over them (longest prefix first),
 * except for the addresses of its direct neighbours, which are connected.
 * Checked as a whole: a static route through a non-neighbour, a route matching no address, a
 * router without links and a loop are each refused with one line that says where.
 */
public final class Routes {
    /** A host or router: its name, whether it forwards, and the addresses it owns (a NAT's public ones). */
    public record Node(String name, boolean router, List<Integer> addresses) {}

    /** One link direction. */
    public record Hop(String from, String to) {}

    private final Map<String, Map<Integer, String>> next;
    private final Map<Integer, String> owner;

    private Routes(Map<String, Map<Integer, String>> next, Map<Integer, String> owner) {
        this.next = next;
        this.owner = owner;
    }

    /** The neighbour {@code node} sends segments for {@code dstIp} to, or null if there is no route. */
    public String nextHop(String node, int dstIp) {
        Map<Integer, String> table = next.get(node);
        return table == null ? null : table.get(dstIp);
    }

    /** Every address {@code node} can reach, with its next hop, in address order of declaration. */
    public Map<Integer, String> table(String node) { return next.getOrDefault(node, Map.of()); }

    /** The node owning an address, or null. */
    public String owner(int ip) { return owner.get(ip); }

    /** The nodes a segment from {@code from} to {@code dstIp} passes, both ends included; empty if unreachable. */
    public List<String> path(String from, int dstIp) {
        List<String> path = new ArrayList<>(List.of(from));
        String at = from;
        while (!at.equals(owner.get(dstIp))) {
            at = nextHop(at, dstIp);
            if (at == null) return List.of();
            path.add(at);
        }
        return path;
    }

    public static Routes compute(List<Node> nodes, List<Hop> links, Map<String, List<Route>> staticRoutes) {
        Map<String, Node> byName = new LinkedHashMap<>();
        Map<Integer, String> owner = new LinkedHashMap<>();
        for (Node n : nodes) {
            byName.put(n.name(), n);
            for (int ip : n.addresses()) owner.put(ip, n.name());
        }
        Map<String, Set<String>> neighbours = new HashMap<>();
        for (Hop h : links) neighbours.computeIfAbsent(h.from(), k -> new LinkedHashSet<>()).add(h.to());
        for (Node n : nodes) {
            if (n.router() && !neighbours.containsKey(n.name()))
                throw new IllegalArgumentException("router " + n.name() + " has no interfaces: expected a link such as { between = ["
                        + n.name() + ", a] }");
        }
        Map<String, Map<Integer, String>> next = new LinkedHashMap<>();
        for (Node n : nodes) next.put(n.name(), new LinkedHashMap<>());
        Map<String, List<String>> into = new HashMap<>();
        for (Hop h : links) into.computeIfAbsent(h.to(), k -> new ArrayList<>()).add(h.from());
        for (Map.Entry<Integer, String> dst : owner.entrySet()) shortest(dst.getKey(), dst.getValue(), byName, into, next);
        for (Map.Entry<String, List<Route>> e : staticRoutes.entrySet()) {
            applyStatic(e.getKey(), e.getValue(), owner, neighbours.getOrDefault(e.getKey(), Set.of()), next);
        }
        Routes routes = new Routes(next, owner);
        routes.checkLoops(byName.keySet());
        return routes;
    }

    /** Breadth-first from the destination backwards; only routers pass segments on. */
    private static void shortest(int ip, String dst, Map<String, Node> nodes, Map<String, List<String>> into,
                                 Map<String, Map<Integer, String>> next) {
        Set<String> seen = new LinkedHashSet<>(List.of(dst));
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(dst));
        while (!queue.isEmpty()) {
            String m = queue.poll();
            if (!m.equals(dst) && !nodes.get(m).router()) continue;
            for (String from : into.getOrDefault(m, List.of())) {
                if (!seen.add(from)) continue;
                next.get(from).put(ip, m);
                queue.add(from);
            }
        }
    }

    private static void applyStatic(String router, List<Route> routes, Map<Integer, String> owner, Set<String> neighbours,
                                    Map<String, Map<Integer, String>> next) {
        for (Route r : routes) {
            String to = SockAddr.formatIp(r.prefix()) + "/" + r.length();
            if (!neighbours.contains(r.via()))
                throw new IllegalArgumentException(r.where() + "route to " + to + " via " + r.via() + ": " + r.via()
                        + " is not a neighbour of " + router + " (neighbours: " + String.join(", ", neighbours) + ")");
            if (owner.keySet().stream().noneMatch(r::matches))
                throw new IllegalArgumentException(r.where() + "route to " + to + " matches no address of the network");
        }
        Map<Integer, String> table = next.get(router);
        for (int ip : owner.keySet()) {
            if (owner.get(ip).equals(router) || neighbours.contains(owner.get(ip))) continue; // connected: no route needed
            Route best = null;
            for (Route r : routes) if (r.matches(ip) && (best == null || r.length() > best.length())) best = r;
            if (best != null) table.put(ip, best.via());
        }
    }

    private void checkLoops(Set<String> nodes) {
        for (String from : nodes) {
            for (int ip : next.get(from).keySet()) {
                List<String> seen = new ArrayList<>(List.of(from));
                String at = from;
                while (at != null && !at.equals(owner.get(ip))) {
                    at = nextHop(at, ip);
                    if (at == null) break;
                    if (seen.contains(at)) {
                        List<String> loop = new ArrayList<>(seen.subList(seen.indexOf(at), seen.size()));
                        loop.add(at);
                        throw new IllegalArgumentException("routing loop towards " + SockAddr.formatIp(ip) + ": "
                                + String.join(" -> ", loop));
                    }
                    seen.add(at);
                }
            }
        }
    }
}
