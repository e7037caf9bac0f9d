package io.tcpemu.workload;

import io.tcpemu.config.HostSettings;
import io.tcpemu.config.LinkSettings;
import io.tcpemu.config.Settings;
import io.tcpemu.config.WorkloadSettings;
import io.tcpemu.config.WorkloadSettings.CloseMode;
import io.tcpemu.metrics.HostPrediction;
import io.tcpemu.metrics.LittlesLaw;
import io.tcpemu.metrics.Predicted;
import io.tcpemu.metrics.Predictions;
import io.tcpemu.runtime.TimeWaitTable;
import io.tcpemu.tcp.TcpConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analytic model of a workload's TIME-WAIT and ports: the one place that says what tcpemu
 * expects, printed beside what it measures (summary, sweep table, sweep.csv, metrics.json).
 *
 * <p>Little's law: connections closed at rate r that each stay TIME-WAIT long in TIME-WAIT keep
 * r × TIME-WAIT of them there. What the model knows on top of that:
 * <ul>
 *   <li><b>Who holds TIME-WAIT</b>: the end that closes first (the client for {@code client-first},
 *       the server for {@code server-first}); with {@code simultaneous} the client always, the
 *       server for the connections whose FINs cross (all of them without close-skew, else the
 *       share whose server closes before the client's FIN arrives, on a link without jitter);
 *       nobody with {@code abort}
 *       (SO_LINGER 0: RST).</li>
 *   <li><b>Reuse</b>: a pool opens one connection per requests-per-connection requests, and with
 *       no limit only its few connections, which stay open.</li>
 *   <li><b>Ports are per destination</b>: a local port in TIME-WAIT towards one server is free
 *       towards another (as Linux), so a client's ports run out above ports × destinations ÷ hold;
 *       connections go round-robin, so each destination takes an even share.</li>
 *   <li><b>tw_reuse</b> (with timestamps on both ends) frees a port once its TIME-WAIT entry is
 *       {@link TimeWaitTable#REUSE_MIN_AGE} old, so the hold is that, not the whole TIME-WAIT.</li>
 *   <li><b>max-tw-buckets</b> caps the entries; a cap below the ports means they never run out.</li>
 *   <li><b>A finite run</b>: arrivals last the duration (or until the workload's connections are
 *       made); evenly spaced ones above the knee succeed ports per hold time, exactly; Poisson
 *       ones lose Erlang's share after the first hold time.</li>
 * </ul>
 * Where it does not apply (lossy links, connections that live long beside TIME-WAIT, no steady
 * state, a binding concurrency limit) a figure is {@link Predicted#na n/a} with the reason.
 * The connection's own few round trips are left out of the hold time.
 */
public final class TimeWaitModel {
    private TimeWaitModel() {}

    /** Connections that live longer than this share of their port's hold time make the model inexact. */
    private static final double LIFETIME_SHARE = 0.05;

    /**
     * A NAT gateway's knee: the connections per second it can start towards its destinations
     * before every public tuple is held, each for about conntrack's TIME-WAIT after the connection
     * closes (ports x public addresses x destinations / time-wait). n/a without a workload.
     */
    public static Predicted gatewayKnee(Settings s, String router) {
        io.tcpemu.config.RouterSettings.NatSettings nat = s.routers().get(router).nat();
        if (nat == null) return Predicted.na("no NAT");
        if (!s.workload().enabled()) return Predicted.na("no workload");
        if (nat.timeouts().timeWait() == 0) return Predicted.na("conntrack time-wait is 0");
        double tuples = (double) nat.ports().size() * nat.publicAddresses().size() * s.workload().servers().size();
        return Predicted.of(LittlesLaw.knee((int) tuples, nat.timeouts().timeWait() / 1e6));
    }

    /**
     * Little's law for a NAT gateway: conntrack entries held at once ≈ the rate connections get a
     * tuple (the offered rate, or the knee above it) x conntrack's TIME-WAIT. n/a without a workload.
     */
    public static Predicted gatewayTable(Settings s, String router) {
        Predicted knee = gatewayKnee(s, router);
        if (!knee.known()) return knee;
        if (s.workload().pool().size() > 0) return Predicted.na("a keep-alive pool holds its connections open");
        double rate = Math.min(s.workload().arrival().rate(), knee.value());
        return Predicted.of(LittlesLaw.held(rate, s.routers().get(router).nat().timeouts().timeWait() / 1e6));
    }

    /** What the model predicts for the scenario's workload, host by host. */
    public static Predictions of(Settings s) {
        WorkloadSettings w = s.workload();
        if (!w.enabled()) return Predictions.NONE;
        return new Load(s).model().grouped(s::rowOf);
    }

    /** The workload's figures that every host's prediction uses. */
    private static final class Load {
        final Settings s;
        final WorkloadSettings w;
        final List<String> clients;
        final List<WorkloadSettings.Server> servers;
        final CloseMode close;
        final boolean pooledForever;
        /** Requests per connection. */
        final int perConnection;
        /** Seconds during which requests arrive. */
        final double window;
        /** New connections per second from one client to one destination. */
        final double pairRate;

        Load(Settings s) {
            this.s = s;
            this.w = s.workload();
            this.clients = w.clients();
            this.servers = w.servers();
            this.close = w.close();
            this.pooledForever = w.pool().size() > 0 && w.pool().requestsPerConnection() == 0;
            this.perConnection = w.pool().size() > 0 && w.pool().requestsPerConnection() > 0 ? w.pool().requestsPerConnection() : 1;
            long requests = WorkloadPlan.from(s).requests();
            double duration = seconds(s.run().duration());
            this.window = requests > 0 ? Math.min(duration, requests / w.arrival().rate()) : duration;
            this.pairRate = pooledForever ? 0 : w.arrival().rate() / perConnection / clients.size() / servers.size();
        }

        Predictions model() {
            Map<String, HostPrediction> hosts = new LinkedHashMap<>();
            double attempts = 0, failures = 0;
            Predicted failing = null;
            for (String c : clients) {
                Client client = new Client(s.host(c));
                hosts.put(c, new HostPrediction(client.timeWait(), client.knee()));
                Predicted f = client.failures();
                if (!f.known() && failing == null) failing = f;
                attempts += pairRate * window * servers.size();
                failures += f.known() ? f.value() : 0;
            }
            for (WorkloadSettings.Server server : servers) {
                if (hosts.containsKey(server.host())) {
                    if (clients.contains(server.host())) hosts.put(server.host(), new HostPrediction(
                            Predicted.na("both a client and a server: not modelled"), hosts.get(server.host()).portsRunOutAbove()));
                    continue;
                }
                hosts.put(server.host(), new HostPrediction(serverTimeWait(s.host(server.host())), null));
            }
            for (WorkloadPlan.Proxy proxy : WorkloadPlan.from(s).proxies()) {
                Proxy p = new Proxy(proxy);
                hosts.put(p.name, p.prediction(hosts.get(p.name)));
                for (String b : p.client.dests) hosts.putIfAbsent(b, new HostPrediction(p.backendTimeWait(s.host(b)), null));
                Predicted f = p.client.failures();
                if (!f.known() && failing == null) failing = f;
                attempts += p.client.rate * window * p.client.dests.size();
                failures += f.known() ? f.value() : 0;
            }
            Predicted rate = failing != null ? Predicted.na(failing.why())
                    : Predicted.of(attempts == 0 ? 0 : Math.max(0, failures / attempts));
            return new Predictions(hosts, rate);
        }

        /** Why this end keeps no TIME-WAIT, or null if it does. */
        String noTimeWait(HostSettings h, boolean client) {
            if (pooledForever) return "pooled connections stay open";
            if (close == CloseMode.ABORT) return "SO_LINGER 0: RST, no TIME-WAIT";
            if (client && close == CloseMode.SERVER_FIRST) return "the server closes first";
            if (!client && close == CloseMode.CLIENT_FIRST) return "the client closes first";
            if (h.tcp().timeWait() <= 0) return "TIME-WAIT 0";
            return null;
        }

        /** A server's TIME-WAIT: one entry per 4-tuple in use, and a client cycles through its ports. */
        Predicted serverTimeWait(HostSettings h) {
            String none = noTimeWait(h, false);
            if (none != null) return Predicted.of(0, none);
            double tw = seconds(h.tcp().timeWait());
            if (window < tw) return noSteadyState();
            double entries = 0;
            boolean capped = false;
            for (String c : clients) {
                HostSettings client = s.host(c);
                for (WorkloadSettings.Server dest : servers) {
                    if (!dest.host().equals(h.name())) continue;
                    double share = crossing(c, h.name());
                    if (Double.isNaN(share)) return Predicted.na("how many FINs cross depends on the jitter and the traffic ahead of each FIN");
                    double offered = LittlesLaw.held(pairRate * share, tw);
                    int ports = client.ports().size();
                    double tuples = client.portAlgorithm() == HostSettings.PortAlgorithm.RANDOM
                            ? ports * (1 - Math.exp(-offered / ports)) : Math.min(offered, ports);
                    capped |= tuples < offered;
                    entries += tuples;
                }
            }
            return capOf(h, entries, capped ? "one per 4-tuple: the clients reuse their ports" : "");
        }

        /**
         * The share of connections whose FINs cross, so both ends hold TIME-WAIT: the server closes
         * a uniform random moment up to close-skew after the client, and the FINs cross when that is
         * before the client's FIN arrives, one link delay later. NaN with jitter: a link keeps
         * segments in order, so a FIN's delay depends on the traffic ahead of it.
         */
        double crossing(String client, String server) {
            if (close != CloseMode.SIMULTANEOUS) return 1;
            double skew = seconds(w.closeSkew());
            if (skew == 0) return 1;
            LinkSettings link = s.link(client, server);
            if (link == null || (link.jitter().distribution() != LinkSettings.Distribution.NONE && link.jitter().amount() > 0)) return Double.NaN;
            return Math.min(1, seconds(link.delay()) / skew);
        }

        Predicted capOf(HostSettings h, double entries, String note) {
            if (h.maxTwBuckets() > 0 && h.maxTwBuckets() < entries) return Predicted.of(h.maxTwBuckets(), "max-tw-buckets " + h.maxTwBuckets());
            return Predicted.of(entries, note);
        }

        Predicted noSteadyState() {
            return Predicted.na("arrivals end after " + trim(window) + " s, within one TIME-WAIT: no steady state");
        }

        /**
         * A full-proxy load balancer: a server to the clients (its TIME-WAIT there is a server's) and
         * a client of its back-ends, which it closes first unless they close first: then they hold
         * TIME-WAIT, one entry per 4-tuple, and the proxy cycles through its ports.
         */
        final class Proxy {
            final String name;
            final Client client;

            Proxy(WorkloadPlan.Proxy p) {
                this.name = p.vip().host();
                HostSettings h = s.host(name);
                double in = pooledForever ? 0 : w.arrival().rate() / perConnection / servers.size();
                List<String> dests = p.backends().stream().map(WorkloadPlan.Server::host).toList();
                this.client = new Client(h, dests, in / dests.size(), backLegNone(h));
            }

            /** Why the proxy keeps no TIME-WAIT towards its back-ends, or null if it does. */
            String backLegNone(HostSettings h) {
                if (pooledForever) return "pooled connections stay open";
                if (close == CloseMode.ABORT) return "SO_LINGER 0: RST, no TIME-WAIT";
                if (close == CloseMode.SERVER_FIRST) return "the back-ends close first";
                if (h.tcp().timeWait() <= 0) return "TIME-WAIT 0";
                return null;
            }

            /** Its TIME-WAIT on both legs; its ports run out above its back-end leg's knee. */
            HostPrediction prediction(HostPrediction front) {
                Predicted back = client.timeWait();
                Predicted ahead = front == null ? Predicted.of(0) : front.timeWait();
                if (!ahead.known()) return new HostPrediction(ahead, client.knee());
                if (!back.known()) return new HostPrediction(back, client.knee());
                String note = ahead.value() > 0 && back.value() > 0 ? "both legs" : ahead.value() > 0 ? "the client leg" : back.note();
                return new HostPrediction(Predicted.of(ahead.value() + back.value(), note), client.knee());
            }

            /** A back-end's TIME-WAIT: it closes first, one entry per 4-tuple the proxy uses. */
            Predicted backendTimeWait(HostSettings b) {
                if (close != CloseMode.SERVER_FIRST) return Predicted.of(0, pooledForever ? "pooled connections stay open"
                        : close == CloseMode.ABORT ? "SO_LINGER 0: RST, no TIME-WAIT" : "the proxy closes first");
                if (b.tcp().timeWait() <= 0) return Predicted.of(0, "TIME-WAIT 0");
                double tw = seconds(b.tcp().timeWait());
                if (window < tw) return noSteadyState();
                double offered = LittlesLaw.held(client.rate, tw);
                boolean capped = offered > client.ports;
                return capOf(b, Math.min(offered, client.ports), capped ? "one per 4-tuple: the proxy reuses its " + client.ports + " ports" : "");
            }
        }

        /** One client host: its ports, how long a connection holds one, and its share of the load. */
        final class Client {
            final HostSettings h;
            final String none;
            final int ports;
            /** Seconds a closed connection keeps its port towards that destination: TIME-WAIT, or less with tw_reuse. */
            final double hold;
            final boolean reuse;

            /** Hosts it connects to, round-robin. */
            final List<String> dests;
            /** New connections per second to each of them. */
            final double rate;

            Client(HostSettings h) { this(h, servers.stream().map(WorkloadSettings.Server::host).toList(), pairRate, noTimeWait(h, true)); }

            Client(HostSettings h, List<String> dests, double rate, String none) {
                this.h = h;
                this.dests = dests;
                this.rate = rate;
                this.none = none;
                this.ports = h.ports().size();
                double tw = seconds(h.tcp().timeWait());
                this.reuse = h.twReuse() && timestamps(h) && tw > seconds(TimeWaitTable.REUSE_MIN_AGE);
                this.hold = none != null ? 0 : reuse ? seconds(TimeWaitTable.REUSE_MIN_AGE) : tw;
            }

            boolean capBelowPorts() { return h.maxTwBuckets() > 0 && h.maxTwBuckets() < ports; }

            Predicted timeWait() {
                if (none != null) return Predicted.of(0, none);
                double tw = seconds(h.tcp().timeWait());
                if (window < tw) return noSteadyState();
                double offered = LittlesLaw.held(rate, tw);
                String note = offered > ports ? "capped by " + ports + " ports" + (dests.size() > 1 ? " per destination" : "") : "";
                return capOf(h, dests.size() * Math.min(offered, ports), note);
            }

            /** The request rate of this host above which its ports run out. */
            Predicted knee() {
                if (none != null) return Predicted.na(none);
                if (capBelowPorts()) return Predicted.na("max-tw-buckets " + h.maxTwBuckets() + " < " + ports + " ports: they never run out");
                double connections = LittlesLaw.knee(ports, hold) * dests.size();
                String note = (reuse ? "tw_reuse frees a port after 1 s" : "")
                        + (dests.size() > 1 ? (reuse ? ", " : "") + dests.size() + " destinations" : "");
                return Predicted.of(connections * perConnection, note);
            }

            /** connect() calls expected to fail for want of a port over the run (a count), or why not. */
            Predicted failures() {
                String inexact = inexact();
                if (inexact != null) return Predicted.na(inexact);
                if (none != null || capBelowPorts()) return Predicted.of(0);
                double attempts = rate * window;
                double tw = seconds(h.tcp().timeWait());
                if (h.maxTwBuckets() > 0 && h.maxTwBuckets() < dests.size() * Math.min(LittlesLaw.held(rate, tw), ports)) {
                    return Predicted.na("both max-tw-buckets and the port range bind");
                }
                double ok = w.arrival().process() == WorkloadSettings.Process.POISSON
                        ? LittlesLaw.successesPoisson(rate, window, ports, hold)
                        : LittlesLaw.successesEvenlySpaced(rate, window, ports, hold);
                return Predicted.of(dests.size() * Math.max(0, attempts - ok));
            }

            /** Why the TIME-WAIT model is not the whole story for this client's ports, or null. */
            String inexact() {
                double lifetime = 0;
                for (String dest : dests) {
                    LinkSettings link = s.link(h.name(), dest);
                    if (link == null) continue;
                    if (link.loss() > 0 || !link.rules().isEmpty())
                        return "the link to " + dest + " loses segments: connections retry and live longer";
                    // handshake, request, response and the close: about three round trips
                    lifetime = Math.max(lifetime, 6 * (seconds(link.delay()) + seconds(link.jitter().amount())));
                }
                lifetime += seconds(w.thinkTime());
                if (w.concurrencyLimit() > 0 && rate * dests.size() * lifetime > (double) w.concurrencyLimit() / clients.size())
                    return "the concurrency limit holds requests back";
                if (hold > 0 && lifetime > LIFETIME_SHARE * hold)
                    return "connections live " + trim(lifetime * 1000) + " ms, not short beside their port's " + trim(hold) + " s hold";
                if (hold == 0 && rate * lifetime > LIFETIME_SHARE * ports)
                    return "open connections alone hold many ports; the model counts TIME-WAIT";
                return null;
            }

            /** tw_reuse needs timestamps on both ends (PAWS guards the reused tuple). */
            boolean timestamps(HostSettings client) {
                if (!client.tcp().timestamps()) return false;
                for (String dest : dests) if (!s.host(dest).tcp().timestamps()) return false;
                return true;
            }
        }
    }

    private static double seconds(long micros) { return micros / (double) TcpConfig.SECOND; }

    private static String trim(double v) {
        String t = String.format(java.util.Locale.ROOT, "%.1f", v);
        return t.endsWith(".0") ? t.substring(0, t.length() - 2) : t;
    }
}
