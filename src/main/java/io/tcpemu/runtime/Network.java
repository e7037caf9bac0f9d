package io.tcpemu.runtime;

import org.apache.pekko.actor.typed.ActorRef;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running network: the hosts and links of a {@link Topology} spawned as actors, supervised
 * and registered in the {@link Directory}. The entry point for whoever starts an emulation:
 * <pre>
 *   Network net = Network.start(topology, hostFactory, new NetworkContext(dir, bus, time), testKit::spawn);
 *   net.host("a").tell(...);  net.link("a", "b").tell(new Link.AddRule("drop fin from b", replyTo));
 * </pre>
 * Every host and link is restarted when it fails, and the failure is published on the trace as
 * {@code HostEvent(kind "failure")}. A restarted link starts again from its spec: segments in
 * flight and rules added at run time are lost (the trace shows the failure).
 */
public final class Network {
    private final Topology topology;
    private final NetworkContext context;
    private final Map<String, ActorRef<Host.Command>> hosts;
    private final Map<String, ActorRef<Link.Command>> links;

    private Network(Topology topology, NetworkContext context,
                    Map<String, ActorRef<Host.Command>> hosts, Map<String, ActorRef<Link.Command>> links) {
        this.topology = topology;
        this.context = context;
        this.hosts = Collections.unmodifiableMap(hosts);
        this.links = Collections.unmodifiableMap(links);
    }

    /** Spawns every host (through the factory) and every link direction, and fills the directory. */
    public static Network start(Topology topology, HostFactory hostFactory, NetworkContext net, Spawner spawner) {
        Map<String, ActorRef<Host.Command>> hosts = new LinkedHashMap<>();
        for (HostSpec h : topology.hosts()) {
            ActorRef<Host.Command> ref = spawner.spawn(
                    FailureReporter.restarting(hostFactory.create(h, net), h.name(), net), actorName("host-", h.name()));
            net.directory().addHost(h.name(), h.ip(), ref);
            hosts.put(h.name(), ref);
        }
        Map<String, ActorRef<Link.Command>> links = new LinkedHashMap<>();
        for (LinkSpec l : topology.links()) {
            ActorRef<Link.Command> ref = spawner.spawn(
                    FailureReporter.restarting(Link.create(l, net.directory(), net.bus(), net.time()), l.name(), net),
                    actorName("link-", l.from() + "-" + l.to()));
            net.directory().addLink(topology.host(l.from()).ip(), topology.host(l.to()).ip(), ref);
            links.put(l.name(), ref);
        }
        return new Network(topology, net, hosts, links);
    }

    public Topology topology() { return topology; }

    public NetworkContext context() { return context; }

    public Directory directory() { return context.directory(); }

    /** The host actor with this name; an error naming the known hosts if there is none. */
    public ActorRef<Host.Command> host(String name) {
        ActorRef<Host.Command> ref = hosts.get(name);
        if (ref == null) throw new IllegalArgumentException("no host named '" + name + "'; hosts: " + String.join(", ", hosts.keySet()));
        return ref;
    }

    /** The link direction from → to; an error naming the known links if there is none. */
    public ActorRef<Link.Command> link(String from, String to) {
        ActorRef<Link.Command> ref = links.get(from + "->" + to);
        if (ref == null) {
            throw new IllegalArgumentException("no link " + from + "->" + to + "; links: " + String.join(", ", links.keySet()));
        }
        return ref;
    }

    /** Links by name ("a->b"), in declaration order. */
    public Map<String, ActorRef<Link.Command>> links() { return links; }

    public Map<String, ActorRef<Host.Command>> hosts() { return hosts; }

    /** Host names may hold characters an actor path may not; encode them. */
    private static String actorName(String prefix, String name) {
        return prefix + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
