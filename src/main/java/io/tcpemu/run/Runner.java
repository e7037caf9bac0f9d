package io.tcpemu.run;

import io.tcpemu.config.ScriptStep;
import io.tcpemu.config.Settings;
import io.tcpemu.console.CommandLanguage;
import io.tcpemu.console.NamedConnection;
import io.tcpemu.console.ScriptRunner;
import io.tcpemu.console.Session;
import io.tcpemu.console.Verbosity;
import io.tcpemu.emulation.Emulation;
import io.tcpemu.metrics.Expectations;
import io.tcpemu.metrics.Metrics;
import io.tcpemu.metrics.GatewayTally;
import io.tcpemu.metrics.MetricsCollector;
import io.tcpemu.config.OutputSettings;
import io.tcpemu.report.CaptureFormat;
import io.tcpemu.report.PcapView;
import io.tcpemu.report.PcapWriter;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceHash;
import io.tcpemu.trace.TraceRecorder;
import io.tcpemu.trace.TraceSink;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.time.PartitionFailure;
import io.tcpemu.workload.HeapBudget;
import io.tcpemu.workload.Workload;
import io.tcpemu.workload.WorkloadPlan;
import io.tcpemu.workload.WorkloadResult;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

    private Runner() {}

    /**
     * @param pcap     where to stream a pcap (null: none)
     * @param progress called now and then with the emulated time reached (may be null)
     * @param stop     set it to stop the run early; what was measured so far is returned
     * @param connection the connection whose ladder the user asked for (null: none); a name is
     *                   checked against the script's names before the run, a number only after it
     * @param tap      also gets every trace event, however big the run (null: none; tests check figures with it)
     */
    public record Options(Path pcap, LongConsumer progress, AtomicBoolean stop, String connection, TraceSink tap) {
        public Options(Path pcap, LongConsumer progress, AtomicBoolean stop, String connection) { this(pcap, progress, stop, connection, null); }

        public Options(Path pcap, LongConsumer progress, AtomicBoolean stop) { this(pcap, progress, stop, null); }

        public static Options quiet() { return new Options(null, null, new AtomicBoolean()); }
    }

    /** Runs the scenario; a mistake in its script is an {@link IllegalArgumentException} naming file:line. */
    public static RunResult run(Settings s, String label, Options o) {
        if (s.workload().enabled()) requireHeap(s);   // fail early, saying what fits
        try (Emulation emu = Emulation.fromSettings(s)) {
            emu.stopWhen(() -> o.stop().get());   // Ctrl-C ends any wait for emulated time at once, whatever the scale
            report(o, emu.now());   // the emulation is up: from here a stop (Ctrl-C) has something to keep
            Session session = s.script().isEmpty() ? null : new Session(emu, line -> { });
            CommandLanguage language = session == null ? null : new CommandLanguage(session);
            if (session != null) session.verbosity(Verbosity.QUIET); // nobody reads the event lines
            if (session != null) session.scenario(s);   // script listeners take the hosts' backlog and reuse-addr
            Set<String> scriptNames = new LinkedHashSet<>();
            List<ScriptRunner.Step> steps = steps(language, s, scriptNames);
            checkAsked(o.connection(), scriptNames);
            MetricsCollector collector = new MetricsCollector(s.output().sampleInterval(), s::rowOf);
            ConnectionLog log = new ConnectionLog();
            TraceRecorder recorder = keepsTrace(s) ? TraceRecorder.on(emu.trace(), HeapBudget.traceEvents()) : null;
            TraceHash hash = new TraceHash();
            GatewayTally gateways = new GatewayTally();
            s.routers().keySet().forEach(gateways::router);
            List<AutoCloseable> subs = new ArrayList<>(List.of(emu.trace().subscribe(collector), emu.trace().subscribe(log),
                    emu.trace().subscribe(gateways), emu.trace().subscribe(hash)));
            PcapWriter pcap = o.pcap() == null ? null : openPcap(o.pcap(), s, emu);
            if (pcap != null) subs.add(emu.trace().subscribe(pcap));
            if (o.tap() != null) subs.add(emu.trace().subscribe(o.tap()));

            ActorRef<Workload.Command> load = startLoad(s, emu);
            if (session != null && load != null) session.workload(load, WorkloadPlan.from(s));   // 'workload stop' in the script stops it
            List<String> notRun = new ArrayList<>();
            boolean interrupted;
            String partitionFailed = null;
            try {
                interrupted = play(language, steps, o, notRun) || drive(emu, s, o);
            } catch (PartitionFailure e) {   // an actor crashed on a partition: what was measured until then is the result
                interrupted = false;
                partitionFailed = e.getMessage();
            }
            long end = Math.min(emu.now(), s.run().duration());
            WorkloadResult served = load == null || partitionFailed != null ? null : result(emu, load);

            closeAll(subs, recorder, pcap);
            Metrics metrics = activePeriod(collector.finish(Math.max(end, lastEvent(recorder))), served);
            Map<String, RunResult.Connection> named = named(session, scriptNames, log);
            Map<String, Long> passive = new LinkedHashMap<>();
            for (String h : s.hosts().keySet()) passive.put(h, log.passiveEstablished(h));
            List<String> outcomes = new ArrayList<>(session == null ? List.of() : session.failedCalls());
            outcomes.addAll(notRun);
            if (served != null && served.end() == WorkloadResult.End.FAILED) outcomes.add("workload: " + served.problem());
            List<String> failures = new ArrayList<>(partitionFailed == null ? List.of() : List.of(partitionFailed));
            failures.addAll(Expectations.check(metrics, s.expect().counts()));
            failures.addAll(FinalStates.check(s.expect().finalStates(), named, log, s.hosts().keySet()));
            return new RunResult(label, s, metrics, recorder == null ? List.of() : recorder.events(), named, passive,
                    outcomes, failures, interrupted, served == null ? 0 : served.requestsCompleted(), gateways.gateways(), hash.hex(),
                    limits(s, collector, recorder));
        }
    }

    /**
     * Fails if the workload does not fit in the heap. The free heap counts garbage not yet collected
     * (a sweep's earlier point, its trace and samples): before saying no, collect it and look again;
     * a 12-point sweep under a small heap was refused at its seventh point with 20 MiB live of 96.
     */
    private static void requireHeap(Settings s) {
        if (HeapBudget.estimate(s).bytesNeeded() > HeapBudget.available()) System.gc();
        HeapBudget.require(s, HeapBudget.available());
    }

    /**
     * The script's steps within the run's duration, each checked before anything runs: a line the
     * command language cannot read is an {@link IllegalArgumentException} naming file:line.
     * {@code named} gets the connection names the script gives.
     */
    private static List<ScriptRunner.Step> steps(CommandLanguage language, Settings s, Set<String> named) {
        if (language == null) return List.of();
        for (ScriptStep step : s.script()) {
            String error = language.check(step.command(), named);
            if (!error.isEmpty()) throw new IllegalArgumentException(step.where() + ": do \"" + step.command() + "\": " + error);
        }
        return ScriptRunner.steps(s.script()).stream().filter(step -> step.at() <= s.run().duration()).toList();
    }

    /** What the bookkeeping cut to fit the heap, one line each, for the summary. */
    private static List<String> limits(Settings s, MetricsCollector collector, TraceRecorder recorder) {
        List<String> limits = new ArrayList<>();
        if (collector.coarsened()) {
            limits.add("samples every " + io.tcpemu.metrics.Format.micros(collector.sampleInterval()) + ", not every "
                    + io.tcpemu.metrics.Format.micros(s.output().sampleInterval()) + " (output.sample-interval): at most "
                    + String.format(java.util.Locale.ROOT, "%,d", MetricsCollector.MAX_SAMPLES)
                    + " samples a host are kept over the whole run; the maxima stay exact");
        }
        String cut = recorder == null ? null : recorder.cut();
        if (cut != null) limits.add(cut);
        return limits;
    }

    private static boolean keepsTrace(Settings s) {
        return !s.workload().enabled() || (s.workload().connections() > 0 && s.workload().connections() <= MAX_TRACED_CONNECTIONS);
    }

    private static PcapWriter openPcap(Path file, Settings s, Emulation emu) {
        String where = s.output().pcapWhere();
        PcapView view = where.isEmpty() ? PcapView.allHosts()
                : where.contains("->") ? PcapView.link(emu.ip(where.substring(0, where.indexOf("->")).trim()),
                        emu.ip(where.substring(where.indexOf("->") + 2).trim()))
                : PcapView.host(where);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            return PcapWriter.open(file, view, pcapOptions(file, s));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pcap " + file + ": " + e.getMessage(), e);
        }
    }

    /** The format the settings or the file's name ask for, the epoch the settings give (else now), each host's MSL. */
    static PcapWriter.Options pcapOptions(Path file, Settings s) {
        CaptureFormat format = switch (s.output().pcapFormat()) {
            case PCAP -> CaptureFormat.PCAP;
            case PCAPNG -> CaptureFormat.PCAPNG;
            case AUTO -> CaptureFormat.forFile(file);
        };
        long epoch = s.output().pcapEpoch() == OutputSettings.RUN_START ? System.currentTimeMillis() * 1000 : s.output().pcapEpoch();
        Map<String, Long> msl = new LinkedHashMap<>();
        s.hosts().forEach((name, h) -> msl.put(name, h.tcp().msl()));
        return new PcapWriter.Options(format, epoch, msl);
    }

    private static ActorRef<Workload.Command> startLoad(Settings s, Emulation emu) {
        if (!s.workload().enabled()) return null;
        return Workload.start(emu, WorkloadPlan.from(s), "workload");
    }

    /** The workload's counts now (it answers at once, so the clock hardly moves). */
    private static WorkloadResult result(Emulation emu, ActorRef<Workload.Command> load) {
        return emu.await(AskPattern.ask(load, Workload.GetResult::new, ASK_TIMEOUT, emu.system().scheduler()), TcpConfig.SECOND);
    }

    /**
     * Plays the script at its times through the console's command language; true if stopped
     * meanwhile. A call the emulation refuses (ECONNREFUSED ...) is an outcome, and so is a later
     * step on that connection (not run: it has no socket); any other step that fails (a
     * connection not connected yet) ends the run with an {@link IllegalArgumentException} naming file:line.
     */
    private static boolean play(CommandLanguage language, List<ScriptRunner.Step> steps, Options o, List<String> notRun) {
        ScriptRunner runner = new ScriptRunner(language, line -> { });
        for (int from = 0; from < steps.size(); ) {
            List<ScriptRunner.Step> rest = steps.subList(from, steps.size());
            ScriptRunner.Outcome out = runner.run(rest, () -> o.stop().get());
            if (out.ok()) return out.stepsRun() < rest.size();
            ScriptRunner.Step step = rest.get(out.failedIndex());
            NamedConnection failed = failedConnection(language, step.command());
            if (failed == null) throw new IllegalArgumentException(step.where() + ": do \"" + step.command() + "\": " + out.problem());
            notRun.add(failed.id() + ": '" + step.command() + "' not run: its connect failed (" + failed.error() + ")");
            from += out.failedIndex() + 1;
        }
        return false;
    }

    /** The connection a step acts on when that connection's connect failed (it never had a socket), else null. */
    private static NamedConnection failedConnection(CommandLanguage language, String command) {
        String id = language.connectionOf(command);
        NamedConnection c = id == null ? null : language.session().find(id);
        return c != null && c.connectFailed() ? c : null;
    }

    /** Drives the clock to the end of the run; true if stopped early. */
    private static boolean drive(Emulation emu, Settings s, Options o) {
        long end = s.run().duration();
        long chunk = Math.max(1_000, end / 200);
        while (emu.now() < end) {
            if (o.stop().get()) return true;
            long horizon = Math.min(end, emu.now() + chunk);
            boolean idle = emu.clock().runUntilIdle(horizon);
            report(o, emu.now());
            if (idle) break; // the workload cancels its deadline once it is done (it obeys stop-after-connections)
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

    /**
     * A workload is active from its start until it ended (all its connections closed, or the
     * duration ran out); after that only the drain is left, which the steady state leaves out.
     */
    private static Metrics activePeriod(Metrics m, WorkloadResult served) {
        return served == null ? m : m.withActivePeriod(served.startedAt(), served.endedAt());
    }

    private static long lastEvent(TraceRecorder recorder) {
        if (recorder == null) return 0;
        List<TraceEvent> events = recorder.events();
        return events.isEmpty() ? 0 : events.get(events.size() - 1).time();
    }

    /** A connection asked for by a name the script never gives cannot be drawn: say so before the run, not after it. */
    private static void checkAsked(String connection, Set<String> scriptNames) {
        if (connection == null || connection.isEmpty() || connection.chars().allMatch(Character::isDigit)) return;
        if (scriptNames.contains(connection)) return;
        throw new IllegalArgumentException("--connection " + connection + ": no connection of that name; "
                + (scriptNames.isEmpty() ? "this run's script names none, give a number (the Nth connection of the run)"
                        : "named: " + String.join(", ", scriptNames)));
    }

    /**
     * The connections the script named (not the ones a host accepted unasked, e.g. a workload's),
     * in the order they were named, with their final states from the trace.
     */
    private static Map<String, RunResult.Connection> named(Session session, Set<String> scriptNames, ConnectionLog log) {
        Map<String, RunResult.Connection> out = new LinkedHashMap<>();
        if (session == null) return out;
        for (NamedConnection c : session.conns()) {
            if (!scriptNames.contains(c.id())) continue;
            boolean seen = c.connId() >= 0;
            State state = seen ? log.state(c.host(), c.connId()) : State.CLOSED;
            out.put(c.id(), new RunResult.Connection(c.id(), c.active(), c.host(), seen ? c.connId() : 0, c.tuple(), state,
                    c.bytesReceived(), c.bytesAfterClose(), String.join("; ", c.failedCalls())));
        }
        return out;
    }
}
