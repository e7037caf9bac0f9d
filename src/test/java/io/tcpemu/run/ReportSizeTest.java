package io.tcpemu.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcpemu.config.Settings;
import io.tcpemu.report.Ladder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every point of every shipped scenario writes a report.html a browser opens at once: a few MB at
 * most, however long its exchanges (wandering-duplicates' ACK war once made a 41 MB page). Runs
 * with a workload are shortened: their pages hold plots and tables whose size does not grow with
 * the run, and a shorter run only makes a ladder more likely, not smaller.
 */
class ReportSizeTest {
    static final long MAX_REPORT_BYTES = 3L * 1024 * 1024;

    @TempDir Path dir;

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("conf"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".conf")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyPointsReportStaysUnderAFewMegabytes(String name) throws IOException {
        Path file = Path.of("conf", name);
        Settings base = ScenarioFile.load(file, List.of());
        for (ScenarioFile.Point p : ScenarioFile.points(base)) {
            List<String> overrides = new ArrayList<>();
            if (base.workload().enabled()) overrides.add("duration=1s");
            overrides.add("output.plots=false");   // pictures of fixed size; leaving them out keeps the build quick
            Settings s = ScenarioFile.settings(file, overrides, p, ScenarioFile.load(file, overrides));
            RunResult r = Runner.run(s, p.label(), Runner.Options.quiet());
            Ladder ladder = LadderChoice.of(r, "", false);
            Path out = dir.resolve(SweepResults.folderName(name + "-" + p.label()));
            ResultsFolder.write(out, r, ladder, RunSummary.render(r, ladder, false));

            long size = Files.size(out.resolve("report.html"));
            assertThat(size).as("%s %s: report.html of %,d bytes", name, p.label(), size).isLessThan(MAX_REPORT_BYTES);
            if (ladder != null) assertThat(ladder.rows()).hasSizeLessThanOrEqualTo(s.output().ladderRows());
        }
    }
}
