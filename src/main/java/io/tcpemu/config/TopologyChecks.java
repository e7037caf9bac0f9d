package io.tcpemu.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import io.tcpemu.net.Route;
import io.tcpemu.net.Routes;
import io.tcpemu.tcp.SockAddr;

import java.util.ArrayList;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that span sections: every host named exists, addresses are unique, links make sense. */
final class TopologyChecks {
    private TopologyChecks() {}

    static final int FIRST_ADDRESS = SockAddr.parseIp("10.0.0.1");
    static final String NAME_RULE = "expected a host name of letters, digits, '-' and '_' starting with a letter";
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    /** "b:80" inside a console command. */
    private static final Pattern HOST_PORT = Pattern.compile("(?<![\\w.:])([A-Za-z][A-Za-z0-9_-]*):(\\d+)\\b");

    static boolean isName(String name) { return NAME.matcher(name).matches(); }

    /** The address a host sets, or NO_ADDRESS if it is not a valid one (that is reported elsewhere). */
    static int quietIp(Config host) {
        try {
            return SockAddr.parseIp(host.getString("address").trim());
        } catch (RuntimeException e) {
            return HostSettings.NO_ADDRESS;
        }
    }

    static void checkAddresses(Reader r, Map<String, HostSettings> hosts) {
        Map<Integer, String> owner = new HashMap<>();
        Set<String> reported = new java.util.HashSet<>();   // one line for a count's hosts, not one each
        for (HostSettings h : hosts.values()) {
            if (h.address() == HostSettings.NO_ADDRESS) continue;
            String other = owner.putIfAbsent(h.address(), h.name());
            if (other != null && reported.add(h.configName())) {
                String whose = h.group().isEmpty() ? "" : " (" + h.name() + "'s, of its count)";
                r.at(ConfigUtil.joinPath("hosts", h.configName())).problem("address",
                        "expected an address of its own, but host " + other + " has " + h.addressText() + " too" + whose);
            }
        }
    }

    /** Returns false (after reporting why) when the link, given as its one or two directions, cannot be used. */
    static boolean checkLink(Reader r, List<LinkSettings> directions, Set<String> hosts, List<LinkSettings> earlier) {
        if (directions.isEmpty()) return false;
        LinkSettings link = directions.get(0);
        boolean pair = directions.size() == 2;
        boolean ok = true;
        for (String end : new String[] {link.from(), link.to()}) {
            if (!hosts.contains(end)) {
                r.problem(pair ? "between" : end.equals(link.from()) ? "from" : "to", undefined(end, hosts));
                ok = false;
            }
        }
        if (ok && link.from().equals(link.to())) {
            r.problem(pair ? "between" : "to", "expected two different hosts, got a link from " + link.from() + " to itself");
            return false;
        }
        for (LinkSettings d : directions) {
            for (LinkSettings e : earlier) {
                if (ok && e.from().equals(d.from()) && e.to().equals(d.to())) {
                    r.problem(pair ? "between" : "to", "expected one link per direction, but " + d.name()
                            + " is already defined at " + e.where());
                    return false;
                }
            }
        }
        return ok;
    }

    static void checkScript(Reader r, ScriptStep step, Set<String> hosts) {
        Matcher m = HOST_PORT.matcher(step.command());
        while (m.find()) {
            if (!hosts.contains(m.group(1))) r.problem("do", undefined(m.group(1), hosts));
        }
    }

    /**
     * Routers: every route's destination and neighbour exist, every router has a link, no loop;
     * public addresses are nobody else's. The paths themselves are {@link Routes}'s to compute.
     */
    static void checkRoutes(Reader r, Map<String, HostSettings> hosts, Map<String, RouterSettings> routers, List<LinkSettings> links) {
        if (routers.isEmpty()) return;
        Map<String, Integer> addressOf = new HashMap<>();
        Map<Integer, String> owner = new HashMap<>();
        for (HostSettings h : hosts.values()) {
            addressOf.put(h.name(), h.address());
            owner.put(h.address(), h.name());
        }
        List<Routes.Node> nodes = new ArrayList<>();
        for (HostSettings h : hosts.values()) nodes.add(new Routes.Node(h.name(), false, List.of(h.address())));
        Map<String, List<Route>> statics = new HashMap<>();
        boolean ok = true;
        for (RouterSettings router : routers.values()) {
            Reader at = r.at(ConfigUtil.joinPath("routers", router.name()));
            List<Integer> publics = router.nat() == null ? List.of() : router.nat().publicAddresses();
            for (int ip : publics) {
                String other = owner.putIfAbsent(ip, router.name());
                if (other != null) {
                    at.problem("nat.public-addresses", "expected an address of its own, but " + other + " has " + SockAddr.formatIp(ip) + " too");
                    ok = false;
                }
            }
            if (!publics.isEmpty()) addressOf.put(router.name(), publics.get(0));
            nodes.add(new Routes.Node(router.name(), true, publics));
        }
        for (RouterSettings router : routers.values()) {
            List<Route> own = new ArrayList<>();
            for (int i = 0; i < router.routes().size(); i++) {
                RouterSettings.RouteSettings rs = router.routes().get(i);
                Reader at = r.at(ConfigUtil.joinPath("routers", router.name()));
                String key = "routes[" + i + "]";
                if (rs.to().isEmpty() || rs.via().isEmpty()) { ok = false; continue; }
                boolean named = !rs.to().equals("default") && !Character.isDigit(rs.to().charAt(0));
                if (named && !addressOf.containsKey(rs.to())) {
                    at.problem("routes", key + ": expected to = a host, a router with a NAT address, an address or a prefix, got \"" + rs.to() + "\"");
                    ok = false;
                    continue;
                }
                if (!hosts.containsKey(rs.via()) && !routers.containsKey(rs.via())) {
                    at.problem("routes", key + ": expected via = a neighbour of " + router.name() + ", got \"" + rs.via() + "\", which is neither a host nor a router");
                    ok = false;
                    continue;
                }
                own.add(new Route(named ? addressOf.get(rs.to()) : rs.prefix(), rs.length(), rs.via(), ""));
            }
            statics.put(router.name(), own);
        }
        if (!ok) return;
        List<Routes.Hop> hops = new ArrayList<>();
        for (LinkSettings l : links) hops.add(new Routes.Hop(l.from(), l.to()));
        try {
            Routes.compute(nodes, hops, statics);
        } catch (IllegalArgumentException e) {
            r.problem("routers", e.getMessage());
        }
    }

