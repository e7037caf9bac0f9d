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

/**
 * Which partition each host runs on, and the lookahead that gives: hosts placed by hand stay
 * where they are put; hosts a workload drives go to partition 0 (its actors run there and talk
 * to them without a link); hosts joined by a link with no delay stay together; the rest go, the
 * busiest first, to the partition with the least load so far, a host's load being the links it
 * has. A host and its connections are never split: they are one actor tree.
 *
 * @param partitionOf every host's partition
 * @param lookahead   the smallest delay of a link between two partitions, µs; Long.MAX_VALUE when none joins two
 */
public record HostPlacement(Map<String, Integer> partitionOf, int count, long lookahead) {

    /**
     * @param placed   hosts placed by hand ({@code hosts.X.partition})
     * @param withLoad hosts that must be on partition 0 (a workload's)
     * @throws IllegalArgumentException one line naming the host or link and the fix
     */
    public static HostPlacement of(Topology topology, int count, Map<String, Integer> placed, Set<String> withLoad) {
        if (!topology.routers().isEmpty()) {   // not yet placed apart: routers forward without a link of their own between partitions
            Map<String, Integer> all = new LinkedHashMap<>();
            for (HostSpec h : topology.hosts()) all.put(h.name(), 0);
            for (var r : topology.routers()) all.put(r.name(), 0);
            return new HostPlacement(all, count, Long.MAX_VALUE);
        }
        Map<String, String> group = groups(topology, withLoad, placed);
        Map<String, Integer> groupPartition = new HashMap<>();
        for (String w : withLoad) groupPartition.put(group.get(w), 0);
        for (HostSpec h : topology.hosts()) {
            Integer k = placed.get(h.name());
            if (k == null) continue;
            if (k >= count) throw new IllegalArgumentException("hosts." + h.name() + ".partition = " + k + ": there are only "
                    + count + " partitions (0 to " + (count - 1) + ")");
            Integer other = groupPartition.putIfAbsent(group.get(h.name()), k);
            if (other != null && other != k.intValue()) {
                throw new IllegalArgumentException("hosts." + h.name() + ".partition = " + k + ": " + h.name() + " must share partition "
                        + other + " with " + together(group, h.name()) + " (a workload drives them, or a link with no delay joins them)");
            }
        }
        Map<String, Integer> load = new HashMap<>();
        for (LinkSpec l : topology.links()) {
            load.merge(group.get(l.from()), 1, Integer::sum);
            load.merge(group.get(l.to()), 1, Integer::sum);
        }
        long[] partitionLoad = new long[count];
        for (var e : groupPartition.entrySet()) partitionLoad[e.getValue()] += load.getOrDefault(e.getKey(), 0) + 1;
        List<String> free = new ArrayList<>(new java.util.TreeSet<>(group.values()));
        free.removeIf(groupPartition::containsKey);
        free.sort(Comparator.comparing((String g) -> -load.getOrDefault(g, 0)).thenComparing(g -> g));
        for (String g : free) {
            int best = 0;
            for (int k = 1; k < count; k++) if (partitionLoad[k] < partitionLoad[best]) best = k;
            groupPartition.put(g, best);
            partitionLoad[best] += load.getOrDefault(g, 0) + 1;
        }
        Map<String, Integer> partitionOf = new LinkedHashMap<>();
        for (HostSpec h : topology.hosts()) partitionOf.put(h.name(), groupPartition.get(group.get(h.name())));
        return new HostPlacement(partitionOf, count, lookahead(topology, partitionOf));
    }

    public int of(String host) { return partitionOf.get(host); }

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
     * Each host's group (named by its first member): a workload's hosts together, and hosts joined
     * by a link with no delay (unless placed apart by hand: that link is then refused by name).
     */
    private static Map<String, String> groups(Topology topology, Set<String> withLoad, Map<String, Integer> placed) {
        Map<String, String> parent = new HashMap<>();
        for (HostSpec h : topology.hosts()) parent.put(h.name(), h.name());
        String first = null;
        for (HostSpec h : topology.hosts()) {
            if (!withLoad.contains(h.name())) continue;
            if (first == null) first = h.name();
            else union(parent, first, h.name());
        }
        for (LinkSpec l : topology.links()) {
            Integer from = placed.get(l.from()), to = placed.get(l.to());
            boolean apart = from != null && to != null && !from.equals(to);
            if (l.params().delay() <= 0 && !apart) union(parent, l.from(), l.to());
        }
        Map<String, String> group = new HashMap<>();
        for (String h : parent.keySet()) group.put(h, find(parent, h));
        return group;
    }

    /** The other hosts of {@code host}'s group, by name. */
    private static String together(Map<String, String> group, String host) {
        List<String> others = new ArrayList<>();
        for (var e : new java.util.TreeMap<>(group).entrySet()) {
            if (e.getValue().equals(group.get(host)) && !e.getKey().equals(host)) others.add(e.getKey());
        }
        return String.join(", ", others);
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a), rb = find(parent, b);
        if (!ra.equals(rb)) parent.put(rb.compareTo(ra) < 0 ? ra : rb, rb.compareTo(ra) < 0 ? rb : ra);
    }

    private static String find(Map<String, String> parent, String h) {
        while (!parent.get(h).equals(h)) h = parent.get(h);
        return h;
    }
}
