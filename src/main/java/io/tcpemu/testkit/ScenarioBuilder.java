package io.tcpemu.testkit;

import io.tcpemu.emulation.Emulation;
import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.LinkParams;
import io.tcpemu.runtime.PortAllocator;
import io.tcpemu.runtime.Topology;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.TcpConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Describes a {@link Scenario} in reading order: hosts, links, TCP settings, seed; {@link #build()}
 * starts it. Hosts get 10.0.0.1, 10.0.0.2 ... in the order they are declared unless given an
 * address; every host uses the {@link Profile#RFC9293} defaults unless told otherwise.
 * <pre>
 *   Scenario.builder().host("a").host("b").link("a", "b", ms(10))
 *           .profile(Profile.LINUX).tcp(tcp -> tcp.withTimeWait(s(2))).ports("a", 50000, 50001)
 *           .build();
 * </pre>
 */
public final class ScenarioBuilder {
    private record HostDraft(String name, String address, int portFirst, int portLast, UnaryOperator<TcpConfig> tcp) {}

    private record LinkDraft(String from, String to, LinkParams params) {}

    private final Map<String, HostDraft> hosts = new LinkedHashMap<>();
    private final List<LinkDraft> links = new ArrayList<>();
    private final Map<String, List<String>> rules = new HashMap<>();
    private Profile profile = Profile.RFC9293;
    private UnaryOperator<TcpConfig> tcp = UnaryOperator.identity();
    private long seed = 1;
    private int partitions = Emulation.defaultPartitions();
    private final java.util.Map<String, Integer> placed = new java.util.LinkedHashMap<>();

    ScenarioBuilder() {}

    /** A host named {@code name} at the next free address 10.0.0.n. */
    public ScenarioBuilder host(String name) { return host(name, "10.0.0." + (hosts.size() + 1)); }

    /** A host named {@code name} at the IPv4 address {@code address}. */
    public ScenarioBuilder host(String name, String address) {
        if (hosts.containsKey(name)) throw new IllegalArgumentException("host '" + name + "' is declared twice");
        SockAddr.parseIp(address);
        hosts.put(name, new HostDraft(name, address, PortAllocator.DEFAULT_FIRST, PortAllocator.DEFAULT_LAST, UnaryOperator.identity()));
        return this;
    }

    /** The ephemeral port range of {@code host}, handed out in order (first, first+1, ...): tiny ranges show exhaustion. */
    public ScenarioBuilder ports(String host, int first, int last) {
        HostDraft h = draft("ports", host);
        hosts.put(host, new HostDraft(host, h.address(), first, last, h.tcp()));
        return this;
    }

    /** The TCP defaults of every host (RFC9293 unless set). */
    public ScenarioBuilder profile(Profile profile) {
        this.profile = profile;
        return this;
    }

    /** Changes the TCP settings of every host, on top of the profile: {@code tcp(t -> t.withTimeWait(s(2)))}. */
    public ScenarioBuilder tcp(UnaryOperator<TcpConfig> change) {
        UnaryOperator<TcpConfig> before = tcp;
        tcp = t -> change.apply(before.apply(t));
        return this;
    }

    /** Changes the TCP settings of one host, on top of the profile and {@link #tcp(UnaryOperator)}. */
    public ScenarioBuilder tcp(String host, UnaryOperator<TcpConfig> change) {
        HostDraft h = draft("tcp", host);
        UnaryOperator<TcpConfig> before = h.tcp();
        hosts.put(host, new HostDraft(host, h.address(), h.portFirst(), h.portLast(), t -> change.apply(before.apply(t))));
        return this;
    }

    /** Both directions between {@code a} and {@code b}, each with a one-way delay of {@code delay} µs and no faults. */
    public ScenarioBuilder link(String a, String b, long delay) { return link(a, b, LinkParams.ofDelay(delay)); }

    /** Both directions between {@code a} and {@code b}, with these loss, delay and jitter parameters. */
    public ScenarioBuilder link(String a, String b, LinkParams params) {
        links.add(new LinkDraft(a, b, params));
        links.add(new LinkDraft(b, a, params));
        return this;
    }

    /** One direction only, {@code from} to {@code to}. */
    public ScenarioBuilder oneWay(String from, String to, LinkParams params) {
        links.add(new LinkDraft(from, to, params));
        return this;
    }

    /** A fault rule present from the start on the link {@code from -> to} ("drop 1st syn"). */
    public ScenarioBuilder rule(String from, String to, String rule) {
        rules.computeIfAbsent(from + "->" + to, k -> new ArrayList<>()).add(rule);
        return this;
    }

    /**
     * Runs the scenario over {@code n} partitions, each a thread with its own virtual clock; the
     * same seed gives the same trace as on one. Hosts are placed automatically unless
     * {@link #partition(String, int)} says. A link between partitions needs a delay. Default 1.
     */
    public ScenarioBuilder partitions(int n) {
        if (n < 1) throw new IllegalArgumentException("partitions: expected 1 or more, got " + n);
        this.partitions = n;
        return this;
    }

    /** Places {@code host} (and its connections) on partition {@code k}. */
    public ScenarioBuilder partition(String host, int k) {
        placed.put(host, k);
        return this;
    }

    /** Seeds every random choice (ISNs, ports, loss): the same seed gives the same trace. Default 1. */
    public ScenarioBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Starts the scenario: an actor system on the virtual clock, at time 0. Close it when done. */
    public Scenario build() {
        if (hosts.isEmpty()) throw new IllegalArgumentException("a scenario needs at least one host: call host(\"a\")");
        Topology.Builder topology = Topology.builder().seed(seed);
        for (HostDraft h : hosts.values()) topology.host(spec(h));
        for (LinkDraft l : links) topology.oneWay(l.from(), l.to(), l.params());
        rules.forEach((link, list) -> {
            String[] ends = link.split("->", 2);
            for (String r : list) topology.rule(ends[0], ends[1], r);
        });
        return new Scenario(Emulation.virtual(topology.build(), seed, partitions, placed, io.tcpemu.emulation.HostPlacement.Load.NONE));
    }

    private HostSpec spec(HostDraft h) {
        TcpConfig config = h.tcp().apply(tcp.apply(profile.config()));
        return HostSpec.of(h.name(), h.address(), config)
                .withPorts(h.portFirst(), h.portLast(), PortAllocator.Algorithm.SEQUENTIAL)
                .withSeed(seed * 31 + h.name().hashCode());
    }

    private HostDraft draft(String call, String host) {
        HostDraft h = hosts.get(host);
        if (h == null) {
            throw new IllegalArgumentException(call + "(\"" + host + "\", ...): no host '" + host + "' declared yet; hosts: "
                    + String.join(", ", hosts.keySet()));
        }
        return h;
    }
}
