package io.tcpemu.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import io.tcpemu.tcp.SockAddr;

import java.util.ArrayList;
import java.util.List;

/**
 * One router: how long it takes to forward, its interfaces' queues, its static routes and,
 * for a gateway, its NAT.
 *
 * @param name       the name links, routes and traces use
 * @param delay      time to forward one segment, microseconds
 * @param rate       segments per second each output interface sends; 0 = no limit
 * @param queueLimit segments an output interface holds; 0 = no limit
 * @param routes     static routes as written
 * @param nat        the NAT, or null
 * @param where      "file:line" of the router, for messages about its routes
 */
public record RouterSettings(String name, long delay, long rate, int queueLimit, List<RouteSettings> routes,
                             NatSettings nat, String where) {

    /**
     * A static route: {@code to} is a host or router name, an address, "a.b.c.d/n" or "default".
     *
     * @param prefix the address it stands for (a name's address is filled in once hosts are known)
     */
    public record RouteSettings(String to, String via, int prefix, int length, String where) {}

    /**
     * @param publicAddresses where sources are rewritten to
     * @param ports           the public ports handed out
     * @param portAlgorithm   hash (Linux's default), random (--random-fully) or sequential
     * @param outside         neighbours through the outside interface
     * @param timeouts        conntrack timeouts, microseconds, by state
     */
    public record NatSettings(List<Integer> publicAddresses, PortRange ports, PortAlgorithm portAlgorithm, List<String> outside,
                              Timeouts timeouts) {}

    public enum PortAlgorithm { HASH, RANDOM, SEQUENTIAL }

    public record Timeouts(long synSent, long synRecv, long established, long finWait, long lastAck, long timeWait, long close) {}

    static RouterSettings create(String name, Reader r) {
        List<RouteSettings> routes = new ArrayList<>();
        ConfigList list = r.list("routes", "a list of routes such as [ { to = server, via = r2 } ]");
        for (int i = 0; list != null && i < list.size(); i++) {
            Reader route = Reader.of((ConfigObject) list.get(i), com.typesafe.config.ConfigFactory.empty(),
                    r.path("routes[" + i + "]"), r.problems);
            routes.add(route(route));
        }
        return new RouterSettings(name, r.micros("delay"), r.wholeNumber("rate", 0, 1_000_000_000),
                r.integer("queue-limit", 0, Integer.MAX_VALUE), List.copyOf(routes), nat(r.at("nat")), r.where());
    }

    private static RouteSettings route(Reader r) {
        String to = r.optionalString("to").trim();
        String via = r.optionalString("via").trim();
        if (to.isEmpty()) r.problem("to", "expected a destination: a host name, an address, \"10.0.1.0/24\" or default");
        if (via.isEmpty()) r.problem("via", "expected the neighbour to send to, such as via = r2");
        int prefix = 0, length = 32;
        if (to.equals("default")) {
            length = 0;
        } else if (!to.isEmpty() && Character.isDigit(to.charAt(0))) {
            String[] parts = to.split("/", -1);
            try {
                prefix = SockAddr.parseIp(parts[0]);
                if (parts.length > 2) throw new IllegalArgumentException();
                if (parts.length == 2) length = Integer.parseInt(parts[1]);
                if (length < 0 || length > 32) throw new IllegalArgumentException();
            } catch (IllegalArgumentException e) {
                r.problem("to", "expected an address or a prefix such as \"10.0.1.0/24\", got \"" + to + "\"");
            }
        }
        return new RouteSettings(to, via, prefix, length, r.where());
    }

    private static NatSettings nat(Reader r) {
        List<String> addresses = r.strings("public-addresses", "a list of addresses such as [\"203.0.113.1\"]");
        if (addresses.isEmpty()) {
            for (String key : new String[] {"ports", "outside"})
                if (r.isSet(key) && !r.got(key).equals("[]")) r.problem(key, "expected public-addresses too: a NAT needs an address to rewrite to");
            return null;
        }
        List<Integer> ips = new ArrayList<>();
        for (String a : addresses) {
            try {
                ips.add(SockAddr.parseIp(a.trim()));
            } catch (IllegalArgumentException e) {
                r.problem("public-addresses", "expected IPv4 addresses such as \"203.0.113.1\", got \"" + a + "\"");
            }
        }
        PortRange ports = null;
        if (!r.isSet("ports")) r.problem("ports", "expected a port range such as \"1024-65535\": a NAT without ports can map nothing");
        else ports = PortRange.read(r, "ports");
        List<String> outside = r.strings("outside", "a list of neighbours such as [server]");
        if (outside.isEmpty()) r.problem("outside", "expected the neighbours behind the outside interface, such as outside = [server]:"
                + " connections leaving towards them are rewritten");
        Reader t = r.at("timeouts");
        Timeouts timeouts = new Timeouts(t.micros("syn-sent"), t.micros("syn-recv"), t.micros("established"), t.micros("fin-wait"),
                t.micros("last-ack"), t.micros("time-wait"), t.micros("close"));
        return new NatSettings(List.copyOf(ips), ports, r.choice("port-algorithm", PortAlgorithm.class, PortAlgorithm.HASH),
                outside, timeouts);
    }
}
