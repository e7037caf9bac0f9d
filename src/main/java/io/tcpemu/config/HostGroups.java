package io.tcpemu.config;

import io.tcpemu.tcp.SockAddr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hosts written once with a {@code count}: {@code hosts.client { count = 1000 }} is client-1 ..
 * client-1000 at consecutive addresses, and wherever the config names {@code client} (an end of a
 * link, a workload's client or server) it means every one of them.
 */
final class HostGroups {
    /** Group name to its hosts' names, in order. */
    private final Map<String, List<String>> members = new LinkedHashMap<>();

    HostGroups(Map<String, HostSettings> hosts) {
        for (HostSettings h : hosts.values()) {
            if (!h.group().isEmpty()) members.computeIfAbsent(h.group(), g -> new ArrayList<>()).add(h.name());
        }
    }

    /**
     * Whether {@code count} hosts can be made from {@code h}: every address from its own on is one a
     * host may have, and no host written alone already has one of their names. One line if not.
     */
    static boolean check(Reader r, HostSettings h, int count, Set<String> written) {
        String range = h.name() + "-1.." + h.name() + "-" + count;
        for (int k = 1; k <= count; k++) {
            if (written.contains(h.name() + "-" + k)) {
                r.problem("count", "expected names of their own for " + range + ", but host " + h.name() + "-" + k + " is defined too");
                return false;
            }
        }
        if (h.address() == HostSettings.NO_ADDRESS) return true;   // reported already
        for (int k = 1; k <= count; k++) {
            long ip = (h.address() & 0xFFFF_FFFFL) + k - 1;
            String unusable = ip > 0xFFFF_FFFFL ? "past 255.255.255.255" : HostSettings.unusable((int) ip);
            if (unusable != null) {
                r.problem("count", "expected at most " + (k - 1) + " hosts from " + h.addressText() + " (one address each, consecutive), got "
                        + count + ": " + h.name() + "-" + k + " would have " + (ip > 0xFFFF_FFFFL ? "an address " : SockAddr.formatIp((int) ip) + ", ")
                        + unusable);
                return false;
            }
        }
        return true;
    }

    /** The host names with every group's name added, for checks of what the config may name. */
    Set<String> withGroups(Set<String> names) {
        Set<String> all = new TreeSet<>(names);
        all.addAll(members.keySet());
        return all;
    }

    /** {@code name}'s hosts: its group's, or itself. */
    List<String> hostsOf(String name) { return members.getOrDefault(name, List.of(name)); }

    /** Link directions with a group at one end: one per host of the group. Both ends groups: a problem. */
    List<LinkSettings> expand(Reader r, List<LinkSettings> directions) {
        List<LinkSettings> out = new ArrayList<>();
        for (LinkSettings d : directions) {
            if (members.containsKey(d.from()) && members.containsKey(d.to())) {
                r.problem(directions.size() == 2 ? "between" : "to", "expected at most one end with a count, got " + d.from()
                        + " and " + d.to() + ": link each of them to a router or switch instead");
                return List.of();
            }
            for (String from : hostsOf(d.from())) for (String to : hostsOf(d.to())) out.add(d.between(from, to));
        }
        return out;
    }

    /** The workload with every group among its clients and servers replaced by its hosts. */
    WorkloadSettings expand(WorkloadSettings w) {
        if (members.isEmpty()) return w;
        List<String> clients = new ArrayList<>();
        for (String c : w.clients()) clients.addAll(hostsOf(c));
        List<WorkloadSettings.Server> servers = new ArrayList<>();
        for (WorkloadSettings.Server s : w.servers()) for (String h : hostsOf(s.host())) servers.add(new WorkloadSettings.Server(h, s.port()));
        return w.with(clients, servers);
    }
}
