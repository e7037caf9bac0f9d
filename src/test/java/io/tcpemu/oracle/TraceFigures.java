package io.tcpemu.oracle;

import io.tcpemu.config.Settings;
import io.tcpemu.metrics.Metrics;
import io.tcpemu.metrics.MetricsCollector;
import io.tcpemu.run.ResultsFolder;
import io.tcpemu.run.RunResult;
import io.tcpemu.run.RunSummary;
import io.tcpemu.run.ScenarioFile;
import io.tcpemu.trace.TraceEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * For traces that did not come from {@code tcpemu run} (the randomized runtime runs): measures
 * the trace as a run does, writes the same results folder and summary, and checks every figure
 * with {@link FigureOracle}.
 */
public final class TraceFigures {
    /** The sample interval the figures are made with, microseconds: the default's, for runs up to 200 s. */
    static final long INTERVAL = 100_000;
    /** Samples at most, so a run that idles for hours is not sampled a million times. */
    static final long MAX_SAMPLES = 2_000;
    private static Settings settings;

    private TraceFigures() {}

    /** One line per figure that differs from the trace; empty when all agree. */
    public static List<String> check(List<TraceEvent> events) {
        long end = events.isEmpty() ? 0 : events.get(events.size() - 1).time();
        long interval = Math.max(INTERVAL, (end / MAX_SAMPLES / 1_000 + 1) * 1_000);
        MetricsCollector collector = new MetricsCollector(interval);
        events.forEach(collector::accept);
        Metrics metrics = collector.finish(end);
        RunResult r = new RunResult("", settings(), metrics, events, Map.of(), Map.of(), List.of(), List.of(), false, 0, Map.of(), "");
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tcpemu-figures");
            String summary = RunSummary.render(r, null, false);
            ResultsFolder.write(dir, r, null, summary);
            return FigureOracle.check(TraceTruth.of(events), interval, dir, summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    /** Settings that make no plots: every other file, whose numbers are checked. */
    private static synchronized Settings settings() {
        if (settings != null) return settings;
        try {
            Path conf = Files.createTempFile("tcpemu-figures", ".conf");
            Files.writeString(conf, "hosts { a { address = \"10.0.0.1\" } }\noutput { plots = false }\n");
            settings = ScenarioFile.load(conf, List.of());
            Files.delete(conf);
            return settings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
