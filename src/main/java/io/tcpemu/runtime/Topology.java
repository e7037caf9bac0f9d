package io.tcpemu.runtime;

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
 * The hosts and link directions of an emulation, checked for consistency: every link joins two
 * declared hosts, names and addresses are unique, each direction is declared once.
 */
public record Topology(List<HostSpec> hosts, List<LinkSpec> links) {
    public Topology {
        hosts = List.copyOf(hosts);
        links = List.copyOf(links);
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
        Set<String> directions = new HashSet<>();
        for (LinkSpec l : links) {
            for (String end : List.of(l.from(), l.to())) {
                if (!byName.containsKey(end)) {
                    throw new IllegalArgumentException("link " + l.name() + " names host '" + end
                            + "', which is not declared; declared hosts: " + String.join(", ", byName.keySet()));
                }
            }
            if (!directions.add(l.name())) throw new IllegalArgumentException("link " + l.name() + " is declared twice");
        }
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

        public Topology build() { return new Topology(new ArrayList<>(hosts.values()), links); }
    }
}
