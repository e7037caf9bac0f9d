package io.tcpemu.emulation;

import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.LinkSpec;
import io.tcpemu.runtime.Topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which partition each host and router runs on, and the lookahead that gives: nodes placed by
 * hand stay where they are put; nodes that must share a partition (joined by a link with no
 * delay, or a workload whose drivers talk to each other directly) stay together; the rest go,
 * the heaviest first, to the partition with the least load so far. A node's load is what the
 * workload expects of it (its connections per second, both ends count) plus one per link, so a
 * server that every client talks to weighs as much as all its clients. A host and its
 * connections (and its workload driver) are never split: they are one actor tree.
 *
 * @param partitionOf every host's and router's partition
 * @param lookahead   the smallest delay of a link between two partitions, µs; Long.MAX_VALUE when none joins two
 */
public record HostPlacement(Map<String, Integer> partitionOf, int count, long lookahead) {

    /** What the placement weighs and keeps together, beyond the topology. */
    public record Load(Map<String, Double> expected, Set<String> together) {
        /** No workload: every node weighs its links. */
        public static final Load NONE = new Load(Map.of(), Set.of());

        public Load {
            expected = Map.copyOf(expected);
            together = Set.copyOf(together);
        }
    }

    /**
     * @param placed nodes placed by hand ({@code hosts.X.partition})
     * @param load   the workload's expected load per node, and the nodes it needs on one partition
     * @throws IllegalArgumentException one line naming the host or link and the fix
     */
    public static HostPlacement of(Topology topology, int count, Map<String, Integer> placed, Load load) {
        List<String> nodes = nodes(topology);
        Map<String, String> group = groups(topology, nodes, load.together(), placed);
        Map<String, Integer> groupPartition = new HashMap<>();
        for (String node : nodes) {
            Integer k = placed.get(node);
            if (k == null) continue;
            if (k >= count) throw new IllegalArgumentException("hosts." + node + ".partition = " + k + ": there are only "
                    + count + " partitions (0 to " + (count - 1) + ")");
            Integer other = groupPartition.putIfAbsent(group.get(node), k);
            if (other != null && other != k.intValue()) {
                throw new IllegalArgumentException("hosts." + node + ".partition = " + k + ": " + node + " must share partition "
                        + other + " with " + together(group, node) + " (the workload's drivers tell each other to close at"
                        + " one instant, or a link with no delay joins them)");
            }
        }
        Map<String, Double> weight = weights(topology, nodes, group, load);
        double[] partitionLoad = new double[count];
        for (var e : groupPartition.entrySet()) partitionLoad[e.getValue()] += weight.getOrDefault(e.getKey(), 0.0);
        List<String> free = new ArrayList<>(new TreeSet<>(group.values()));
        free.removeIf(groupPartition::containsKey);
        free.sort(Comparator.comparing((String g) -> -weight.getOrDefault(g, 0.0)).thenComparing(g -> g));
        for (String g : free) {
            int best = 0;
            for (int k = 1; k < count; k++) if (partitionLoad[k] < partitionLoad[best]) best = k;
            groupPartition.put(g, best);
            partitionLoad[best] += weight.getOrDefault(g, 0.0);
        }
        Map<String, Integer> partitionOf = new LinkedHashMap<>();
        for (String node : nodes) partitionOf.put(node, groupPartition.get(group.get(node)));
        return new HostPlacement(partitionOf, count, lookahead(topology, partitionOf));
    }

    public int of(String node) { return partitionOf.get(node); }

    /** Hosts, then routers, in declaration order. */
    private static List<String> nodes(Topology topology) {
        List<String> nodes = new ArrayList<>();
        for (HostSpec h : topology.hosts()) nodes.add(h.name());
        for (var r : topology.routers()) nodes.add(r.name());
        return nodes;
    }

    /** Each group's weight: its members' expected load, plus one per link end and one for being there. */
    private static Map<String, Double> weights(Topology topology, List<String> nodes, Map<String, String> group, Load load) {
        Map<String, Double> weight = new HashMap<>();
        for (String node : nodes) weight.merge(group.get(node), 1 + load.expected().getOrDefault(node, 0.0), Double::sum);
        for (LinkSpec l : topology.links()) {
            weight.merge(group.get(l.from()), 1.0, Double::sum);
            weight.merge(group.get(l.to()), 1.0, Double::sum);
        }
        return weight;
    }

    /** The smallest delay a link between partitions can have: its fixed delay (jitter, queues and rules only add). */
    private static long lookahead(Topology topology, Map<String, Integer> partitionOf) {
        long min = Long.MAX_VALUE;
        for (LinkSpec l : topology.links()) {
            if (partitionOf.get(l.from()).equals(partitionOf.get(l.to()))) continue;
            if (l.params().delay() <= 0) {
                throw new IllegalArgumentException("link " + l.name() + " joins partitions " + partitionOf.get(l.from()) + " and "
                        + partitionOf.get(l.to()) + " with no delay, so they could never run apart: place " + l.from() + " and "
                        + l.to() + " on one partition (hosts." + l.from() + ".partition = hosts." + l.to() + ".partition) or give the link a delay");
            }
            min = Math.min(min, l.params().delay());
        }
        return min;
    }

    /**
     * Each node's group (named by its first member): the nodes that must run together, and nodes
     * joined by a link with no delay (unless placed apart by hand: that link is then refused by name).
     */
    private static Map<String, String> groups(Topology topology, List<String> nodes, Set<String> together, Map<String, Integer> placed) {
        Map<String, String> parent = new HashMap<>();
        for (String node : nodes) parent.put(node, node);
        String first = null;
        for (String node : nodes) {
            if (!together.contains(node)) continue;
            if (first == null) first = node;
            else union(parent, first, node);
        }
        for (LinkSpec l : topology.links()) {
            Integer from = placed.get(l.from()), to = placed.get(l.to());
            boolean apart = from != null && to != null && !from.equals(to);
            if (l.params().delay() <= 0 && !apart) union(parent, l.from(), l.to());
        }
        Map<String, String> group = new HashMap<>();
        for (String node : parent.keySet()) group.put(node, find(parent, node));
        return group;
    }

    /** The other members of {@code node}'s group, by name. */
    private static String together(Map<String, String> group, String node) {
        List<String> others = new ArrayList<>();
        for (var e : new TreeMap<>(group).entrySet()) {
            if (e.getValue().equals(group.get(node)) && !e.getKey().equals(node)) others.add(e.getKey());
        }
        return String.join(", ", others);
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a), rb = find(parent, b);
        if (!ra.equals(rb)) parent.put(rb.compareTo(ra) < 0 ? ra : rb, rb.compareTo(ra) < 0 ? rb : ra);
    }

    private static String find(Map<String, String> parent, String node) {
        while (!parent.get(node).equals(node)) node = parent.get(node);
        return node;
    }
}
