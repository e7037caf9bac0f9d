package io.tcpemu.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22: a sweep held every point's trace and samples until its end, so its memory grew with the
 * number of points. Each point here keeps about 10 MiB: a dozen held at once do not fit in the
 * child JVM's 96 MiB heap (the run ended in a stack trace), one at a time do.
 * The heap check before each point counts only live memory, not an earlier point's garbage (it
 * refused the seventh point with 20 MiB live).
 */
class SweepMemoryTest {

    private static final String POINTS = "100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111";

    /** Per point: 60 answers of 96 KiB in the trace, and samples every 100 µs over 4 s; about 10 MiB. */
    private static final String TWELVE_BUSY_POINTS = """
            hosts.client { address = "10.0.0.1", tcp.time-wait = 1s }
            hosts.server { address = "10.0.0.2", tcp.time-wait = 1s }
            links = [ { between = [client, server], delay = 5ms } ]
            duration = 4s
            output.sample-interval = 100us
            workload { clients = [client], server = "server:80", connections = 60, response-size = 96KiB }
            workload.arrival { process = constant, rate = 100 }
            sweep { parameter = "workload.arrival.rate", values = [%s] }
            """.formatted(POINTS);

    @Test
    void a_sweep_keeps_only_a_few_figures_of_each_finished_point(@TempDir Path tmp) throws Exception {
        io.tcpemu.testkit.SmallHeapRun.run(tmp, TWELVE_BUSY_POINTS, "--quiet");
        // every point's folder was written, and the top-level table and page name every point
        Path results = tmp.resolve("results");
        for (String v : POINTS.split(", ")) {
            assertThat(results.resolve("workload.arrival.rate-" + v).resolve("report.html")).exists();
            assertThat(Files.readString(results.resolve("sweep.csv"))).contains("\"workload.arrival.rate=" + v + "\"");
            assertThat(Files.readString(results.resolve("report.html"))).contains("workload.arrival.rate-" + v + "/report.html");
        }
    }
}
