package io.tcpemu.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads every figure a run printed and wrote (the summary text, counters.csv, states.csv,
 * transitions.csv, latency.csv, host-events.csv, metrics.json, state-graph.dot, report.html's
 * counters) as a user or a
 * script would, and compares each with what {@link TraceTruth} worked out from the trace. Only
 * measured figures: predictions (the analytic columns) are not the trace's to judge.
 */
final class FigureOracle {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TraceTruth truth;
    private final long interval;
    private final List<String> diffs = new ArrayList<>();

    private FigureOracle(TraceTruth truth, long interval) {
        this.truth = truth;
        this.interval = interval;
    }

    /**
     * @param interval the sample interval the run was configured with, microseconds
     * @param dir      the run's results folder
     * @param summary  the text printed on the terminal (null: not checked)
     * @return one line per figure that differs from the trace; empty when all agree
     */
    static List<String> check(TraceTruth truth, long interval, Path dir, String summary) {
        FigureOracle o = new FigureOracle(truth, interval);
        o.diffs.addAll(truth.inconsistencies);
        try {
            JsonNode json = JSON.readTree(Files.readString(dir.resolve("metrics.json")));
            long end = json.get("end_time_us").asLong();
            long steadyFrom = json.get("steady_window_us").get("from").asLong();
            long steadyUntil = json.get("steady_window_us").get("until").asLong();
            o.window(end, steadyFrom, steadyUntil);
            o.json(json, end);
            o.counters(readCsv(dir.resolve("counters.csv")));
            o.transitions(readCsv(dir.resolve("transitions.csv")));
            o.listensAgree(readCsv(dir.resolve("counters.csv")), readCsv(dir.resolve("transitions.csv")));
            o.hostEvents(readCsv(dir.resolve("host-events.csv")));
            o.latency(readCsv(dir.resolve("latency.csv")));
            o.states(readCsv(dir.resolve("states.csv")), end);
            o.stateGraph(Files.readString(dir.resolve("state-graph.dot")));
            if (Files.exists(dir.resolve("report.html"))) o.html(Files.readString(dir.resolve("report.html")));
            if (summary != null) o.summary(summary, end, steadyFrom, steadyUntil);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return o.diffs;
    }

    private void differ(String what, Object shown, Object truth) {
        if (!String.valueOf(shown).equals(String.valueOf(truth))) diffs.add(what + ": shows " + shown + ", the trace says " + truth);
    }

    // ---- the window and the sample times ---------------------------------------------------

    private void window(long end, long from, long until) {
        List<Long> times = new ArrayList<>();
        truth.steps.values().forEach(l -> l.forEach(s -> times.add(s.time())));
        long last = times.stream().mapToLong(Long::longValue).max().orElse(0);
        if (end < last) diffs.add("end_time_us " + end + " is before the trace's last state change at " + last);
        if (until > end || from > until || from < 0) diffs.add("steady window " + from + ".." + until + " is not inside the run (0.." + end + ")");
        if (truth.lastConnectCall > until && until != end) {
            diffs.add("steady window ends at " + until + " but the workload still connected at " + truth.lastConnectCall);
        }
    }

    /** 0, interval, 2 × interval ... up to the end, and the end itself if it falls between two. */
    private List<Long> sampleTimes(long end) {
        List<Long> times = new ArrayList<>();
        for (long t = 0; t <= end; t += interval) times.add(t);
        if (times.get(times.size() - 1) < end) times.add(end);
        return times;
    }

    // ---- metrics.json ---------------------------------------------------------------------

    private void json(JsonNode json, long end) {
        JsonNode counters = json.get("counters");
        for (Map.Entry<String, Long> c : truth.counters.entrySet()) {
            differ("metrics.json counters." + c.getKey(), counters.has(c.getKey()) ? counters.get(c.getKey()).asLong() : "nothing", c.getValue());
        }
        latencyJson(json.get("latency_us").get("handshake"), "handshake", truth.handshakes);
        latencyJson(json.get("latency_us").get("lifetime"), "lifetime", truth.lifetimes);
        Map<String, Long> transitions = new HashMap<>();
        for (JsonNode t : json.get("transitions")) transitions.put(t.get("from").asText() + "," + t.get("to").asText(), t.get("count").asLong());
        differ("metrics.json transitions", new java.util.TreeMap<>(transitions), truth.transitions);
        Map<String, Long> events = new java.util.TreeMap<>();
        json.get("host_events").fields().forEachRemaining(f -> events.put(f.getKey(), f.getValue().asLong()));
        differ("metrics.json host_events", events, truth.hostEvents);
        JsonNode hosts = json.get("hosts");
        List<String> names = new ArrayList<>();
        hosts.fieldNames().forEachRemaining(names::add);
        differ("metrics.json hosts", names, new ArrayList<>(truth.steps.keySet()));
        List<Long> times = sampleTimes(end);
        for (String host : names) {
            JsonNode h = hosts.get(host);
            List<Long> shownTimes = new ArrayList<>();
            h.get("times_us").forEach(n -> shownTimes.add(n.asLong()));
            differ("metrics.json hosts." + host + ".times_us", shownTimes, times);
            differ("metrics.json hosts." + host + ".samples", h.get("samples").asLong(), times.size());
            for (String what : columns()) {
                String key = what.equals("ports") ? "ports_in_use" : what;
                List<Integer> shown = new ArrayList<>();
                h.get(key).forEach(n -> shown.add(n.asInt()));
                List<Integer> want = new ArrayList<>();
                for (long t : times) want.add(truth.at(host, what, t));
                differ("metrics.json hosts." + host + "." + key, shown, want);
                differ("metrics.json hosts." + host + ".max." + key, h.get("max").get(key).asInt(), truth.max(host, what));
            }
        }
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>();
        TraceTruth.COUNTED.forEach(s -> c.add(s.toString()));
        c.add("ports");
        return c;
    }

    private void latencyJson(JsonNode node, String name, List<Long> values) {
        differ("metrics.json latency " + name + " count", node.get("count").asLong(), values.size());
        String[] keys = {"p50", "p90", "p99", "max"};
        int[] percents = {50, 90, 99, 100};
        for (int i = 0; i < keys.length; i++) {
            JsonNode v = node.get(keys[i]);
            differ("metrics.json latency " + name + " " + keys[i], v.isNull() ? null : v.asLong(), TraceTruth.percentile(values, percents[i]));
        }
    }

    // ---- the CSV files --------------------------------------------------------------------

    private static List<String[]> readCsv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') { cell.append('"'); i++; }
                    else quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            rows.add(cells.toArray(String[]::new));
        }
        return rows;
    }

    private static Map<String, Long> keyed(List<String[]> rows, int keyColumns) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (String[] r : rows.subList(1, rows.size())) {
            out.put(String.join(",", java.util.Arrays.copyOf(r, keyColumns)), Long.parseLong(r[keyColumns]));
        }
        return out;
    }

    private void counters(List<String[]> rows) {
        differ("counters.csv", keyed(rows, 1), truth.counters);
    }

    private void transitions(List<String[]> rows) {
        differ("transitions.csv", keyed(rows, 2), truth.transitions);
    }

    /** The two files give one figure for passive OPEN: transitions.csv's CLOSED → LISTEN is counters.csv's listens. */
    private void listensAgree(List<String[]> counters, List<String[]> transitions) {
        differ("transitions.csv CLOSED,LISTEN against counters.csv listens",
                keyed(transitions, 2).getOrDefault("CLOSED,LISTEN", 0L), keyed(counters, 1).getOrDefault("listens", 0L));
    }

    private void hostEvents(List<String[]> rows) {
        differ("host-events.csv", keyed(rows, 1), truth.hostEvents);
    }

    private void latency(List<String[]> rows) {
        differ("latency.csv header", String.join(",", rows.get(0)), "latency,count,p50_us,p90_us,p99_us,max_us");
        for (String[] r : rows.subList(1, rows.size())) {
            List<Long> values = r[0].equals("handshake") ? truth.handshakes : r[0].equals("lifetime") ? truth.lifetimes : null;
            if (values == null) { diffs.add("latency.csv: unknown row " + r[0]); continue; }
            differ("latency.csv " + r[0] + " count", r[1], values.size());
            int[] percents = {50, 90, 99, 100};
            for (int i = 0; i < percents.length; i++) {
                Long want = TraceTruth.percentile(values, percents[i]);
                differ("latency.csv " + r[0] + " column " + (i + 2), r.length > i + 2 ? r[i + 2] : "", want == null ? "" : want);
            }
        }
    }

    private void states(List<String[]> rows, long end) {
        String[] header = rows.get(0);
        List<String> cols = columns();
        List<Long> times = sampleTimes(end);
        Map<String, Integer> rowsPerHost = new HashMap<>();
        for (String[] r : rows.subList(1, rows.size())) {
            String host = r[1];
            int k = rowsPerHost.merge(host, 1, Integer::sum) - 1;
            long t = Long.parseLong(r[0]);
            if (k >= times.size() || times.get(k) != t) diffs.add("states.csv " + host + " row " + k + ": time " + t + " is not a sample time");
            for (int i = 2; i < header.length; i++) {
                String what = header[i].equals("ports_in_use") ? "ports" : header[i];
                if (!cols.contains(what)) { diffs.add("states.csv: unknown column " + header[i]); continue; }
                differ("states.csv " + host + " " + header[i] + " at " + t, r[i], truth.at(host, what, t));
            }
        }
        for (String host : truth.steps.keySet()) differ("states.csv rows of " + host, rowsPerHost.getOrDefault(host, 0), times.size());
    }

    // ---- the state graph --------------------------------------------------------------------

    private static final Pattern DOT_EDGE = Pattern.compile("^\\s*(\\w+) -> (\\w+) \\[label=\"([^\"]*)\\\\n(\\d+)×\"", Pattern.MULTILINE);

    private void stateGraph(String dot) {
        Map<String, Long> shown = new java.util.TreeMap<>();
        Matcher m = DOT_EDGE.matcher(dot);
        while (m.find()) {
            String key = state(m.group(1)) + "," + state(m.group(2));
            if (m.group(3).contains("outside RFC") && key.equals("FIN-WAIT-1,TIME-WAIT")) {
                diffs.add("state graph: FIN-WAIT-1 -> TIME-WAIT is an RFC 9293 transition (§3.10.7.4), labelled " + m.group(3));
            }
            long n = Long.parseLong(m.group(4));
            if (n > 0) shown.merge(key, n, Long::sum);
        }
        differ("state-graph.dot edge counts", shown, truth.transitions);
    }

    /** A DOT node id (FIN_WAIT_1, CLOSED_top) as the state's RFC name. */
    private static String state(String nodeId) {
        return nodeId.startsWith("CLOSED") ? "CLOSED" : nodeId.replace('_', '-');
    }

    // ---- report.html ------------------------------------------------------------------------

    private static final Pattern HTML_ROW = Pattern.compile("<tr><th>([^<]*)</th><td>([^<]*)</td></tr>");

    /** The page's summary rows that name a counter must show the trace's count; every counter must be on it. */
    private void html(String page) {
        Map<String, String> rows = new HashMap<>();
        Matcher m = HTML_ROW.matcher(page);
        while (m.find()) rows.putIfAbsent(m.group(1), m.group(2));
        for (Map.Entry<String, Long> c : truth.counters.entrySet()) {
            differ("report.html " + c.getKey(), rows.getOrDefault(c.getKey(), "nothing"), c.getValue());
        }
    }

    // ---- the summary ------------------------------------------------------------------------

    private void summary(String text, long end, long steadyFrom, long steadyUntil) {
        List<String> lines = text.lines().toList();
        differ("summary: run length", find(lines, "^run: (\\S+) emulated$"), micros(end));
        List<Long> conns = rowAfter(lines, "^connections\\s+attempts");
        differ("summary: connections", conns, List.of(c("connect-attempts"), c("established"), c("refused"), c("timed-out"),
                c("reset"), c("addr-not-avail")));
        long connecting = c("connecting-at-end");
        String shown = find(lines, "^still connecting when the run ended: (\\d+) \\(SYN-SENT\\)$");
        differ("summary: still connecting", shown == null ? 0L : Long.parseLong(shown), connecting);
        differ("summary: segments", rowAfter(lines, "^segments\\s+sent"), List.of(c("segments-sent"), c("segments-delivered"),
                c("segments-dropped"), c("segments-duplicated"), c("retransmissions"), c("rsts-sent")));
        differ("summary: stale data", find(lines, "^stale data accepted: (.*)$"),
                c("stale-bytes") + " bytes in " + c("stale-segments") + " segments");
        latencyRow(lines, "handshake", truth.handshakes);
        latencyRow(lines, "lifetime", truth.lifetimes);
        differ("summary: steady window", find(lines, "mean TIME-WAIT: over (\\S+), the second half"),
                micros(steadyFrom) + "-" + micros(steadyUntil));
        for (String host : truth.steps.keySet()) {
            String[] row = cells(lines, "^" + Pattern.quote(host) + "\\s+\\d");
            if (row == null) { diffs.add("summary: no row for host " + host); continue; }
            differ("summary: " + host + " max TIME-WAIT", row[1], truth.max(host, "TIME-WAIT"));
            differ("summary: " + host + " mean TIME-WAIT", row[2], meanTimeWait(host, steadyFrom, steadyUntil, end));
            differ("summary: " + host + " max ports in use", row[3], truth.max(host, "ports"));
        }
        Matcher paths = Pattern.compile("^close paths \\(connection ends\\): (\\d+) through CLOSING .*?, (\\d+) through FIN-WAIT-2, "
                + "(\\d+) FIN-WAIT-1 straight to TIME-WAIT .*?, (\\d+) passive", Pattern.MULTILINE).matcher(String.join("\n", lines));
        List<Long> want = List.of(tr("FIN-WAIT-1,CLOSING"), tr("FIN-WAIT-1,FIN-WAIT-2"), tr("FIN-WAIT-1,TIME-WAIT"), tr("ESTABLISHED,CLOSE-WAIT"));
        if (paths.find()) {
            differ("summary: close paths", List.of(Long.parseLong(paths.group(1)), Long.parseLong(paths.group(2)),
                    Long.parseLong(paths.group(3)), Long.parseLong(paths.group(4))), want);
        } else if (want.stream().mapToLong(Long::longValue).sum() > 0) {
            diffs.add("summary: no close paths line, the trace has " + want);
        }
        routers(lines);
        String measured = find(lines, "EADDRNOTAVAIL: ([0-9.]+)% measured");
        if (measured != null) {
            long attempts = c("connect-attempts");
            differ("summary: EADDRNOTAVAIL measured", measured,
                    String.format(Locale.ROOT, "%.1f", attempts == 0 ? 0 : 100.0 * c("addr-not-avail") / attempts));
        }
    }

    /** Each router's line (forwarded, drops by reason) and a gateway's conntrack line, against the trace. */
    private void routers(List<String> lines) {
        Pattern head = Pattern.compile("^router (\\S+): (\\d+) segments forwarded, longest wait \\S+ ms, (?:none dropped|dropped: (.*))$");
        Pattern ct = Pattern.compile("^  conntrack: (-?\\d+) entries at the end, (\\d+) at most .*, (\\d+) allocations$");
        java.util.Set<String> shown = new java.util.TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = head.matcher(lines.get(i));
            if (!m.matches()) continue;
            String router = m.group(1);
            shown.add(router);
            differ("summary: router " + router + " forwarded", Long.parseLong(m.group(2)), truth.routerForwarded.getOrDefault(router, 0L));
            Map<String, Long> drops = new java.util.TreeMap<>();
            if (m.group(3) != null) {
                for (String part : m.group(3).split(", ")) {
                    int space = part.indexOf(' ');
                    drops.put(part.substring(space + 1), Long.parseLong(part.substring(0, space)));
                }
            }
            differ("summary: router " + router + " drops", drops, truth.routerDrops.getOrDefault(router, Map.of()));
            Matcher c = i + 1 < lines.size() ? ct.matcher(lines.get(i + 1)) : null;
            if (c != null && c.matches()) {
                long[] want = truth.conntrack.getOrDefault(router, new long[3]);
                differ("summary: router " + router + " conntrack", List.of(Long.parseLong(c.group(1)), Long.parseLong(c.group(2)),
                        Long.parseLong(c.group(3))), List.of(want[0], want[1], want[2]));
            }
        }
        java.util.Set<String> traced = new java.util.TreeSet<>(truth.routerForwarded.keySet());
        traced.addAll(truth.routerDrops.keySet());
        if (!shown.containsAll(traced)) diffs.add("summary: routers in the trace " + traced + ", shown " + shown);
    }

    private long tr(String key) { return truth.transitions.getOrDefault(key, 0L); }

    private long c(String label) { return truth.counter(label); }

    /** The mean of the regular samples in the window, as the summary prints it; "-" when none falls in it. */
    private String meanTimeWait(String host, long from, long until, long end) {
        long sum = 0;
        int n = 0;
        for (long t = 0; t <= end; t += interval) {
            if (t < from || t > until) continue;
            sum += truth.at(host, "TIME-WAIT", t);
            n++;
        }
        return n == 0 ? "-" : trim((double) sum / n);
    }

    private void latencyRow(List<String> lines, String name, List<Long> values) {
        String[] row = cells(lines, "^" + name + "\\s+\\d");
        if (row == null) { diffs.add("summary: no " + name + " row"); return; }
        List<String> want = new ArrayList<>(List.of(String.valueOf(values.size())));
        for (int p : new int[] {50, 90, 99, 100}) {
            Long v = TraceTruth.percentile(values, p);
            want.add(v == null ? "-" : micros(v));
        }
        differ("summary: " + name, List.of(row).subList(1, row.length), want);
    }

    private static String find(List<String> lines, String regex) {
        Pattern p = Pattern.compile(regex);
        for (String l : lines) {
            Matcher m = p.matcher(l);
            if (m.find()) return m.group(1);
        }
        return null;
    }

    private static String[] cells(List<String> lines, String regex) {
        Pattern p = Pattern.compile(regex);
        for (String l : lines) if (p.matcher(l).find()) return l.trim().split("\\s{2,}");
        return null;
    }

    private static List<Long> rowAfter(List<String> lines, String headRegex) {
        Pattern p = Pattern.compile(headRegex);
        Iterator<String> it = lines.iterator();
        while (it.hasNext()) {
            if (p.matcher(it.next()).find() && it.hasNext()) {
                List<Long> out = new ArrayList<>();
                for (String s : it.next().trim().split("\\s+")) out.add(Long.parseLong(s));
                return out;
            }
        }
        return null;
    }

    /** A connection the script named, as the run reported it. */
    record Named(String name, String host, long connId, String finalState) {}

    /**
     * The named connections' final states, in the run's result and in the summary's table,
     * against each connection's last state in the trace.
     */
    static List<String> checkNamed(TraceTruth truth, List<Named> named, String summary) {
        FigureOracle o = new FigureOracle(truth, 1);
        List<String> lines = summary.lines().toList();
        for (Named n : named) {
            if (n.host().isEmpty()) continue; // never opened: no trace
            String last = String.valueOf(truth.lastState.getOrDefault(n.host() + "/" + n.connId(), io.tcpemu.tcp.State.CLOSED));
            o.differ("final state of " + n.name(), n.finalState(), last);
            String[] row = cells(lines, "^" + Pattern.quote(n.name()) + "\\s{2,}" + Pattern.quote(n.host()) + "\\s");
            if (row == null) o.diffs.add("summary: no row for connection " + n.name());
            else o.differ("summary: final state of " + n.name(), row[3], last);
        }
        return o.diffs;
    }

    /** One sweep point or variant: its label and the truth of its trace. */
    record Point(String label, TraceTruth truth) {}

    /** The side-by-side table (terminal and sweep.txt) and sweep.csv, point by point, against the traces. */
    static List<String> checkSweep(List<Point> points, String table, Path sweepCsv) throws IOException {
        List<String> diffs = new ArrayList<>();
        List<String> tableLines = table.lines().toList();
        List<String[]> csv = readCsv(sweepCsv);
        List<String> header = List.of(csv.get(0));
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            TraceTruth t = p.truth();
            FigureOracle o = new FigureOracle(t, 1);
            long passive = t.passiveEstablished.values().stream().mapToLong(Long::longValue).sum();
            String line = tableLines.size() > i + 1 ? tableLines.get(i + 1) : "";
            if (!line.startsWith(p.label())) {
                diffs.add("sweep table row " + (i + 1) + " is not " + p.label() + ": " + line);
                continue;
            }
            String[] cells = line.substring(p.label().length()).trim().split("\\s+");
            List<String> shown = new ArrayList<>(List.of(cells));
            if (shown.size() == 12) shown.remove(8); // requests served: the workload's count, not the trace's
            o.differ("sweep table " + p.label(), shown, List.of(t.counter("connect-attempts"), t.counter("established"),
                    t.counter("addr-not-avail"), t.counter("refused"), t.counter("timed-out"), t.counter("connecting-at-end"), t.counter("reset"),
                    t.counter("rsts-sent"), t.counter("max-time-wait"), t.counter("stale-bytes"), passive).stream().map(String::valueOf).toList());
            String[] row = csv.get(i + 1);
            o.differ("sweep.csv run", row[0], p.label());
            for (String[] col : new String[][] {{"attempts", "connect-attempts"}, {"established", "established"}, {"refused", "refused"},
                    {"timed_out", "timed-out"}, {"reset", "reset"}, {"addr_not_avail", "addr-not-avail"},
                    {"max_time_wait", "max-time-wait"}, {"stale_bytes", "stale-bytes"}, {"connecting_at_end", "connecting-at-end"}}) {
                o.differ("sweep.csv " + p.label() + " " + col[0], row[header.indexOf(col[0])], t.counter(col[1]));
            }
            String rate = row[header.indexOf("failure_rate")];
            long attempts = t.counter("connect-attempts");
            double want = attempts == 0 ? 0 : (double) (t.counter("addr-not-avail") + t.counter("refused") + t.counter("timed-out")) / attempts;
            if (!rate.matches("-?\\d+(\\.\\d+)?") || rate.replaceAll("^-?0*\\.?0*|\\.", "").length() > 6
                    || Math.abs(Double.parseDouble(rate) - want) > 5e-6 * Math.max(1, want)) {
                o.diffs.add("sweep.csv " + p.label() + " failure_rate: shows " + rate + ", the trace says " + want);
            }
            diffs.addAll(o.diffs);
        }
        return diffs;
    }

    /**
     * sweep-mean.csv against the traces of each point's repeats: every figure's mean and the half-width
     * of its 95% interval recomputed from the runs' own figures ({@link Student}), and the seeds listed.
     *
     * @param points the repeats of each point, in the order the CSV lists the points
     * @param seeds  each point's seeds, as the runs used them
     */
    static List<String> checkMeans(Map<String, List<TraceTruth>> points, Map<String, List<Long>> seeds, Path meanCsv) throws IOException {
        List<String> diffs = new ArrayList<>();
        List<String[]> csv = readCsv(meanCsv);
        List<String> header = List.of(csv.get(0));
        String[][] figures = {{"attempts", "connect-attempts"}, {"established", "established"}, {"refused", "refused"},
                {"timed_out", "timed-out"}, {"reset", "reset"}, {"addr_not_avail", "addr-not-avail"},
                {"max_time_wait", "max-time-wait"}, {"stale_bytes", "stale-bytes"}, {"connecting_at_end", "connecting-at-end"}};
        int i = 1;
        for (Map.Entry<String, List<TraceTruth>> p : points.entrySet()) {
            String[] row = i < csv.size() ? csv.get(i++) : new String[header.size()];
            String where = "sweep-mean.csv " + p.getKey();
            if (!p.getKey().equals(row[0])) diffs.add(where + ": the row is " + row[0]);
            List<TraceTruth> runs = p.getValue();
            if (!String.valueOf(runs.size()).equals(row[1])) diffs.add(where + " runs: shows " + row[1] + ", ran " + runs.size());
            String listed = String.join(" ", seeds.get(p.getKey()).stream().map(String::valueOf).toList());
            if (!listed.equals(row[2])) diffs.add(where + " seeds: shows " + row[2] + ", the runs used " + listed);
            for (String[] f : figures) {
                long[] values = runs.stream().mapToLong(t -> t.counter(f[1])).toArray();
                compare(diffs, where + " " + f[0], row, header, f[0], Student.meanAndHalfWidth(values));
            }
            double[] rates = runs.stream().mapToDouble(t -> {
                long attempts = t.counter("connect-attempts");
                return attempts == 0 ? 0 : (double) (t.counter("addr-not-avail") + t.counter("refused") + t.counter("timed-out")) / attempts;
            }).toArray();
            compare(diffs, where + " failure_rate", row, header, "failure_rate", Student.meanAndHalfWidth(rates));
        }
        if (csv.size() != points.size() + 1) diffs.add("sweep-mean.csv has " + (csv.size() - 1) + " points, the runs " + points.size());
        return diffs;
    }

    private static void compare(List<String> diffs, String where, String[] row, List<String> header, String name, double[] want) {
        String mean = row[header.indexOf(name + "_mean")];
        String half = row[header.indexOf(name + "_ci95")];
        if (!close(mean, want[0])) diffs.add(where + " mean: shows " + mean + ", the runs give " + want[0]);
        if (Double.isNaN(want[1]) ? !half.isEmpty() : !close(half, want[1])) {
            diffs.add(where + " 95% half-width: shows '" + half + "', the runs give " + want[1]);
        }
    }

    private static boolean close(String shown, double want) {
        try {
            return Math.abs(Double.parseDouble(shown) - want) <= 1e-4 * Math.abs(want) + 1e-9;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The docs' duration format, written again here: 850us, 12.5ms, 3.2s. */
    static String micros(long us) {
        if (us < 1_000) return us + "us";
        if (us < 1_000_000) return trim(us / 1_000.0) + "ms";
        return trim(us / 1_000_000.0) + "s";
    }

    static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
