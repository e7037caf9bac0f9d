package io.tcpemu.bench;

import io.tcpemu.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench command end to end at a tiny scale: every figure is printed and the counts agree (speed is not asserted). */
class BenchCommandTest {

    @Test
    void tinyRunPrintsEveryFigureWithConsistentCounts() {
        Run run = bench("--connections", "300", "--rate", "3000", "--time-wait", "1",
                "--concurrent", "200", "--time-wait-entries", "150", "--vs-kernel", "--kernel-connections", "40");
        assertThat(run.exit).as(run.out).isZero();

        // standard workload: every lifecycle completed, through TIME-WAIT and its expiry
        assertThat(number(run.out, "lifecycles completed:\\s+([\\d,]+) \\(failed 0, resets 0\\)")).isEqualTo(300);
        long segments = number(run.out, "segments:\\s+([\\d,]+) \\(");
        // at least SYN, SYN-ACK, ACK, request, response, FIN, FIN, ACK per lifecycle
        assertThat(segments).isGreaterThanOrEqualTo(8 * 300);
        assertThat(run.out).containsPattern("lifecycles per wall-clock second:\\s+[\\d,]+  \\[target at least 100,000: ");
        assertThat(run.out).containsPattern("lifecycles per CPU-second \\(emulation thread\\):\\s+[\\d,]+");
        assertThat(run.out).containsPattern("segments per wall-clock second:\\s+[\\d,]+");
        assertThat(run.out).containsPattern("wall time:\\s+[\\d.]+ s for [\\d.]+ s emulated");
        long peak = number(run.out, "peak concurrent connections:\\s+([\\d,]+)");
        assertThat(peak).isBetween(1L, 300L);
        // 300 arrivals within 0.1 s and a TIME-WAIT of 1 s: all of them are in TIME-WAIT at the peak
        assertThat(number(run.out, "TIME-WAIT entries at the peak:\\s+([\\d,]+)")).isEqualTo(300);
        assertThat(run.out).containsPattern("heap at the peak \\(after GC\\):\\s+-?[\\d,.]+ MB for 300 endpoints and TIME-WAIT entries");
        assertThat(run.out).containsPattern("heap per connection at the peak:\\s+(-?[\\d,]+ bytes|n/a)");

        // memory tests
        assertThat(number(run.out, "connections established:\\s+([\\d,]+) \\(failed 0\\)")).isEqualTo(200);
        assertThat(run.out).containsPattern("heap for them \\(after GC\\):\\s+-?[\\d,.]+ MB");
        assertThat(run.out).containsPattern("heap per connection \\(2 endpoints\\):");
        assertThat(number(run.out, "TIME-WAIT entries:\\s+([\\d,]+)")).isEqualTo(150);
        assertThat(run.out).containsPattern("heap per TIME-WAIT entry:");

        // the kernel comparison on loopback
        assertThat(number(run.out, "kernel lifecycles completed:\\s+([\\d,]+)")).isEqualTo(40);
        assertThat(run.out).containsPattern("kernel lifecycles per wall-clock second:\\s+[\\d,]+");
        assertThat(run.out).containsPattern("emulator ÷ kernel:\\s+[\\d.]+");
    }

    @Test
    void shardedRunAddsUpTheShards() {
        Run run = bench("--connections", "201", "--rate", "2000", "--time-wait", "1", "--shards", "2");
        assertThat(run.exit).as(run.out).isZero();
        assertThat(run.out).contains("split over 2 independent emulations");
        assertThat(number(run.out, "lifecycles completed:\\s+([\\d,]+) \\(failed 0, resets 0\\)")).isEqualTo(201);
        assertThat(number(run.out, "segments:\\s+([\\d,]+) \\(")).isGreaterThanOrEqualTo(8 * 201);
        assertThat(number(run.out, "TIME-WAIT entries at the peak:\\s+([\\d,]+)")).isEqualTo(201);
        assertThat(run.out).contains("heap at the peak (after GC):                   n/a (not measured when sharded)");
    }

    @Test
    void badOptionsAreNamedWithWhatWasExpected() {
        Run run = bench("--rate", "0");
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains("--rate must be above 0, got 0.0").doesNotContain("Exception");

        Run kernel = bench("--kernel-connections", "1000000");
        assertThat(kernel.exit).isEqualTo(2);
        assertThat(kernel.err).contains("--kernel-connections must be 1..100000, got 1000000");
    }

    @Test
    void theCommandLineKnowsBench() {
        assertThat(new CommandLine(new Main()).getSubcommands()).containsKey("bench");
    }

    private record Run(int exit, String out, String err) {}

    private static Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
