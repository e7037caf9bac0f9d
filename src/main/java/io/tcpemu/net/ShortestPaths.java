package io.tcpemu.net;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The shortest-path next hops (in hops over the link directions, only routers passing segments
 * on) from every node towards every address: one breadth-first walk backwards from each node that
 * owns an address, over nodes numbered in arrays, kept as numbers. Of equal paths the one whose
 * last hops were declared first wins. A walk per address that wrote each answer into a table of
 * names was most of setting up 1,000 clients behind a gateway (0.5-1.6 s): a million map updates
 * spread over a thousand tables; here it is one int per (owner, node).
 */
final class ShortestPaths {
    private final List<String> names;
    private final Map<String, Integer> index;
    /** The addresses in the order declared, and for each its owner's walk: hop[k] is where node k sends, -1 nowhere. */
    private final List<Integer> addresses;
    private final Map<Integer, int[]> hopsTo;
    /** hopsTo in the order of {@code addresses} (null: an owner that is no node), for reading a whole table. */
    private final int[][] hopsInOrder;

    ShortestPaths(Map<String, Routes.Node> byName, List<Routes.Hop> links, Map<Integer, String> owner) {
        names = new ArrayList<>(byName.keySet());
        int n = names.size();
        index = new HashMap<>(2 * n);
        for (int k = 0; k < n; k++) index.put(names.get(k), k);
        boolean[] router = new boolean[n];
        for (int k = 0; k < n; k++) router[k] = byName.get(names.get(k)).router();
        int[][] into = into(links, n);
        Map<String, int[]> byOwner = new HashMap<>();
        int[] queue = new int[n];
        addresses = new ArrayList<>(owner.keySet());
        hopsTo = new HashMap<>(2 * owner.size());
        for (Map.Entry<Integer, String> a : owner.entrySet()) {
            Integer d = index.get(a.getValue());
            if (d == null) continue;
            hopsTo.put(a.getKey(), byOwner.computeIfAbsent(a.getValue(), x -> walkBack(d, into, router, queue)));
        }
        hopsInOrder = new int[addresses.size()][];
        for (int i = 0; i < hopsInOrder.length; i++) hopsInOrder[i] = hopsTo.get(addresses.get(i));
    }

    /** Breadth-first from {@code d} backwards: each node's next hop is the node it was first reached from. */
    private static int[] walkBack(int d, int[][] into, boolean[] router, int[] queue) {
        int[] hop = new int[into.length];
        Arrays.fill(hop, -1);
        boolean[] seen = new boolean[into.length];
        seen[d] = true;
        int head = 0, tail = 0;
        queue[tail++] = d;
        while (head < tail) {
            int m = queue[head++];
            if (m != d && !router[m]) continue;   // a host forwards nothing but its own segments
            for (int from : into[m]) {
                if (seen[from]) continue;
                seen[from] = true;
                hop[from] = m;
                queue[tail++] = from;
            }
        }
        return hop;
    }

    /** For each node, the nodes with a link into it, in the links' order (a link naming no node leads nowhere). */
    private int[][] into(List<Routes.Hop> links, int n) {
        int[] count = new int[n];
        for (Routes.Hop h : links) {
            Integer to = index.get(h.to());
            if (to != null && index.containsKey(h.from())) count[to]++;
        }
        int[][] into = new int[n][];
        for (int k = 0; k < n; k++) into[k] = new int[count[k]];
        Arrays.fill(count, 0);
        for (Routes.Hop h : links) {
            Integer to = index.get(h.to()), from = index.get(h.from());
            if (to != null && from != null) into[to][count[to]++] = from;
        }
        return into;
    }

    /** Where {@code node} sends segments for {@code ip} on a shortest path, or null (its own address, or unreachable). */
    String nextHop(String node, int ip) {
        Integer k = index.get(node);
        int[] hop = hopsTo.get(ip);
        if (k == null || hop == null || hop[k] < 0) return null;
        return names.get(hop[k]);
    }

    /**
     * Every address {@code node} reaches with its next hop, in the order declared, {@code steered}
     * (a router's static routes) over them: a read-only view, made as it is read (a thousand hosts'
     * tables written out were a million map entries).
     */
    Map<Integer, String> table(String node, Map<Integer, String> steered) {
        return new AbstractMap<>() {
            @Override public String get(Object ip) {
                if (!(ip instanceof Integer a)) return null;
                String via = steered.get(a);
                return via != null ? via : nextHop(node, a);
            }

            @Override public boolean containsKey(Object ip) { return get(ip) != null; }

            @Override public Set<Entry<Integer, String>> entrySet() {
                return new AbstractSet<>() {
                    @Override public Iterator<Entry<Integer, String>> iterator() { return entries(node, steered); }

                    @Override public int size() {
                        int n = 0;
                        for (Iterator<?> i = iterator(); i.hasNext(); i.next()) n++;
                        return n;
                    }
                };
            }
        };
    }

    private Iterator<Map.Entry<Integer, String>> entries(String node, Map<Integer, String> steered) {
        Integer k = index.get(node);
        return new Iterator<>() {
            private int at = -1;
            private Map.Entry<Integer, String> next = advance();

            private Map.Entry<Integer, String> advance() {
                while (++at < addresses.size()) {
                    Integer ip = addresses.get(at);
                    String via = steered.get(ip);
                    int[] hop = hopsInOrder[at];
                    if (via == null && k != null && hop != null && hop[k] >= 0) via = names.get(hop[k]);
                    if (via != null) return new AbstractMap.SimpleImmutableEntry<>(ip, via);
                }
                return null;
            }

            @Override public boolean hasNext() { return next != null; }

            @Override public Map.Entry<Integer, String> next() {
                if (next == null) throw new NoSuchElementException();
                Map.Entry<Integer, String> e = next;
                next = advance();
                return e;
            }
        };
    }
}
