package io.tcpemu.emulation;

import io.tcpemu.config.HostSettings;
import io.tcpemu.config.LinkSettings;
import io.tcpemu.config.RouterSettings;
import io.tcpemu.config.Settings;
import io.tcpemu.net.ConntrackTimeouts;
import io.tcpemu.net.NatPorts;
import io.tcpemu.net.NatSpec;
import io.tcpemu.net.Route;
import io.tcpemu.net.RouterSpec;
import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.Jitter;
import io.tcpemu.runtime.LinkParams;
import io.tcpemu.runtime.PortAllocator;
import io.tcpemu.runtime.Topology;
import io.tcpemu.runtime.fault.FaultRule;

import java.util.ArrayList;
import java.util.List;

/** Builds the runtime's {@link Topology} from a scenario file's hosts, links and rules. */
public final class SettingsTopology {
    private SettingsTopology() {}

    public static Topology of(Settings settings) {
        long seed = settings.run().seed();
        Topology.Builder builder = Topology.builder().seed(seed);
        for (HostSettings h : settings.hosts().values()) builder.host(hostSpec(h, seed));
        for (RouterSettings r : settings.routers().values()) builder.router(routerSpec(r, settings));
        for (LinkSettings l : settings.links()) {
            FaultRule[] rules = rules(l, settings);
            try {
                builder.oneWay(l.from(), l.to(), params(l), rules);
            } catch (IllegalArgumentException e) { // a rule that can never fire on this direction
                throw new IllegalArgumentException(l.where() + ": link " + l.name() + ": " + e.getMessage());
            }
        }
        return builder.build();
    }

    /** The kernel settings of one host; its seed mixes the run's seed with its name, so hosts differ. */
    public static HostSpec hostSpec(HostSettings h, long runSeed) {
        int maxTw = h.maxTwBuckets() == 0 ? Integer.MAX_VALUE : h.maxTwBuckets();
        return new HostSpec(h.name(), h.address(), h.tcp(), h.ports().lo(), h.ports().hi(),
                PortAllocator.Algorithm.valueOf(h.portAlgorithm().name()), h.twReuse(), maxTw,
                runSeed * 31 + h.name().hashCode());
    }

    /** A router's spec; routes to a host or router name go to its address. */
    public static RouterSpec routerSpec(RouterSettings r, Settings settings) {
        List<Route> routes = new ArrayList<>();
        for (RouterSettings.RouteSettings rs : r.routes()) {
            boolean named = !rs.to().equals("default") && !Character.isDigit(rs.to().charAt(0));
            int prefix = !named ? rs.prefix() : settings.host(rs.to()) != null ? settings.host(rs.to()).address()
                    : settings.routers().get(rs.to()).nat().publicAddresses().get(0);
            routes.add(new Route(prefix, rs.length(), rs.via(), rs.where() + ": "));
        }
        NatSpec nat = null;
        if (r.nat() != null) {
            RouterSettings.Timeouts t = r.nat().timeouts();
            nat = new NatSpec(r.nat().publicAddresses(), r.nat().ports().lo(), r.nat().ports().hi(),
                    NatPorts.Algorithm.valueOf(r.nat().portAlgorithm().name()),
                    new ConntrackTimeouts(t.synSent(), t.synRecv(), t.established(), t.finWait(), t.lastAck(), t.timeWait(), t.close()),
                    r.nat().outside());
        }
        return new RouterSpec(r.name(), r.delay(), r.rate(), r.queueLimit(), routes, nat);
    }

    public static LinkParams params(LinkSettings l) {
        Jitter jitter = new Jitter(Jitter.Distribution.valueOf(l.jitter().distribution().name()), l.jitter().amount());
        return new LinkParams(l.delay(), jitter, l.loss(), l.duplicate(), 0, l.reorder(), l.reorderDelay(),
                l.bandwidth(), l.queueLimit(), l.msl());
    }

    /**
     * The link's rules. {@code between = [a, b]} lists its rules on both directions; a rule aimed
     * at one sender ("from b") belongs only on the direction leaving that sender, so it is left
     * off the other one (where the runtime would rightly refuse it as never firing).
     */
    private static FaultRule[] rules(LinkSettings l, Settings settings) {
        LinkSettings reverse = settings.link(l.to(), l.from());
        List<FaultRule> rules = new ArrayList<>();
        for (String r : l.rules()) {
            try {
                FaultRule rule = FaultRule.parse(r);
                String sender = rule.pattern().fromHost();
                boolean forTheOtherWay = sender != null && sender.equals(l.to()) && reverse != null && reverse.rules().contains(r);
                if (!forTheOtherWay) rules.add(rule);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(l.where() + ": link " + l.name() + ": " + e.getMessage());
            }
        }
        return rules.toArray(FaultRule[]::new);
    }
}
