package io.tcpemu.run;

import io.tcpemu.config.LinkSettings;
import io.tcpemu.config.ScriptStep;
import io.tcpemu.config.Settings;
import io.tcpemu.emulation.Emulation;
import io.tcpemu.metrics.Counter;
import io.tcpemu.metrics.Expectations;
import io.tcpemu.metrics.Metrics;
import io.tcpemu.metrics.MetricsCollector;
import io.tcpemu.report.PcapView;
import io.tcpemu.report.PcapWriter;
import io.tcpemu.runtime.HostCounters;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceRecorder;
import org.apache.pekko.actor.typed.Props;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Runs one scenario: builds the emulation from its settings, plays the script and the workload,
 * drives the clock to the configured duration (or until nothing is left to happen), and measures.
 * {@code tcpemu run} and the scenario tests both come through here.
 */
public final class Runner {
    /** Runs with more planned connections than this keep no trace (only metrics), to bound memory. */
    public static final long MAX_TRACED_CONNECTIONS = 20_000;

    private Runner() {}

    /**
     * @param pcap     where to stream a pcap (null: none)
     * @param progress called now and then with the emulated time reached (may be null)
     * @param stop     set it to stop the run early; what was measured so far is returned
     */
    public record Options(Path pcap, LongConsumer progress, AtomicBoolean stop) {
        public static Options quiet() { return new Options(null, null, new AtomicBoolean()); }
    }

    /** Runs the scenario; a mistake in its script is an {@link IllegalArgumentException} naming file:line. */
    public static RunResult run(Settings s, String label, Options o) {
        List<ScriptCommand> steps = parse(s.script());
        try (Emulation emu = Emulation.fromSettings(s)) {
            MetricsCollector collector = new MetricsCollector(s.output().sampleInterval());
            ConnectionLog log = new ConnectionLog();
            TraceRecorder recorder = keepsTrace(s) ? TraceRecorder.on(emu.trace()) : null;
            List<AutoCloseable> subs = new ArrayList<>(List.of(emu.trace().subscribe(collector), emu.trace().subscribe(log)));
            PcapWriter pcap = o.pcap() == null ? null : openPcap(o.pcap(), s, emu);
            if (pcap != null) subs.add(emu.trace().subscribe(pcap));

            LoadGenerator.Stats load = startLoad(s, emu);
            ScriptPlayer player = new ScriptPlayer(emu);
            boolean interrupted = play(emu, steps, player, s, o) || drive(emu, s, load, o);
            long end = Math.min(emu.now(), s.run().duration());

            closeAll(subs, recorder, pcap);
            Metrics metrics = corrected(collector.finish(Math.max(end, lastEvent(recorder))), emu, s);
            Map<String, RunResult.Connection> named = named(player, log);
            Map<String, Long> passive = new LinkedHashMap<>();
            for (String h : s.hosts().keySet()) passive.put(h, log.passiveEstablished(h));
            List<String> outcomes = new ArrayList<>(player.outcomes());
            if (load != null && !load.listenError.isEmpty()) outcomes.add("workload: " + load.listenError);
            List<String> failures = new ArrayList<>(Expectations.check(metrics, s.expect().counts()));
            failures.addAll(FinalStates.check(s.expect().finalStates(), named, log, s.hosts().keySet()));
            return new RunResult(label, s, metrics, recorder == null ? List.of() : recorder.events(), named, passive,
                    outcomes, failures, interrupted, load == null ? 0 : load.requestsServed.get());
        }
    }

    private static List<ScriptCommand> parse(List<ScriptStep> script) {
        int[] n = {0};
        java.util.Set<String> given = new java.util.HashSet<>();
        for (ScriptStep step : script) {
            String[] w = step.command().split("\\s+");
            for (int i = 0; i + 1 < w.length; i++) if (w[i].equals("as")) given.add(w[i + 1]);
        }
        List<ScriptCommand> steps = new ArrayList<>();
        for (ScriptStep step : script) {
            steps.add(ScriptCommand.parse(step, () -> {
                String name;
                do name = "c" + ++n[0]; while (given.contains(name));
                return name;
            }));
        }
        ScriptPlayer.checkNames(steps);
        return steps;
    }

    private static boolean keepsTrace(Settings s) {
        return !s.workload().enabled() || (s.workload().connections() > 0 && s.workload().connections() <= MAX_TRACED_CONNECTIONS);
    }

