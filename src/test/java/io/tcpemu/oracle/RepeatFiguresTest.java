package io.tcpemu.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tcpemu.config.Settings;
import io.tcpemu.run.RunResult;
import io.tcpemu.run.RunSummary;
import io.tcpemu.run.Runner;
import io.tcpemu.run.ScenarioFile;
import io.tcpemu.run.SweepResults;
import io.tcpemu.trace.TraceRecorder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep repeated with three seeds: the means and 95% intervals of sweep-mean.csv recomputed from
 * each repeat's own trace, and every repeat's row of the table and sweep.csv checked as any run's is.
 */
class RepeatFiguresTest {
    @TempDir Path dir;


    @Test
    void theMeansAndIntervalsOfRepeatsAgreeWithEachRepeatsTrace() throws Exception {
        Path file = Path.of("src/test/resources/good-config/repeated-sweep.conf");
        Settings base = ScenarioFile.load(file, List.of());
        List<RunResult> results = new ArrayList<>();
        List<FigureOracle.Point> truths = new ArrayList<>();
        Map<String, List<TraceTruth>> byPoint = new LinkedHashMap<>();
        Map<String, List<Long>> seeds = new LinkedHashMap<>();
        for (ScenarioFile.Planned p : ScenarioFile.plan(file, List.of(), ScenarioFile.points(base), base)) {
            TraceRecorder tap = new TraceRecorder();
            RunResult r = Runner.run(p.settings(), p.label(), new Runner.Options(null, null, new AtomicBoolean(), null, tap));
            results.add(r);
            TraceTruth truth = TraceTruth.of(tap.events());
            truths.add(new FigureOracle.Point(p.label(), truth));
            byPoint.computeIfAbsent(p.point().label(), k -> new ArrayList<>()).add(truth);
            seeds.computeIfAbsent(p.point().label(), k -> new ArrayList<>()).add(p.settings().run().seed());
        }
        String table = RunSummary.sweep(results);
        SweepResults.write(dir, results, table);

        assertThat(seeds).containsEntry("workload.arrival.rate=90", List.of(1L, 2L, 3L));
        List<String> diffs = new ArrayList<>(FigureOracle.checkSweep(truths, table, dir.resolve("sweep.csv")));
        diffs.addAll(FigureOracle.checkMeans(byPoint, seeds, dir.resolve("sweep-mean.csv")));
        assertThat(diffs).as("figures that differ from the traces").isEmpty();
        assertThat(byPoint.get("workload.arrival.rate=90").stream().map(t -> t.counter("addr-not-avail")).distinct())
                .as("the seeds give different runs, so the interval is not trivially zero").hasSizeGreaterThan(1);
    }

    @Test
    void theOraclesOwnStudentQuantileMatchesPublishedValues() {
        assertThat(Student.quantile975(1)).isCloseTo(12.7062, within(1e-3));
        assertThat(Student.quantile975(2)).isCloseTo(4.3027, within(1e-4));
        assertThat(Student.quantile975(10)).isCloseTo(2.2281, within(1e-4));
        assertThat(Student.quantile975(100)).isCloseTo(1.9840, within(1e-4));
    }
}
