package io.tcpemu.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepReportTest {
    @TempDir Path dir;

    @Test
    void theAnalyticCurveIsDrawnBetweenTheSweptPointsWithItsKnee() {
        AnalyticCurve curve = AnalyticCurve.sample(new double[] {50, 80, 100, 125, 200, 400}, rate -> Math.max(0, 1 - 100 / rate));

        assertThat(curve.knee()).isCloseTo(100, within(0.01));
        assertThat(curve.x().length).as("many values between the points, not only the points").isGreaterThan(60);
        assertThat(curve.x()).contains(50, 80, 100, 125, 200, 400).isSorted();
        double[] gaps = new double[curve.x().length - 1];
        for (int i = 0; i < gaps.length; i++) gaps[i] = curve.x()[i + 1] - curve.x()[i];
        assertThat(Arrays.stream(gaps).max().orElseThrow()).as("no gap wider than a sixtieth of the range").isLessThanOrEqualTo(350 / 60.0 + 1e-9);
        assertThat(AnalyticCurve.sample(new double[] {1, 2}, v -> 0).knee()).isNaN();
    }

    @Test
    void aVariantsRunGetsAPageWithEachRunLinkedToItsOwnPage() throws Exception {
        List<RunResult> results = ScenarioTesting.run("lost-final-ack");
        SweepResults.write(dir, results, RunSummary.sweep(results), null);

        String html = Files.readString(dir.resolve("report.html"));
        for (RunResult r : results) {
            assertThat(html).contains("<a href=\"" + SweepResults.folderName(r.label()) + "/report.html\">" + r.label() + "</a>");
        }
        assertThat(html).contains("Runs side by side", "As printed", "PASS: 3 expectations hold");
    }
}
