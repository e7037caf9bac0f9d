package io.tcpemu.runtime;

import io.tcpemu.net.RouterSpec;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running network: the hosts and links of a {@link Topology} spawned as actors, supervised
 * and registered in the {@link Directory}. The entry point for whoever starts an emulation:
 * <pre>
 *   Network net = Network.start(topology, Host.factory(env), env, testKit::spawn);
 *   net.host("a").tell(...);  net.link("a", "b").tell(new Link.AddRule("drop fin from b", replyTo));
 * </pre>
 * Every host and link is restarted when it fails, and the failure is published on the trace as
 * {@code HostEvent(kind "failure")}. A restarted link starts again from its spec: segments in
 * flight and rules added at run time are lost (the trace shows the failure).
 */
public final class Network {
    private final Topology topology;
    private final RuntimeEnv env;
    private final Map<String, ActorRef<Host.Command>> hosts;
    private final Map<String, ActorRef<Link.Command>> links;

    private Network(Topology topology, RuntimeEnv env,
                    Map<String, ActorRef<Host.Command>> hosts, Map<String, ActorRef<Link.Command>> links) {
        this.topology = topology;
        this.env = env;
        this.hosts = Collections.unmodifiableMap(hosts);
        this.links = Collections.unmodifiableMap(links);
    }

    /**
     * Where each host's actors run when an emulation is partitioned: the spawner of a host's
     * partition, and for a link direction whose hosts are on two partitions, its receiving end.
     */
    public interface Placement {
        /** Spawns into the partition of {@code host}; null when another node runs that partition (nothing of it is spawned here). */
        Spawner spawner(String host);

        /**
         * For a direction whose hosts are apart: spawns its receiving end (with {@code receivingEnd},
         * under {@code name}, reached through {@code arrivals}) on the receiver's partition and says
         * how to reach it; null when together.
         */
        Link.FarEnd apart(LinkSpec link, Behavior<Link.Command> receivingEnd, Link.Arrivals arrivals, String name);

        /** Everything on one partition. */
        static Placement together(Spawner spawner) {
            return new Placement() {
                @Override public Spawner spawner(String host) { return spawner; }

                @Override public Link.FarEnd apart(LinkSpec link, Behavior<Link.Command> receivingEnd, Link.Arrivals arrivals, String name) {
                    return null;
                }
            };
        }
    }

    /** Spawns every host (through the factory) and every link direction, and fills the directory. */
    public static Network start(Topology topology, Host.Factory hostFactory, RuntimeEnv env, Spawner spawner) {
        return start(topology, hostFactory, env, Placement.together(spawner));
    }

    /** The same over partitions: each host where {@code placement} puts it, each link direction with its sender. */
    public static Network start(Topology topology, Host.Factory hostFactory, RuntimeEnv env, Placement placement) {
        Map<String, ActorRef<Host.Command>> hosts = new LinkedHashMap<>();
        for (HostSpec h : topology.hosts()) {
            if (placement.spawner(h.name()) == null) continue;
            ActorRef<Host.Command> ref = placement.spawner(h.name()).spawn(
                    FailureReporter.restarting(hostFactory.create(h), h.name(), env), actorName("host-", h.name()));
            env.directory().addHost(h.name(), h.ip(), ref);
            hosts.put(h.name(), ref);
        }
        for (RouterSpec r : topology.routers()) {
            ActorRef<Host.Command> ref = placement.spawner(r.name()).spawn(
                    FailureReporter.restarting(Router.create(r, topology.routes(), env), r.name(), env), actorName("router-", r.name()));
            env.directory().addRouter(r.name(), ref);
        }
        Map<String, ActorRef<Link.Command>> links = new LinkedHashMap<>();
        for (LinkSpec l : topology.links()) {
            String name = actorName("link-", l.from() + "-" + l.to());
            Link.Arrivals arrivals = new Link.Arrivals();
            Link.FarEnd farEnd = placement.apart(l, FailureReporter.restarting(Link.receivingEnd(l, env, arrivals), l.name(), env), arrivals, name);
            if (placement.spawner(l.from()) == null) continue;   // sent from another node; its receiving end, if here, is spawned
            Link.Departures departures = new Link.Departures();
            ActorRef<Link.Command> ref = placement.spawner(l.from()).spawn(
                    FailureReporter.restarting(Link.create(l, env, farEnd, departures), l.name(), env), name);
            Link.Wire wire = new Link.Wire(ref, departures);
            env.directory().addLink(l.from(), l.to(), wire);
            if (topology.router(l.from()) == null && topology.router(l.to()) == null)
                env.directory().addLink(topology.host(l.from()).ip(), topology.host(l.to()).ip(), wire);
            links.put(l.name(), ref);
        }
        if (topology.routes() != null) firstHops(topology, env.directory());
        return new Network(topology, env, hosts, links);
    }

    /** Each host sends a segment for an address it has no link to onto the link to its next hop. */
    private static void firstHops(Topology topology, Directory directory) {
        for (HostSpec h : topology.hosts()) {
            for (Map.Entry<Integer, String> e : topology.routes().table(h.name()).entrySet()) {
                if (directory.wire(h.ip(), e.getKey()) == null)
                    directory.addLink(h.ip(), e.getKey(), directory.wire(h.name(), e.getValue()));
            }
        }
    }

    public Topology topology() { return topology; }

    public RuntimeEnv env() { return env; }

    public Directory directory() { return env.directory(); }

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
