package io.tcpemu.metrics;

import io.tcpemu.tcp.State;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes metrics into a results folder:
 * counters.csv, states.csv (the time series), transitions.csv, latency.csv, host-events.csv,
 * metrics.json (all of it) and, when given, effective.conf (the settings the run used).
 */
public final class ResultsWriter {
    private ResultsWriter() {}

    static final String[] FILES = {"counters.csv", "states.csv", "transitions.csv", "latency.csv", "host-events.csv", "metrics.json"};

    /** @param effectiveConfig the rendered settings (Settings.renderEffective()), or null to skip effective.conf */
    public static void write(Path dir, Metrics m, String effectiveConfig) { write(dir, m, effectiveConfig, Predictions.NONE); }

    /** The same, with the model's predictions in metrics.json. */
    public static void write(Path dir, Metrics m, String effectiveConfig, Predictions predictions) {
        write(dir, m, effectiveConfig, predictions, null);
    }

    /** The same, with the trace's hash as metrics.json's {@code trace-hash} (null: left out). */
    public static void write(Path dir, Metrics m, String effectiveConfig, Predictions predictions, String traceHash) {
        try {
            Files.createDirectories(dir);
            writeCounters(dir.resolve("counters.csv"), m);
            writeStates(dir.resolve("states.csv"), m);
            writeTransitions(dir.resolve("transitions.csv"), m);
            writeLatency(dir.resolve("latency.csv"), m);
            writeHostEvents(dir.resolve("host-events.csv"), m);
            Files.writeString(dir.resolve("metrics.json"), MetricsJson.render(m, predictions, traceHash));
            if (effectiveConfig != null) Files.writeString(dir.resolve("effective.conf"), effectiveConfig);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void writeCounters(Path file, Metrics m) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("counter,value\n");
            for (Map.Entry<String, Long> e : m.counterMap().entrySet()) w.write(e.getKey() + "," + e.getValue() + "\n");
        }
    }

    /** One row per host and sample: time_us, host, a column per state (CLOSED left out), ports_in_use. */
    private static void writeStates(Path file, Metrics m) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            StringBuilder header = new StringBuilder("time_us,host");
            for (State s : State.values()) if (s != State.CLOSED) header.append(',').append(s);
            w.write(header.append(",ports_in_use\n").toString());
            StringBuilder row = new StringBuilder();
            for (HostSeries h : m.hosts().values()) {
                for (int k = 0; k < h.samples(); k++) {
                    row.setLength(0);
                    row.append(h.time(k)).append(',').append(h.host());
                    for (State s : State.values()) if (s != State.CLOSED) row.append(',').append(h.inState(k, s));
                    w.write(row.append(',').append(h.portsInUse(k)).append('\n').toString());
                }
            }
        }
    }

    private static void writeTransitions(Path file, Metrics m) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("from,to,count\n");
            for (State from : State.values()) {
                for (State to : State.values()) {
                    long n = m.transitions(from, to);
                    if (n > 0) w.write(from + "," + to + "," + n + "\n");
                }
            }
        }
    }

    private static void writeLatency(Path file, Metrics m) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("latency,count,p50_us,p90_us,p99_us,max_us\n");
            w.write(latencyRow("handshake", m.handshake()));
            w.write(latencyRow("lifetime", m.lifetime()));
        }
    }

    /** Nothing measured leaves the cells empty: 0 would read as a measured 0 us. */
    private static String latencyRow(String name, Percentiles p) {
        if (p.count() == 0) return name + ",0,,,,\n";
        return name + "," + p.count() + "," + p.p50() + "," + p.p90() + "," + p.p99() + "," + p.max() + "\n";
    }

    private static void writeHostEvents(Path file, Metrics m) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("kind,count\n");
            for (Map.Entry<String, Long> e : m.hostEvents().entrySet()) w.write(csv(e.getKey()) + "," + e.getValue() + "\n");
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
