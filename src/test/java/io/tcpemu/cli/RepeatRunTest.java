package io.tcpemu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code repeat} and {@code --jobs}: each point runs with the seeds seed, seed + 1, ...; the runs
 * are listed with their seeds, the means and intervals are written, and running them side by side
 * gives exactly the files one at a time gives.
 */
class RepeatRunTest {
    @TempDir Path tmp;

    private static final Path RANDOM_SWEEP = Path.of("src/test/resources/good-config/repeated-sweep.conf");

    private String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CommandLine(new RunCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void repeatedPointsListTheirSeedsAndTwoJobsWriteWhatOneJobWrites() throws IOException {
        Path conf = RANDOM_SWEEP;
        String one = run(conf.toString(), "--quiet", "--out", tmp.resolve("one").toString());
        String two = run(conf.toString(), "--quiet", "--out", tmp.resolve("two").toString(), "--jobs", "2");
        assertThat(two).isEqualTo(one.replace(tmp.resolve("one").toString(), tmp.resolve("two").toString()));

        List<String> runs = Files.readAllLines(tmp.resolve("one/sweep.csv"));
        assertThat(runs).hasSize(1 + 6);
        assertThat(runs.get(1)).startsWith("\"workload.arrival.rate=30, seed=1\",1,");
        assertThat(runs.get(6)).startsWith("\"workload.arrival.rate=90, seed=3\",3,");
        List<String> failures = runs.subList(4, 7).stream().map(l -> l.split(",")[8]).toList();
        assertThat(new java.util.HashSet<>(failures)).as("no-port at rate 90 varies with the seed: %s", failures).hasSizeGreaterThan(1);

        List<String> means = Files.readAllLines(tmp.resolve("one/sweep-mean.csv"));
        assertThat(means.get(1)).startsWith("\"workload.arrival.rate=30\",3,\"1 2 3\",");
        assertThat(means.get(2)).startsWith("\"workload.arrival.rate=90\",3,\"1 2 3\",");
        for (String f : new String[] {"sweep.csv", "sweep-mean.csv", "sweep.txt",
                "workload.arrival.rate-90-seed-2/counters.csv", "workload.arrival.rate-90-seed-2/states.csv"}) {
            assertThat(tmp.resolve("two").resolve(f)).as(f).hasSameTextualContentAs(tmp.resolve("one").resolve(f));
        }
        assertThat(Files.readString(tmp.resolve("one/sweep.txt"))).contains("mean ± 95% confidence interval (Student's t)");
        assertThat(tmp.resolve("one/report.html")).content().contains("Mean and 95% confidence interval", "1 2 3");
    }

    @Test
    void anyRunReplaysAloneWithItsSeed() throws IOException {
        Path conf = RANDOM_SWEEP;
        run(conf.toString(), "--quiet", "--out", tmp.resolve("all").toString());
        run(conf.toString(), "--quiet", "--out", tmp.resolve("alone").toString(), "--point", "90", "--set", "seed=3", "--repeat", "1");
        assertThat(tmp.resolve("alone/counters.csv")).hasSameTextualContentAs(tmp.resolve("all/workload.arrival.rate-90-seed-3/counters.csv"));
    }
}
