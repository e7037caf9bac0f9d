package io.tcpemu.metrics;

import io.tcpemu.tcp.State;

import java.util.Map;

/**
 * Metrics as one JSON document: counters, latency, transitions, host events, and per host its
 * series as arrays ("TIME-WAIT": [0, 3, 7, ...]) sampled every {@code interval_us}.
 */
final class MetricsJson {
    private MetricsJson() {}

    static String render(Metrics m) { return render(m, Predictions.NONE); }

    /** With the model's predictions under "predictions" (a value is null where the model does not apply, with "..._na" saying why). */
    static String render(Metrics m, Predictions p) { return render(m, p, null); }

    /** With the trace's hash first, as {@code "trace-hash"} (left out when null). */
    static String render(Metrics m, Predictions p, String traceHash) {
        StringBuilder sb = new StringBuilder("{\n");
        if (traceHash != null) sb.append("  \"trace-hash\": ").append(str(traceHash)).append(",\n");
        sb.append("  \"end_time_us\": ").append(m.endTime()).append(",\n");
        sb.append("  \"steady_window_us\": {\"from\": ").append(m.steadyFrom()).append(", \"until\": ").append(m.steadyUntil())
                .append("},\n");
        sb.append("  \"counters\": {");
        appendLongs(sb, m.counterMap());
        sb.append("},\n  \"latency_us\": {\n");
        latency(sb, "handshake", m.handshake()).append(",\n");
        latency(sb, "lifetime", m.lifetime()).append("\n  },\n");
        sb.append("  \"transitions\": [");
        String sep = "";
        for (State from : State.values()) {
            for (State to : State.values()) {
                long n = m.transitions(from, to);
                if (n == 0) continue;
                sb.append(sep).append("\n    {\"from\": ").append(str(from.toString())).append(", \"to\": ")
                        .append(str(to.toString())).append(", \"count\": ").append(n).append('}');
                sep = ",";
            }
        }
        sb.append("\n  ],\n  \"host_events\": {");
        appendLongs(sb, m.hostEvents());
        sb.append("},\n  \"hosts\": {");
        sep = "";
        for (HostSeries h : m.hosts().values()) {
            sb.append(sep).append("\n    ").append(str(h.host())).append(": ");
            host(sb, h);
            sep = ",";
        }
        sb.append("\n  },\n  \"predictions\": {");
        predicted(sb, "expected_failure_rate", p.expectedFailureRate());
        sb.append(", \"hosts\": {");
        sep = "";
        for (var e : new java.util.TreeMap<>(p.hosts()).entrySet()) {
            sb.append(sep).append("\n    ").append(str(e.getKey())).append(": {");
            predicted(sb, "time_wait", e.getValue().timeWait());
            if (e.getValue().portsRunOutAbove() != null) predicted(sb.append(", "), "ports_run_out_above_per_second", e.getValue().portsRunOutAbove());
            sb.append('}');
            sep = ",";
        }
        return sb.append(p.hosts().isEmpty() ? "}" : "\n  }").append("}\n}\n").toString();
    }

    /** "name": value, and "name_note" (a qualifier) or "name_na" (why there is no value) when there is one. */
    private static void predicted(StringBuilder sb, String name, Predicted v) {
        sb.append(str(name)).append(": ").append(v.json());
        if (!v.note().isEmpty()) sb.append(", ").append(str(name + (v.known() ? "_note" : "_na"))).append(": ").append(str(v.note()));
    }

    private static void host(StringBuilder sb, HostSeries h) {
        sb.append("{\"interval_us\": ").append(h.interval()).append(", \"samples\": ").append(h.samples());
        sb.append(", \"times_us\": [");
        for (int k = 0; k < h.samples(); k++) sb.append(k == 0 ? "" : ",").append(h.time(k));
        sb.append("], \"max\": {");
        String sep = "";
        for (State s : State.values()) {
            if (s == State.CLOSED) continue;
            sb.append(sep).append(str(s.toString())).append(": ").append(h.max(s));
            sep = ", ";
        }
        sb.append(", \"ports_in_use\": ").append(h.maxPortsInUse()).append('}');
        for (State s : State.values()) {
            if (s == State.CLOSED) continue;
            sb.append(", ").append(str(s.toString())).append(": [");
            for (int k = 0; k < h.samples(); k++) sb.append(k == 0 ? "" : ",").append(h.inState(k, s));
            sb.append(']');
        }
        sb.append(", \"ports_in_use\": [");
        for (int k = 0; k < h.samples(); k++) sb.append(k == 0 ? "" : ",").append(h.portsInUse(k));
        sb.append("]}");
    }

    /** Nothing measured gives nulls: 0 would read as a measured 0 us. */
    private static StringBuilder latency(StringBuilder sb, String name, Percentiles p) {
        if (p.count() == 0) {
            return sb.append("    ").append(str(name)).append(": {\"count\": 0, \"p50\": null, \"p90\": null, \"p99\": null, \"max\": null}");
        }
        return sb.append("    ").append(str(name)).append(": {\"count\": ").append(p.count()).append(", \"p50\": ").append(p.p50())
                .append(", \"p90\": ").append(p.p90()).append(", \"p99\": ").append(p.p99()).append(", \"max\": ").append(p.max()).append('}');
    }

    private static void appendLongs(StringBuilder sb, Map<String, Long> values) {
        String sep = "";
        for (Map.Entry<String, Long> e : values.entrySet()) {
            sb.append(sep).append("\n    ").append(str(e.getKey())).append(": ").append(e.getValue());
            sep = ",";
        }
        if (!values.isEmpty()) sb.append("\n  ");
    }

    static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
