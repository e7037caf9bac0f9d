package io.tcpemu.runtime;

import org.apache.pekko.actor.typed.ActorRef;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place hosts and links are found: by host name, by IPv4 address, and the link for a
 * (from, to) pair. Filled while the topology is built, before any traffic flows. Messages between
 * actors are plain records, so a later deployment could back this with Cluster Sharding.
 */
public final class Directory {
    private final Map<String, ActorRef<Host.Command>> hostsByName = new ConcurrentHashMap<>();
    private final Map<Integer, ActorRef<Host.Command>> hostsByIp = new ConcurrentHashMap<>();
    private final Map<Integer, String> namesByIp = new ConcurrentHashMap<>();
    private final Map<Long, Link.Wire> links = new ConcurrentHashMap<>();
    private final Map<String, ActorRef<Host.Command>> routers = new ConcurrentHashMap<>();
    private final Map<String, Link.Wire> linksByName = new ConcurrentHashMap<>();
    private final Map<Integer, Host.Deliveries> deliveries = new ConcurrentHashMap<>();
    private final Map<String, Host.Calls> calls = new ConcurrentHashMap<>();

    public void addHost(String name, int ip, ActorRef<Host.Command> ref) {
        hostsByName.put(name, ref);
        hostsByIp.put(ip, ref);
        namesByIp.put(ip, name);
    }

    /** A direction reached only by messages (a stand-in link, one added while running). */
    public void addLink(int fromIp, int toIp, ActorRef<Link.Command> ref) { addLink(fromIp, toIp, Link.Wire.told(ref)); }

    public void addLink(int fromIp, int toIp, Link.Wire wire) { links.put(key(fromIp, toIp), wire); }

    /** A router: it takes deliveries as a host does, but forwards them (no address of its own). */
    public void addRouter(String name, ActorRef<Host.Command> ref) { routers.put(name, ref); }

    /** A link direction by its end names ("a", "r1"), for routers, which have no address to look it up by. */
    public void addLink(String from, String to, Link.Wire wire) { linksByName.put(from + "->" + to, wire); }

    /**
     * The router of that name, or null: a link ending at a router delivers to it whatever the
     * address. Asked for every segment a link delivers; most topologies have no router at all.
     */
    public ActorRef<Host.Command> router(String name) { return routers.isEmpty() ? null : routers.get(name); }

    /** The link direction from → to by name, or null. */
    public Link.Wire wire(String from, String to) { return linksByName.get(from + "->" + to); }

    public ActorRef<Host.Command> host(String name) { return hostsByName.get(name); }
    public ActorRef<Host.Command> hostByIp(int ip) { return hostsByIp.get(ip); }
    public String hostName(int ip) { return namesByIp.get(ip); }

    /** Where links hand the host at this address its segments on its own loop (the host opens it as it starts). */
    Host.Deliveries deliveries(int ip) { return deliveries.computeIfAbsent(ip, k -> new Host.Deliveries()); }

    /** Where the actors beside the host of that name call it on its loop (the host opens it as it starts). */
    public Host.Calls calls(String hostName) { return calls.computeIfAbsent(hostName, k -> new Host.Calls()); }

    /** The link that carries segments from {@code fromIp} to {@code toIp}, or null if none. */
    public ActorRef<Link.Command> link(int fromIp, int toIp) {
        Link.Wire wire = links.get(key(fromIp, toIp));
        return wire == null ? null : wire.ref();
    }

    /** Where a host puts segments for {@code toIp}: the link that carries them, or null if none. */
    public Link.Wire wire(int fromIp, int toIp) { return links.get(key(fromIp, toIp)); }

    /**
     * The pair packed into a long, times an odd constant: Long's hash is high ^ low, so plain packed
     * pairs of one subnet collide in bulk (a.b.c.1→a.b.c.2 and a.b.c.3→a.b.c.0 alike); multiplying by
     * an odd number is a bijection, so keys stay unique and their hashes spread.
     */
    private static long key(int fromIp, int toIp) {
        return (((long) fromIp << 32) | (toIp & 0xFFFF_FFFFL)) * 0x9E37_79B9_7F4A_7C15L;
    }
}
