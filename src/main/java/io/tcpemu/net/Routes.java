package io.tcpemu.net;

import io.tcpemu.tcp.SockAddr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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

    private final ShortestPaths shortest;
    /** The next hops routers' static routes give, where they differ from or add to the shortest paths: router → address → neighbour. */
    private final Map<String, Map<Integer, String>> steered;
    private final Map<Integer, String> owner;
    /** Next hops the loop check followed: its work, which tests hold to once per (node, destination). */
    long loopCheckSteps;

    private Routes(ShortestPaths shortest, Map<String, Map<Integer, String>> steered, Map<Integer, String> owner) {
        this.shortest = shortest;
        this.steered = steered;
        this.owner = owner;
    }

    /** The neighbour {@code node} sends segments for {@code dstIp} to, or null if there is no route. */
    public String nextHop(String node, int dstIp) {
        Map<Integer, String> statics = steered.get(node);
        String via = statics == null ? null : statics.get(dstIp);
        return via != null ? via : shortest.nextHop(node, dstIp);
    }

    /** Every address {@code node} can reach, with its next hop, in address order of declaration (a read-only view). */
    public Map<Integer, String> table(String node) { return shortest.table(node, steered.getOrDefault(node, Map.of())); }

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
        ShortestPaths shortest = new ShortestPaths(byName, links, owner);
        Map<String, Map<Integer, String>> statics = new HashMap<>();
        Set<Integer> steered = new HashSet<>();
        for (Map.Entry<String, List<Route>> e : staticRoutes.entrySet()) {
            Map<Integer, String> table = statics.computeIfAbsent(e.getKey(), k -> new HashMap<>());
            applyStatic(e.getKey(), e.getValue(), owner, neighbours.getOrDefault(e.getKey(), Set.of()), shortest, table, steered);
        }
        Routes routes = new Routes(shortest, statics, owner);
        routes.checkLoops(byName.keySet(), steered);
        return routes;
    }

    /** Puts {@code router}'s static routes in its table; {@code steered} gets the addresses they take elsewhere. */
    private static void applyStatic(String router, List<Route> routes, Map<Integer, String> owner, Set<String> neighbours,
                                    ShortestPaths shortest, Map<Integer, String> table, Set<Integer> steered) {
        for (Route r : routes) {
            String to = SockAddr.formatIp(r.prefix()) + "/" + r.length();
            if (!neighbours.contains(r.via()))
                throw new IllegalArgumentException(r.where() + "route to " + to + " via " + r.via() + ": " + r.via()
                        + " is not a neighbour of " + router + " (neighbours: " + String.join(", ", neighbours) + ")");
            if (owner.keySet().stream().noneMatch(r::matches))
                throw new IllegalArgumentException(r.where() + "route to " + to + " matches no address of the network");
        }
        for (int ip : owner.keySet()) {
            if (owner.get(ip).equals(router) || neighbours.contains(owner.get(ip))) continue; // connected: no route needed
            Route best = null;
            for (Route r : routes) if (r.matches(ip) && (best == null || r.length() > best.length())) best = r;
            if (best == null || best.via().equals(shortest.nextHop(router, ip))) continue;
            table.put(ip, best.via());
            steered.add(ip);
        }
    }

    /**
     * Follows the next hops towards each steered destination from every node, once per
     * destination: a walk ends at a node an earlier walk went through without a loop, so each
     * (node, destination) is stepped from once. Walking every pair's whole path was a third of
     * setting up 1,000 clients behind a gateway. Only a static route can make a loop: each
     * shortest-path hop is one hop nearer the destination, so the others need no walk at all.
     */
    private void checkLoops(Set<String> nodes, Set<Integer> steered) {
        List<String> path = new ArrayList<>();
        Map<String, Integer> onPath = new HashMap<>();
        Set<String> through = new HashSet<>();
        for (Map.Entry<Integer, String> dst : owner.entrySet()) {
            int ip = dst.getKey();
            if (!steered.contains(ip)) continue;
            through.clear();
            for (String from : nodes) {
                path.clear();
                onPath.clear();
                for (String at = from; at != null && !at.equals(dst.getValue()) && !through.contains(at); at = nextHop(at, ip)) {
                    loopCheckSteps++;
                    Integer seen = onPath.putIfAbsent(at, path.size());
                    if (seen != null) {
                        List<String> loop = new ArrayList<>(path.subList(seen, path.size()));
                        loop.add(at);
                        throw new IllegalArgumentException("routing loop towards " + SockAddr.formatIp(ip) + ": " + String.join(" -> ", loop));
                    }
                    path.add(at);
                }
                through.addAll(path);
            }
        }
    }
}
