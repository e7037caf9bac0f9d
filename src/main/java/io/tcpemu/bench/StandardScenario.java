package io.tcpemu.bench;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.ConfigProblem;
import io.tcpemu.config.Settings;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The benchmark's workload as a scenario, the kind {@code tcpemu run} plays: one server, enough
 * client hosts that their ephemeral ports (1024-65535 each) never run out, each joined to the
 * server by a link with a fixed delay, and a workload of client-first closes (connect, a 64-byte
 * request, a 256-byte response, close, TIME-WAIT). Partitions are the scenario's own key, so the
 * benchmark runs exactly what a user's scenario with {@code partitions = N} would.
 *
 * @param connections lifecycles in all
 * @param rate        arrivals per emulated second, over all clients
 * @param timeWait    the clients' TIME-WAIT, µs
 * @param linkDelay   one-way link delay, µs
 * @param partitions  virtual-time partitions of the one emulation (1: today's single loop)
 * @param clientHosts client hosts
 */
record StandardScenario(long connections, double rate, long timeWait, long linkDelay, int partitions, int clientHosts) {
    static final int REQUEST_SIZE = 64;
    static final int RESPONSE_SIZE = 256;
    /** Ephemeral ports per client host: 1024-65535. */
    static final int PORTS_PER_CLIENT = 65535 - 1024 + 1;
    /** Emulated time the workload may take after its last arrival (it ends as soon as every connection closed). */
    private static final long SLACK_MICROS = 3_600_000_000L;

    /** The standard workload's shape: enough client hosts for every 4-tuple held at once in TIME-WAIT. */
    static StandardScenario of(long connections, double rate, long timeWait, long linkDelay, int partitions) {
        long tuples = Math.min(connections, (long) (rate * (timeWait / 1e6 + 1)));
        return new StandardScenario(connections, rate, timeWait, linkDelay, partitions, clientsFor(tuples));
    }

    /** Client hosts needed to hold {@code tuples} client-side 4-tuples at once, with a quarter to spare. */
    static int clientsFor(long tuples) {
        return (int) Math.max(1, Math.min(1000, (tuples + tuples / 4) / PORTS_PER_CLIENT + 1));
    }

    StandardScenario withPartitions(int n) {
        return new StandardScenario(connections, rate, timeWait, linkDelay, n, clientHosts);
    }

    /** The client hosts' names: client0, client1, ... */
    List<String> clients() {
        return java.util.stream.IntStream.range(0, clientHosts).mapToObj(i -> "client" + i).toList();
    }

    /** The scenario's text, as a user would write it in conf/. */
    String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("seed = 42\n");
        // the workload ends when its last connection has closed; the duration only bounds a run gone wrong
        sb.append("duration = ").append((long) (connections / rate * 1e6) + SLACK_MICROS).append("us\n");
        if (partitions != 1) sb.append("partitions = ").append(partitions).append('\n');
        sb.append("host-defaults { profile = linux, ports = \"1024-65535\", port-algorithm = sequential, max-tw-buckets = 0,\n")
                .append("  backlog = 65535, tcp.time-wait = ").append(timeWait).append("us }\n");
        sb.append("hosts {\n  server { address = \"10.0.0.1\" }\n");
        StringJoiner links = new StringJoiner(",\n  ", "links = [\n  ", "\n]\n");
        StringJoiner names = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < clientHosts; i++) {
            String name = "client" + i;
            sb.append(String.format(Locale.ROOT, "  %s { address = \"10.1.%d.%d\" }%n", name, i / 250, i % 250 + 1));
            links.add("{ between = [" + name + ", server], delay = " + linkDelay + "us }");
            names.add(name);
        }
        sb.append("}\n").append(links);
        sb.append("workload {\n  clients = ").append(names).append('\n')
                .append("  server = \"server:80\"\n")
                .append(String.format(Locale.ROOT, "  arrival { process = constant, rate = %s }%n", rate))
                .append("  connections = ").append(connections).append('\n')
                .append("  request-size = ").append(REQUEST_SIZE).append(", response-size = ").append(RESPONSE_SIZE).append('\n')
                .append("  close = client-first\n}\n");
        return sb.toString();
    }

    /** The loaded settings; a problem with them is a bug of the benchmark, reported with the text. */
    Settings settings() {
        ConfigLoader.Result result = ConfigLoader.parse(text(), "bench-standard.conf", List.of());
        if (result instanceof ConfigLoader.Loaded loaded) return loaded.settings();
        throw new IllegalStateException("the benchmark's scenario does not load: "
                + ((ConfigLoader.Invalid) result).problems() + "\n" + text());
    }

    /**
     * Null if scenarios of this build take {@code partitions = n}; else why not, in one line. Until
     * partitioned virtual time is merged the key does not exist, and only 1 partition runs.
     */
    static String partitionsProblem(int n) {
        if (n == 1) return null;
        ConfigLoader.Result r = ConfigLoader.parse("partitions = " + n, "--partitions", List.of());
        if (r instanceof ConfigLoader.Loaded) return null;
        for (ConfigProblem p : ((ConfigLoader.Invalid) r).problems()) {
            if (p.key().startsWith("partitions") && p.message().contains("unknown")) {
                return "--partitions " + n + ": partitioned virtual time is not in this build yet (scenarios have no key "
                        + "'partitions'); --partitions 1 runs the standard workload on one partition";
            }
        }
        return "--partitions " + n + ": " + ((ConfigLoader.Invalid) r).problems().get(0).message();
    }
}
