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
        assertThat(run.out).containsPattern("lifecycles per CPU-second \\(emulation threads\\):\\s+[\\d,]+");
        assertThat(run.out).containsPattern("segments per wall-clock second:\\s+[\\d,]+");
        assertThat(run.out).containsPattern("wall time:\\s+[\\d.]+ s for [\\d.]+ s emulated");
        assertThat(run.out).contains("one emulation, played by the workload supervisor of tcpemu run").doesNotContain("speed-up");
        // the JIT warmed up on the same workload before anything was measured
        assertThat(run.out).containsPattern("warm-up: 1 untimed run of 300 lifecycles on 1 partition, [\\d.]+ s \\(--warm-up 0 measures a cold JVM\\)");
        // 300 arrivals within 0.1 s and a TIME-WAIT of 1 s: all of them are in TIME-WAIT at the peak
        assertThat(number(run.out, "TIME-WAIT entries at the peak:\\s+([\\d,]+)")).isEqualTo(300);
        assertThat(run.out).containsPattern("heap at the peak \\(after GC\\):\\s+-?[\\d,.]+ MB for 3\\d\\d endpoints and TIME-WAIT entries");
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

    /**
     * Until partitioned virtual time is merged, scenarios have no key {@code partitions} and the bench
     * refuses N > 1 in one line; once they have it, one invocation runs 1 and 2 partitions with the
     * same counts (the same seed gives the same run) and prints the speed-up.
     */
    @Test
    void twoPartitionsRunSideBySideWithOneOrAreRefusedInOneLine() {
        Run run = bench("--connections", "201", "--rate", "2000", "--time-wait", "1", "--partitions", "2");
        if (StandardScenario.partitionsProblem(2) != null) {
            assertThat(run.exit).isEqualTo(2);
            assertThat(run.err).contains("--partitions 2: partitioned virtual time is not in this build yet (scenarios have no key 'partitions')")
                    .doesNotContain("Exception");
            assertThat(run.out).isEmpty();
            return;
        }
        assertThat(run.exit).as(run.out).isZero();
        assertThat(run.out).contains(" 1 partition:", " 2 partitions:", "warm-up: 1 untimed run of 201 lifecycles on 1 and 2 partitions each");
        Matcher completed = Pattern.compile("lifecycles completed:\\s+([\\d,]+) \\(failed 0, resets 0\\)").matcher(run.out);
        for (int i = 0; i < 2; i++) {
            assertThat(completed.find()).as(run.out).isTrue();
            assertThat(completed.group(1)).isEqualTo("201");
        }
        assertThat(run.out).containsPattern("speed-up, 2 partitions ÷ 1:\\s+[\\d.]+  \\[target at least 1.7: ");
    }

    /** Two processes of their own each hold half, and the parent sums what they report (one JVM each: slow, so tiny). */
    @Test
    void heldConnectionsSplitOverProcessesAreSummed() {
        Run run = bench("--nodes", "2", "--concurrent", "120", "--connections", "0", "--node-heap", "256m");
        assertThat(run.exit).as(run.out + run.err).isZero();
        assertThat(run.out).contains("concurrent connections over 2 processes (-Xmx256m each): 120 held established in all");
        assertThat(number(run.out, "connections established:\\s+([\\d,]+) \\(failed 0\\)")).isEqualTo(120);
        assertThat(run.out).containsPattern("heap for them \\(after GC, summed\\):\\s+-?[\\d,.]+ MB \\(largest process: -?[\\d,.]+ MB\\)");
        assertThat(run.out).doesNotContain("standard workload over");
    }

    /**
     * One emulation over this JVM and a node process: on 2 nodes the client and its driver run on the node,
     * every segment crosses, and the driver's counts come back with the windows (else it would count 0).
     */
    @Test
    void oneEmulationSpreadOverTwoNodesCountsEveryLifecycle() {
        Run run = bench("--nodes", "2", "--connections", "200", "--rate", "2000", "--time-wait", "1", "--node-heap", "256m");
        assertThat(run.exit).as(run.out + run.err).isZero();
        assertThat(run.out).contains("one emulation of the standard workload over 1 .. 2 nodes (partitions = nodes): 200 connections at 2,000/s");
        Matcher lifecycles = Pattern.compile("(\\d) nodes?, lifecycles per wall-clock second:\\s+[\\d,]+ \\(([\\d,]+) lifecycles, failed 0,").matcher(run.out);
        for (int k = 1; k <= 2; k++) {
            assertThat(lifecycles.find()).as(run.out).isTrue();
            assertThat(lifecycles.group(1)).isEqualTo(Integer.toString(k));
            assertThat(lifecycles.group(2)).isEqualTo("200");
        }
        // a lifecycle apart: its ten segments and the far end's trace events cross, a kilobyte or more
        assertThat(number(run.out, "bytes between nodes per lifecycle:\\s+([\\d,]+) ")).isGreaterThan(1_000);
        assertThat(run.out).containsPattern("barrier time:\\s+[\\d.]+ s waited for the slowest node's reports");
        assertThat(run.out).doesNotContain("concurrent connections over");
    }

    @Test
    void theBenchmarkScenarioIsAScenarioFileThatLoads() {
        StandardScenario s = StandardScenario.of(100_000, 20_000, 60_000_000L, 1_000, 1);
        assertThat(s.clientHosts()).isEqualTo(2);
        var settings = s.settings();
        assertThat(settings.workload().clients()).containsExactly("client0", "client1");
        assertThat(settings.workload().connections()).isEqualTo(100_000);
        assertThat(settings.host("client1").tcp().timeWait()).isEqualTo(60_000_000L);
        assertThat(s.text()).doesNotContain("partitions");
        assertThat(s.withPartitions(2).text()).contains("partitions = 2");
    }

    @Test
    void badOptionsAreNamedWithWhatWasExpected() {
        Run run = bench("--rate", "0");
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains("--rate must be above 0, got 0.0").doesNotContain("Exception");

        Run partitions = bench("--partitions", "many");
        assertThat(partitions.exit).isEqualTo(2);
        assertThat(partitions.err).contains("--partitions must be 1..64 or auto, got many");

        Run warmUp = bench("--warm-up", "11");
        assertThat(warmUp.exit).isEqualTo(2);
        assertThat(warmUp.err).contains("--warm-up must be 0..10, got 11");

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
