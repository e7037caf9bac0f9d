package io.tcpemu.runtime;

import io.tcpemu.net.Route;
import io.tcpemu.net.RouterSpec;
import io.tcpemu.net.Routes;
import io.tcpemu.runtime.fault.FaultRule;
import io.tcpemu.tcp.SockAddr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The hosts, routers and link directions of an emulation, checked for consistency: every link
 * joins two declared nodes, names and addresses are unique, each direction is declared once, and
 * with routers every node's forwarding table ({@link Routes}) is computed and free of loops.
 */
public record Topology(List<HostSpec> hosts, List<LinkSpec> links, List<RouterSpec> routers, Routes routes) {
    public Topology(List<HostSpec> hosts, List<LinkSpec> links) { this(hosts, links, List.of(), null); }

    public Topology {
        hosts = List.copyOf(hosts);
        links = List.copyOf(links);
        routers = List.copyOf(routers);
        Map<String, HostSpec> byName = new HashMap<>();
        Map<Integer, String> byIp = new HashMap<>();
        for (HostSpec h : hosts) {
            if (byName.put(h.name(), h) != null) throw new IllegalArgumentException("host '" + h.name() + "' is declared twice");
            String other = byIp.put(h.ip(), h.name());
            if (other != null) {
                throw new IllegalArgumentException("hosts '" + other + "' and '" + h.name() + "' have the same address "
                        + SockAddr.formatIp(h.ip()));
            }
        }
        Set<String> nodes = new java.util.LinkedHashSet<>(byName.keySet());
        for (RouterSpec r : routers) {
            if (!nodes.add(r.name())) throw new IllegalArgumentException("router '" + r.name() + "' has the name of another host or router");
            if (r.nat() != null) {
                for (int ip : r.nat().publicAddresses()) {
                    String other = byIp.put(ip, r.name());
                    if (other != null) throw new IllegalArgumentException("router '" + r.name() + "' has public address "
                            + SockAddr.formatIp(ip) + ", which " + other + " has too");
                }
            }
        }
        Set<String> directions = new HashSet<>();
        for (LinkSpec l : links) {
            for (String end : List.of(l.from(), l.to())) {
                if (!nodes.contains(end)) {
                    throw new IllegalArgumentException("link " + l.name() + " names host '" + end
                            + "', which is not declared; declared hosts: " + String.join(", ", nodes));
                }
            }
            if (!directions.add(l.name())) throw new IllegalArgumentException("link " + l.name() + " is declared twice");
        }
        if (routes == null && !routers.isEmpty()) routes = routesOf(hosts, links, routers);
    }

    private static Routes routesOf(List<HostSpec> hosts, List<LinkSpec> links, List<RouterSpec> routers) {
        List<Routes.Node> nodes = new ArrayList<>();
        for (HostSpec h : hosts) nodes.add(new Routes.Node(h.name(), false, List.of(h.ip())));
        Map<String, List<Route>> statics = new HashMap<>();
        for (RouterSpec r : routers) {
            nodes.add(new Routes.Node(r.name(), true, r.nat() == null ? List.of() : r.nat().publicAddresses()));
            statics.put(r.name(), r.routes());
        }
        List<Routes.Hop> hops = new ArrayList<>();
        for (LinkSpec l : links) hops.add(new Routes.Hop(l.from(), l.to()));
        return Routes.compute(nodes, hops, statics);
    }

    /** The router of that name, or null. */
    public RouterSpec router(String name) {
        for (RouterSpec r : routers) if (r.name().equals(name)) return r;
        return null;
    }

    public HostSpec host(String name) {
        for (HostSpec h : hosts) if (h.name().equals(name)) return h;
        throw new IllegalArgumentException("no host named '" + name + "'");
    }

    public static Builder builder() { return new Builder(); }

    /**
     * Declares hosts and links in reading order. Each link direction gets its own seed, split
     * from the builder's seed in declaration order, so one seed fixes the whole network.
     */
    public static final class Builder {
        private final Map<String, HostSpec> hosts = new LinkedHashMap<>();
        private final List<LinkSpec> links = new ArrayList<>();
        private final List<RouterSpec> routers = new ArrayList<>();
        private SplittableRandom seeds = new SplittableRandom(1);

        public Builder seed(long seed) {
            seeds = new SplittableRandom(seed);
            return this;
        }

        /** A host with Linux-like kernel defaults and this TCP config. */
        public Builder host(String name, String dottedQuad, io.tcpemu.tcp.TcpConfig tcp) {
            return host(HostSpec.of(name, dottedQuad, tcp));
        }

        public Builder host(HostSpec spec) {
            hosts.put(spec.name(), spec);
            return this;
        }

        /** A router; links to and from it are declared as for hosts. */
        public Builder router(RouterSpec spec) {
            routers.add(spec);
            return this;
        }

        /** Both directions between a and b, with the same one-way delay. */
        public Builder link(String a, String b, long delayMicros) { return link(a, b, LinkParams.ofDelay(delayMicros)); }

        /** Both directions between a and b, with the same parameters (and separate random streams). */
        public Builder link(String a, String b, LinkParams params) {
            oneWay(a, b, params);
            return oneWay(b, a, params);
        }

        /** One direction only, from a to b. */
        public Builder oneWay(String from, String to, LinkParams params, FaultRule... rules) {
            links.add(new LinkSpec(from, to, params, List.of(rules), seeds.nextLong()));
            return this;
        }

        /** Adds a rule to the link direction from → to, which must be declared already. */
        public Builder rule(String from, String to, String rule) {
            for (int i = 0; i < links.size(); i++) {
                LinkSpec l = links.get(i);
                if (l.from().equals(from) && l.to().equals(to)) {
                    List<FaultRule> rules = new ArrayList<>(l.rules());
                    rules.add(FaultRule.parse(rule));
                    links.set(i, new LinkSpec(from, to, l.params(), rules, l.seed()));
                    return this;
                }
            }
            throw new IllegalArgumentException("rule \"" + rule + "\" is for link " + from + "->" + to + ", which is not declared");
        }

        public Topology build() { return new Topology(new ArrayList<>(hosts.values()), links, routers, null); }
    }
}
