package io.tcpemu.oracle;

import io.tcpemu.config.Settings;
import io.tcpemu.report.Ladder;
import io.tcpemu.run.LadderChoice;
import io.tcpemu.run.ResultsFolder;
import io.tcpemu.run.RunResult;
import io.tcpemu.run.RunSummary;
import io.tcpemu.run.Runner;
import io.tcpemu.run.ScenarioFile;
import io.tcpemu.run.SweepResults;
import io.tcpemu.trace.TraceRecorder;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped scenario, every point of its sweep and every variant, run as {@code tcpemu run}
 * runs it; every figure it prints and writes is checked against its own trace by
 * {@link FigureOracle}. Plots are left out (drawn from the series checked here).
 */
class ScenarioFiguresTest {
    @TempDir Path out;

    @TestFactory
    Stream<DynamicTest> every_figure_of_every_shipped_scenario_agrees_with_its_trace() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("conf"))) {
            return files.filter(f -> f.toString().endsWith(".conf")).sorted()
                    .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)))
                    .toList().stream();
        }
    }

    private void check(Path file) throws IOException {
        List<String> overrides = List.of("output.plots=false");
        Settings base = ScenarioFile.load(file, overrides);
        List<ScenarioFile.Point> points = ScenarioFile.points(base);
        Path dir = out.resolve(file.getFileName().toString());
        List<String> diffs = new ArrayList<>();
        List<FigureOracle.Point> truths = new ArrayList<>();
        List<RunResult> results = new ArrayList<>();
        for (ScenarioFile.Point p : points) {
            Settings s = ScenarioFile.settings(file, overrides, p, base);
            TraceRecorder tap = new TraceRecorder();
            RunResult r = Runner.run(s, p.label(), new Runner.Options(null, null, new AtomicBoolean(), null, tap));
            results.add(r);
            Path runDir = points.size() == 1 ? dir : dir.resolve(SweepResults.folderName(p.label()));
            Ladder ladder = LadderChoice.of(r, s.output().connection(), false);
            String summary = RunSummary.render(r, ladder, false);
            ResultsFolder.write(runDir, r, ladder, summary);
            TraceTruth truth = TraceTruth.of(tap.events(), s::rowOf);
            truths.add(new FigureOracle.Point(p.label(), truth));
            String where = file + (p.label().isEmpty() ? "" : " [" + p.label() + "]") + ": ";
            FigureOracle.check(truth, s.output().sampleInterval(), runDir, summary).forEach(d -> diffs.add(where + d));
            List<FigureOracle.Named> named = r.connections().values().stream()
                    .map(c -> new FigureOracle.Named(c.name(), c.host(), c.connId(), String.valueOf(c.finalState()))).toList();
            FigureOracle.checkNamed(truth, named, summary).forEach(d -> diffs.add(where + d));
        }
        if (points.size() > 1) {
            String table = RunSummary.sweep(results);
            SweepResults.write(dir, results, table);
            FigureOracle.checkSweep(truths, table, dir.resolve("sweep.csv")).forEach(d -> diffs.add(file + ": " + d));
        }
        assertThat(diffs).as("figures that differ from the trace").isEmpty();
    }
}