    /**
     * Load balancers: the VIP is the proxy's own address and no one else's, each back-end is another
     * host reached by a link (or through routers), one line per mistake.
     */
    static void checkLoadBalancers(Reader r, Map<String, HostSettings> hosts, Map<String, RouterSettings> routers, List<LinkSettings> links) {
        for (HostSettings h : hosts.values()) {
            LoadBalancerSettings lb = h.loadBalancer();
            if (lb == null) continue;
            Reader at = r.at(ConfigUtil.joinPath("hosts", h.configName(), "load-balancer"));
            if (!h.group().isEmpty()) {
                at.problem("vip", "expected a load balancer on a host of its own, but " + h.configName() + " has a count: its hosts would share one VIP");
                return;
            }
            int vip = lb.vip().ip();
            if (vip != h.address()) {
                String clash = ownerOf(vip, hosts, routers);
                at.problem("vip", "expected " + h.name() + "'s own address " + h.addressText() + " (the proxy owns its VIP), got "
                        + lb.vip() + (clash == null ? "" : ", which is " + clash + "'s address"));
            }
            for (WorkloadSettings.Server b : lb.backends()) {
                if (!hosts.containsKey(b.host())) {
                    at.problem("backends", "expected back-ends on hosts defined under hosts (defined: " + String.join(", ", hosts.keySet())
                            + "), got \"" + b + "\"");
                } else if (b.host().equals(h.name())) {
                    at.problem("backends", "expected back-ends on other hosts, got \"" + b + "\": the proxy would connect to itself");
                } else if (routers.isEmpty() && (!hasLink(links, h.name(), b.host()) || !hasLink(links, b.host(), h.name()))) {
                    at.problem("backends", "expected links both ways between " + h.name() + " and its back-end " + b.host()
                            + ", such as links = [ { between = [" + h.name() + ", " + b.host() + "] } ]");
                }
            }
        }
    }

    /** The host or NAT gateway that has {@code ip}, or null. */
    private static String ownerOf(int ip, Map<String, HostSettings> hosts, Map<String, RouterSettings> routers) {
        for (HostSettings h : hosts.values()) if (h.address() == ip) return h.name();
        for (RouterSettings g : routers.values()) if (g.nat() != null && g.nat().publicAddresses().contains(ip)) return g.name();
        return null;
    }

    static void checkWorkload(Reader r, WorkloadSettings w, Set<String> hosts, List<LinkSettings> links) {
        if (!w.enabled()) return;
        for (String client : w.clients()) if (!hosts.contains(client)) r.problem("clients", undefined(client, hosts));
        String key = r.isSet("server") ? "server" : "servers";
        for (WorkloadSettings.Server server : w.servers()) {
            if (!hosts.contains(server.host())) {
                r.problem(key, undefined(server.host(), hosts));
                continue;
            }
            for (String client : w.clients()) {
                if (!hosts.contains(client)) continue;
                if (client.equals(server.host())) {
                    r.problem("clients", "expected clients other than the server " + client);
                } else if (links != null && (!hasLink(links, client, server.host()) || !hasLink(links, server.host(), client))) {
                    r.problem(key, "expected links both ways between " + client + " and " + server.host()
                            + ", such as links = [ { between = [" + client + ", " + server.host() + "] } ]");
                }
            }
        }
    }

    static void checkOutput(Reader r, OutputSettings o, Set<String> hosts, List<LinkSettings> links) {
        String where = o.pcapWhere();
        if (where.isEmpty() || hosts.contains(where)) return;
        for (LinkSettings l : links) if (l.name().equals(where)) return;
        r.problem("pcap.where", "expected \"\", a host name or a link such as \"a->b\", got \"" + where + "\"");
    }

    private static boolean hasLink(List<LinkSettings> links, String from, String to) {
        for (LinkSettings l : links) if (l.from().equals(from) && l.to().equals(to)) return true;
        return false;
    }

    private static String undefined(String name, Set<String> hosts) {
        String known = hosts.isEmpty() ? "no hosts are defined" : "defined: " + String.join(", ", hosts);
        return "expected a host defined under hosts (" + known + "), got \"" + name + "\"";
    }
}
