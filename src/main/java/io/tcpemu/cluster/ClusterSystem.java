package io.tcpemu.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.typed.Cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The actor system of a cluster member: cluster.conf with this member's address, port, seed nodes
 * and role. Every member's system has the same name, so seed nodes are just host:port.
 */
public final class ClusterSystem {
    /** The name every member's actor system has. */
    public static final String NAME = "tcpemu";
    /** The role of a {@code tcpemu node}, which runs emulations. */
    public static final String NODE_ROLE = "node";
    /** The role of a {@code tcpemu run} that submits one. */
    public static final String SUBMITTER_ROLE = "submitter";
    /** How long a submitter waits to be removed from the cluster as it ends (a lost node must be downed first). */
    static final java.time.Duration LEAVE_TIMEOUT = java.time.Duration.ofSeconds(30);

    private ClusterSystem() {}

    /**
     * Starts a member bound to {@code address:port} (port 0: any free one) that joins through
     * {@code seeds} (host:port; empty: it is the first node and joins itself).
     * A port in use is an {@link IllegalStateException} saying so.
     */
    public static <T> ActorSystem<T> start(Behavior<T> guardian, String address, int port, List<String> seeds, String role) {
        requireFree(address, port);   // before Pekko, which would log a stack trace first
        try {
            ActorSystem<T> system = ActorSystem.create(guardian, NAME, config(address, port, seeds, role));
            if (role.equals(NODE_ROLE)) system.systemActorOf(GoneSubmitters.create(), "gone-submitters", Props.empty());
            return system;
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + address + ":" + port + " (" + rootMessage(e)
                    + "); give a free --port, or --address with an address of this machine", e);
        }
    }

    /** The config of a member; with no seeds it joins itself (the first node of a cluster). */
    static Config config(String address, int port, List<String> seeds, String role) {
        List<String> seedUris = new ArrayList<>();
        for (String s : seeds) seedUris.add("pekko://" + NAME + "@" + s);
        Map<String, Object> own = new HashMap<>();
        own.put("pekko.remote.artery.canonical.hostname", address);
        own.put("pekko.remote.artery.canonical.port", port);
        own.put("pekko.cluster.roles", List.of(role));
        // A submitter's own output is the run's; the transport's warnings as it leaves would only clutter it.
        if (role.equals(SUBMITTER_ROLE)) {
            own.put("pekko.loglevel", "ERROR");
            own.put("pekko.stdout-loglevel", "OFF");
            // Leave for real before the process ends: a submitter gone while still a member is an unreachable
            // member whose stale view of the others makes the resolver see "indirectly connected" nodes and
            // down every node. After a node was lost the leave waits for the resolver to down it (stable-after).
            own.put("pekko.coordinated-shutdown.phases.cluster-exiting.timeout", LEAVE_TIMEOUT.toSeconds() + "s");
        }
        if (!seedUris.isEmpty()) own.put("pekko.cluster.seed-nodes", seedUris);
        // the trace events a served partition sends its driver (TraceModule), beside the wire's own
        List<String> modules = new ArrayList<>(ConfigFactory.load().getStringList("pekko.serialization.jackson.jackson-modules"));
        modules.add(TraceModule.class.getName());
        own.put("pekko.serialization.jackson.jackson-modules", modules);
        Config base = ConfigFactory.parseResources(ClusterSystem.class.getClassLoader(), "io/tcpemu/cluster/cluster.conf");
        // -D settings win over ours (e.g. Artery TLS from TCPEMU_JAVA_OPTS, README "Running on several machines").
        return ConfigFactory.systemProperties().withFallback(ConfigFactory.parseMap(own)).withFallback(base).withFallback(ConfigFactory.load());
    }

    /** A node with no seed nodes founds the cluster: it joins itself. */
    public static void joinSelfIfFirst(ActorSystem<?> system, List<String> seeds) {
        Cluster cluster = Cluster.get(system);
        if (seeds.isEmpty()) cluster.manager().tell(org.apache.pekko.cluster.typed.Join.create(cluster.selfMember().address()));
    }

    /** This member's host:port (the real port when 0 was asked). */
    public static String self(ActorSystem<?> system) { return NodeName.of(Cluster.get(system).selfMember().address()); }

    private static void requireFree(String address, int port) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress(address, port));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot listen on " + address + ":" + port + " (" + e.getMessage()
                    + "); give a free --port, or --address with an address of this machine", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
