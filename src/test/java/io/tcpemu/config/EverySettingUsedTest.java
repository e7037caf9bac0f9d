package io.tcpemu.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22: a setting accepted, then not used, is a silent lie ({@code accept-queue} was read
 * nowhere). For every key of reference.conf: changing it changes the settings (it is read), and
 * the settings' field it lands in is read by code outside the config package (it is used).
 * A key added to reference.conf must be added to {@link #CHANGE}, a field to the settings records
 * must be used. Run-level effects of the kernel policies are in HostSettingsUsedTest and the
 * scenario tests.
 */
class EverySettingUsedTest {
    /** A scenario in which every key counts: two hosts, a link, a workload. */
    private static final String BASE = """
            hosts { a {}, b {}, c {}, d {} }
            routers { r { nat { public-addresses = ["203.0.113.1"], ports = "1024-2047", outside = [d] } } }
            links = [ { between = [a, b] }, { between = [c, b] }, { between = [c, r] }, { between = [r, d] } ]
            workload { clients = [a], server = "b:80", connections = 10 }
            """;

    /** Each key of reference.conf (host-defaults as host a, link-defaults as they are) and a value other than its default. */
    private static final Map<String, String> CHANGE = Map.ofEntries(
            entry("seed", "7"), entry("time.mode", "real"), entry("time.scale", "2"), entry("duration", "5s"),
            entry("partitions", "2"), entry("hosts.a.partition", "0"),
            entry("stop-after-connections", "3"), entry("repeat", "2"),
            entry("cluster.seed-nodes", "[\"127.0.0.1:2551\"]"), entry("cluster.nodes", "3"), entry("cluster.wait", "9s"),
            entry("cluster.address", "\"127.0.0.2\""),
            entry("routers.r.delay", "1ms"), entry("routers.r.rate", "100"), entry("routers.r.queue-limit", "5"),
            entry("routers.r.routes", "[{ to = d, via = d }]"), entry("routers.r.nat.public-addresses", "[\"203.0.113.9\"]"),
            entry("routers.r.nat.ports", "\"3000-3999\""), entry("routers.r.nat.port-algorithm", "random"),
            entry("routers.r.nat.outside", "[c]"),
            entry("routers.r.nat.timeouts.syn-sent", "9s"), entry("routers.r.nat.timeouts.syn-recv", "9s"),
            entry("routers.r.nat.timeouts.established", "9s"), entry("routers.r.nat.timeouts.fin-wait", "9s"),
            entry("routers.r.nat.timeouts.last-ack", "9s"), entry("routers.r.nat.timeouts.time-wait", "9s"),
            entry("routers.r.nat.timeouts.close", "9s"),
            entry("hosts.a.address", "\"10.9.9.9\""), entry("hosts.a.count", "2"), entry("hosts.a.profile", "rfc9293"), entry("hosts.a.ports", "\"40000-40100\""),
            entry("hosts.a.port-algorithm", "sequential"), entry("hosts.a.tw-reuse", "true"), entry("hosts.a.max-tw-buckets", "5"),
            entry("hosts.a.backlog", "3"), entry("hosts.a.reuse-addr", "false"),
            entry("hosts.a.load-balancer.vip", "\"10.0.0.1:443\""), entry("hosts.a.load-balancer.backends", "[\"b:81\"]"),
            entry("hosts.a.load-balancer.algorithm", "least-connections"),
            entry("hosts.a.tcp.mss", "500"), entry("hosts.a.tcp.receive-window", "1000"), entry("hosts.a.tcp.send-buffer", "2000"),
            entry("hosts.a.tcp.msl", "7s"), entry("hosts.a.tcp.time-wait", "9s"), entry("hosts.a.tcp.rto-initial", "3s"),
            entry("hosts.a.tcp.rto-min", "300ms"), entry("hosts.a.tcp.rto-max", "30s"), entry("hosts.a.tcp.syn-retries", "2"),
            entry("hosts.a.tcp.syn-linear-timeouts", "2"), entry("hosts.a.tcp.syn-ack-retries", "2"), entry("hosts.a.tcp.data-retries", "3"),
            entry("hosts.a.tcp.fin-wait-2-timeout", "9s"), entry("hosts.a.tcp.rst-in-time-wait", "ignore"),
            entry("hosts.a.tcp.syn-reopens-time-wait", "false"), entry("hosts.a.tcp.challenge-acks", "false"),
            entry("hosts.a.tcp.rst-on-close-with-unread", "false"), entry("hosts.a.tcp.timestamps", "false"),
            entry("hosts.a.tcp.buffer-out-of-order", "false"), entry("hosts.a.tcp.handshake", "two-way"),
            entry("hosts.a.tcp.delayed-ack", "off"),
            entry("link-defaults.delay", "9ms"), entry("link-defaults.jitter.distribution", "uniform"),
            entry("link-defaults.jitter.amount", "1ms"), entry("link-defaults.loss", "0.5"), entry("link-defaults.duplicate", "0.5"),
            entry("link-defaults.reorder", "0.5"), entry("link-defaults.reorder-delay", "9ms"), entry("link-defaults.bandwidth", "1000"),
            entry("link-defaults.queue-limit", "3"), entry("link-defaults.msl", "9s"), entry("link-defaults.rules", "[\"drop syn\"]"),
            entry("link-defaults.between", "[b, a]"), entry("link-defaults.from", "b"), entry("link-defaults.to", "b"),
            entry("workload.clients", "[a, c]"), entry("workload.server", "\"b:81\""), entry("workload.servers", "[\"b:80\", \"b:81\"]"),
            entry("workload.arrival.process", "constant"), entry("workload.arrival.rate", "7"), entry("workload.connections", "11"),
            entry("workload.concurrency-limit", "2"), entry("workload.request-size", "7"), entry("workload.response-size", "7"),
            entry("workload.think-time", "1s"), entry("workload.close", "abort"), entry("workload.close-skew", "1ms"),
            entry("workload.pool.size", "2"), entry("workload.pool.requests-per-connection", "3"),
            entry("sweep.parameter", "seed"), entry("sweep.values", "[1, 2]"), entry("sweep.parameter-2", "workload.connections"),
            entry("sweep.values-2", "[1s, 2s]"),
            entry("output.dir", "elsewhere"), entry("output.pcap.enabled", "true"), entry("output.pcap.where", "a"),
            entry("output.pcap.format", "pcap"), entry("output.pcap.epoch", "\"2020-01-01T00:00:00Z\""), entry("output.ladder", "on"),
            entry("output.ladder-rows", "9"), entry("output.connection", "2"), entry("output.sample-interval", "1s"),
            entry("output.plots", "false"), entry("output.report-html", "false"), entry("output.progress", "off"),
            entry("expect.established", "1"), entry("expect.refused", "1"), entry("expect.timed-out", "1"), entry("expect.reset", "1"),
            entry("expect.addr-not-avail", "1"), entry("expect.stale-bytes", "1"), entry("expect.max-time-wait", "1"),
            entry("expect.connecting-at-end", "1"));

    /** Overrides a key needs beside itself to be valid (the other of a pair, a link that must then exist). */
    private static final Map<String, List<String>> WITH = Map.ofEntries(
            entry("sweep.parameter", List.of("sweep.values=[5, 6]", "sweep.parameter=stop-after-connections")),
            entry("sweep.values", List.of("sweep.parameter=seed", "sweep.values=[1]")),
            entry("sweep.parameter-2", List.of("sweep.parameter=seed", "sweep.values=[1, 2]", "sweep.values-2=[5, 6]",
                    "sweep.parameter-2=stop-after-connections")),
            entry("sweep.values-2", List.of("sweep.parameter=seed", "sweep.values=[1, 2]", "sweep.parameter-2=duration", "sweep.values-2=[1s]")),
            entry("link-defaults.from", List.of("links=[{to = c}, {from = a, to = b}, {from = b, to = a}, {from = c, to = r}, {from = r, to = c}, {from = r, to = d}, {from = d, to = r}]", "link-defaults.from=a")),
            entry("link-defaults.to", List.of("links=[{from = c}, {from = a, to = b}, {from = b, to = a}, {from = c, to = r}, {from = r, to = c}, {from = r, to = d}, {from = d, to = r}]", "link-defaults.to=a")),
            entry("hosts.a.load-balancer.vip", List.of("hosts.a.load-balancer.vip=\"10.0.0.1:80\"", "hosts.a.load-balancer.backends=[\"b:80\"]")),
            entry("hosts.a.load-balancer.backends", List.of("hosts.a.load-balancer.vip=\"10.0.0.1:80\"", "hosts.a.load-balancer.backends=[\"b:80\"]")),
            entry("hosts.a.load-balancer.algorithm", List.of("hosts.a.load-balancer.vip=\"10.0.0.1:80\"", "hosts.a.load-balancer.backends=[\"b:80\"]")),
            entry("link-defaults.between", List.of("links=[{}, {between = [c, r]}, {between = [r, d]}]", "link-defaults.between=[a, b]")));

    /** Fields the config package itself turns into others: a host's profile chooses its tcp defaults. */
    private static final Set<String> DERIVED = Set.of("HostSettings.profile");

    @Test
    void every_key_of_reference_conf_is_read_when_changed() {
        List<Object> defaults = fields(load(BASE, List.of()));
        assertThat(fields(load(BASE, List.of()))).as("the same file twice gives equal settings").isEqualTo(defaults);
        List<String> notRead = new ArrayList<>();
        for (String key : referenceKeys()) {
            assertThat(CHANGE).as("a changed value for %s (a new key needs one here)", key).containsKey(key);
            List<String> overrides = new ArrayList<>(WITH.getOrDefault(key, List.of()));
            overrides.add(key + "=" + CHANGE.get(key));
            List<String> without = new ArrayList<>(WITH.getOrDefault(key, List.of()));
            // servers and server exclude each other, and HOCON cannot unset the base's server from --set
            String base = key.equals("workload.servers") ? BASE.replace("server = \"b:80\"", "servers = [\"b:80\"]") : BASE;
            if (fields(load(base, overrides)).equals(fields(load(base, without)))) notRead.add(key);
        }
        assertThat(notRead).as("keys whose change changes nothing").isEmpty();
    }

    /** Every field of the settings records is read by code outside the config package: none is parsed for nothing. */
    @Test
    void every_settings_field_is_used_outside_the_config_package() throws IOException {
        String elsewhere;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/tcpemu"))) {
            elsewhere = files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/config/"))
                    .map(EverySettingUsedTest::read).collect(Collectors.joining("\n"));
        }
        Set<String> unused = new TreeSet<>();
        for (Class<?> type : List.of(HostSettings.class, LinkSettings.class, LinkSettings.Jitter.class, WorkloadSettings.class,
                WorkloadSettings.Arrival.class, WorkloadSettings.Pool.class, OutputSettings.class, RunSettings.class,
                SweepSettings.Axis.class, ExpectSettings.class, LoadBalancerSettings.class)) {
            for (var c : type.getRecordComponents()) {
                if (!elsewhere.contains("." + c.getName() + "()") && !DERIVED.contains(type.getSimpleName() + "." + c.getName())) unused.add(type.getSimpleName() + "." + c.getName());
            }
        }
        assertThat(unused).as("settings fields nothing outside io.tcpemu.config reads").isEmpty();
    }

    private static Settings load(String text, List<String> overrides) {
        ConfigLoader.Result r = ConfigLoader.parse(text, "every.conf", overrides);
        if (r instanceof ConfigLoader.Invalid i) throw new AssertionError(overrides + ": " + i.message());
        return ((ConfigLoader.Loaded) r).settings();
    }

    /** The settings without the merged text (which changes with any key, read or not). */
    private static List<Object> fields(Settings s) {
        return List.of(s.run(), s.hosts(), s.links(), s.routers(), s.script(), s.workload(), s.sweep(), s.output(), s.expect(), s.cluster());
    }

    /** Leaf keys of reference.conf's tcpemu section: host-defaults as host a; the containers users fill are left out. */
    private static List<String> referenceKeys() {
        Config ref = ConfigFactory.parseResources("reference.conf").getConfig("tcpemu");
        List<String> keys = new ArrayList<>();
        collect(ref.root(), "", keys);
        return keys.stream().filter(k -> !Set.of("hosts", "links", "script", "variants", "expect.final-states").contains(k))
                .filter(k -> !k.equals("routers"))
                .map(k -> k.startsWith("host-defaults.") ? "hosts.a." + k.substring("host-defaults.".length())
                        : k.startsWith("router-defaults.") ? "routers.r." + k.substring("router-defaults.".length()) : k).sorted().toList();
    }

    private static void collect(com.typesafe.config.ConfigObject o, String prefix, List<String> keys) {
        for (Map.Entry<String, ConfigValue> e : o.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue().valueType() == ConfigValueType.OBJECT && !((com.typesafe.config.ConfigObject) e.getValue()).isEmpty()) {
                collect((com.typesafe.config.ConfigObject) e.getValue(), key + ".", keys);
            } else {
                keys.add(key);
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
