package io.tcpemu.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22: a run's own bookkeeping must not outgrow the heap. {@code tcpemu run} in a child JVM
 * with a small heap: samples every microsecond over 20 s and the trace of 250 connections with
 * 192 KiB answers would each need more than 96 MiB; the run completes and says what it
 * kept instead of dying of an OutOfMemoryError.
 */
class SmallHeapTest {

    private static final String LONG_AND_BUSY = """
            hosts {
              client { address = "10.0.0.1", tcp.time-wait = 2s }
              server { address = "10.0.0.2", tcp.time-wait = 2s }
            }
            links = [ { between = [client, server], delay = 5ms } ]
            duration = 20s
            output.sample-interval = 1us
            workload {
              clients = [client]
              server = "server:80"
              arrival { process = constant, rate = 200 }
              connections = 250
              response-size = 192KiB
            }
            """;

    @Test
    void a_run_whose_samples_and_trace_would_not_fit_completes_and_says_what_it_kept(@TempDir Path tmp) throws Exception {
        String out = io.tcpemu.testkit.SmallHeapRun.run(tmp, LONG_AND_BUSY);
        assertThat(out).contains("kept to fit the heap:")
                .contains("samples every ").contains(", not every 1us (output.sample-interval): at most 100,000 samples a host")
                .contains("the trace keeps its first ");
        assertThat(sampleLines(tmp.resolve("results"))).isPositive().isLessThanOrEqualTo(1 + 2 * 100_001);
    }

    /** Lines of the results' states.csv (every host's samples): bounded, not 20 million. */
    private static long sampleLines(Path results) throws IOException {
        try (var files = Files.walk(results)) {
            List<Path> csv = files.filter(f -> f.getFileName().toString().equals("states.csv")).toList();
            assertThat(csv).as("states.csv in " + results).isNotEmpty();
            try (var lines = Files.lines(csv.get(0))) {
                return lines.count();
            }
        }
    }
}