    private static PcapWriter openPcap(Path file, Settings s, Emulation emu) {
        String where = s.output().pcapWhere();
        PcapView view = where.isEmpty() ? PcapView.wire()
                : where.contains("->") ? PcapView.link(emu.ip(where.substring(0, where.indexOf("->")).trim()),
                        emu.ip(where.substring(where.indexOf("->") + 2).trim()))
                : PcapView.host(where);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            return PcapWriter.open(file, view);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pcap " + file + ": " + e.getMessage(), e);
        }
    }

    private static LoadGenerator.Stats startLoad(Settings s, Emulation emu) {
        if (!s.workload().enabled()) return null;
        Map<String, Integer> ips = new LinkedHashMap<>();
        for (String h : s.hosts().keySet()) ips.put(h, emu.ip(h));
        LinkSettings back = s.link(s.workload().serverHost(), s.workload().clients().get(0));
        long raceWindow = back == null ? 0 : 4 * back.delay();
        LoadGenerator.Stats stats = new LoadGenerator.Stats();
        emu.system().systemActorOf(LoadGenerator.create(new LoadGenerator.Params(s.workload(), ips, s.run().seed(),
                raceWindow, emu.env(), stats)), "workload", Props.empty());
        return stats;
    }

    /** Plays the script at its times; true if stopped meanwhile. */
    private static boolean play(Emulation emu, List<ScriptCommand> steps, ScriptPlayer player, Settings s, Options o) {
        for (ScriptCommand step : steps) {
            if (o.stop().get()) return true;
            if (step.at() > s.run().duration()) break;
            if (step.at() > emu.now()) emu.advance(step.at() - emu.now());
            player.play(step);
            emu.advance(0); // let calls made at this instant reach their actors before the next step
            report(o, emu.now());
        }
        return false;
    }

    /** Drives the clock to the end of the run; true if stopped early. */
    private static boolean drive(Emulation emu, Settings s, LoadGenerator.Stats load, Options o) {
        long end = s.run().duration();
        long chunk = Math.max(1_000, end / 200);
        while (emu.now() < end) {
            if (o.stop().get()) return true;
            long horizon = Math.min(end, emu.now() + chunk);
            boolean idle;
            if (emu.isVirtual()) {
                idle = emu.clock().runUntilIdle(horizon);
            } else {
                emu.advance(horizon - emu.now());
                idle = false;
            }
            report(o, emu.now());
            if (idle) break;
            long stopAfter = s.run().stopAfterConnections();
            if (stopAfter > 0 && load != null && load.finished.get() >= stopAfter) break;
        }
        return false;
    }

    private static void report(Options o, long now) { if (o.progress() != null) o.progress().accept(now); }

    private static void closeAll(List<AutoCloseable> subs, TraceRecorder recorder, PcapWriter pcap) {
        try {
            for (AutoCloseable c : subs) c.close();
            if (recorder != null) recorder.close();
            if (pcap != null) pcap.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not finish the trace: " + e.getMessage(), e);
        }
    }

    private static long lastEvent(TraceRecorder recorder) {
        if (recorder == null) return 0;
        List<TraceEvent> events = recorder.events();
        return events.isEmpty() ? 0 : events.get(events.size() - 1).time();
    }

    /**
     * Two counts the runtime does not trace yet: stale bytes (the hosts count them in HostCounters)
     * and successful connect() calls (only failed ones are traced as SocketCalls). Until it does,
     * the hosts' stale count and the active opens (CLOSED to SYN-SENT) plus EADDRNOTAVAIL stand in.
     */
    private static Metrics corrected(Metrics m, Emulation emu, Settings s) {
        long[] counters = m.counters().clone();
        long stale = 0;
        for (String h : s.hosts().keySet()) {
            HostCounters c = emu.env().counters(h);
            if (c != null) stale += c.snapshot().staleBytesAccepted();
        }
        if (counters[Counter.STALE_BYTES.ordinal()] == 0) counters[Counter.STALE_BYTES.ordinal()] = stale;
        long attempts = m.transitions(State.CLOSED, State.SYN_SENT) + m.count(Counter.ADDR_NOT_AVAIL);
        if (counters[Counter.CONNECT_ATTEMPTS.ordinal()] < attempts) counters[Counter.CONNECT_ATTEMPTS.ordinal()] = attempts;
        return new Metrics(m.endTime(), counters, m.hosts(), m.transitions(), m.handshake(), m.lifetime(), m.hostEvents());
    }

    private static Map<String, RunResult.Connection> named(ScriptPlayer player, ConnectionLog log) {
        Map<String, RunResult.Connection> out = new LinkedHashMap<>();
        player.named().forEach((name, n) -> {
            var ref = n.ref;
            State state = ref == null ? State.CLOSED : log.state(ref.host(), ref.connId());
            out.put(name, new RunResult.Connection(name, n.active, ref == null ? "" : ref.host(), ref == null ? 0 : ref.connId(),
                    ref == null ? null : ref.tuple(), state, n.received, n.receivedAfterShutdown, n.error));
        });
        return out;
    }
}
