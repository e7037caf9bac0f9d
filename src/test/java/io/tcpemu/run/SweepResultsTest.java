package io.tcpemu.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SweepResultsTest {

    /** A port-exhaustion point at 125/s: its analytic failure rate 1 − 100/125 was printed 0.19999999999999996. */
    @Test
    void sweep_csv_numbers_are_short_decimals(@TempDir Path dir) throws IOException {
        List<RunResult> runs = ScenarioTesting.run("port-exhaustion", "sweep.values=[125]", "workload.connections=30",
                "duration=1s", "output.plots=false");
        SweepResults.write(dir, runs, "table");
        List<String> rows = Files.readAllLines(dir.resolve("sweep.csv"));
        assertThat(rows).hasSize(2);
        for (String cell : rows.get(1).split(",")) {
            // quoted text, verdicts, and the empty value of a prediction that does not apply (n/a)
            if (cell.startsWith("\"") || cell.equals("true") || cell.equals("false") || cell.isEmpty()) continue;
            assertThat(cell).matches("-?\\d+(\\.\\d{1,6})?");
        }
    }
}
