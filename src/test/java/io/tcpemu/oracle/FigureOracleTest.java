package io.tcpemu.oracle;

import io.tcpemu.config.Settings;
import io.tcpemu.run.ResultsFolder;
import io.tcpemu.run.RunResult;
import io.tcpemu.run.RunSummary;
import io.tcpemu.run.Runner;
import io.tcpemu.run.ScenarioFile;
import io.tcpemu.trace.TraceRecorder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The oracle itself: it agrees with a true report of handshake.conf and catches each kind of wrong figure. */
class FigureOracleTest {
    @TempDir static Path dir;
    static TraceTruth truth;
    static String summary;
    /** The scenario's own sample interval (handshake.conf samples every 1 ms: it is over in 25 ms). */
    static long interval;

    @BeforeAll
    static void runTheHandshake() {
        Settings s = ScenarioFile.load(Path.of("conf/handshake.conf"), List.of("output.plots=false"));
        TraceRecorder tap = new TraceRecorder();
        RunResult r = Runner.run(s, "", new Runner.Options(null, null, new AtomicBoolean(), null, tap));
        summary = RunSummary.render(r, null, false);
        ResultsFolder.write(dir, r, null, summary);
        truth = TraceTruth.of(tap.events());
        interval = s.output().sampleInterval();
    }

    private static List<String> check(String text) { return FigureOracle.check(truth, interval, dir, text); }

    private static List<String> check(Path folder) { return FigureOracle.check(truth, interval, folder, summary); }

    @Test
    void a_true_report_passes_and_the_truth_is_the_handshake() {
        assertThat(check(summary)).isEmpty();
        assertThat(truth.counter("established")).isEqualTo(1);
        assertThat(truth.counter("listens")).isEqualTo(1);
        assertThat(truth.max("client", "ports")).isEqualTo(1);
        assertThat(truth.at("client", "ESTABLISHED", 25_000)).isEqualTo(1);
        assertThat(truth.handshakes).containsExactly(10_000L);
    }

    @Test
    void a_wrong_number_in_the_summary_is_caught() {
        String wrong = summary.replaceFirst("(?m)^(client +0 +[-0] +)1", "$10");
        assertThat(wrong).isNotEqualTo(summary);
        assertThat(check(wrong)).anyMatch(d -> d.contains("client max ports in use"));
        assertThat(check(summary.replace("10ms  10ms", "0us  10ms"))).anyMatch(d -> d.contains("summary: handshake"));
    }

    @Test
    void a_wrong_number_in_a_file_is_caught(@TempDir Path copy) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        tamper(copy, "states.csv", ",1,0,0,0,0,0,0,1\n", ",0,0,0,0,0,0,0,1\n");
        tamper(copy, "counters.csv", "segments-sent,3", "segments-sent,4");
        tamper(copy, "state-graph.dot", "passive OPEN\\n1×", "passive OPEN\\n2×");
        tamper(copy, "metrics.json", "\"listens\": 1", "\"listens\": 0");
        tamper(copy, "report.html", "<th>segments-sent</th><td>3</td>", "<th>segments-sent</th><td>2</td>");
        tamper(copy, "transitions.csv", "CLOSED,LISTEN,1", "CLOSED,LISTEN,2");
        List<String> diffs = check(copy);
        assertThat(diffs).anyMatch(d -> d.startsWith("states.csv client ESTABLISHED at 25000"))
                .anyMatch(d -> d.startsWith("counters.csv"))
                .anyMatch(d -> d.startsWith("state-graph.dot"))
                .anyMatch(d -> d.startsWith("metrics.json counters.listens"))
                .anyMatch(d -> d.startsWith("report.html segments-sent"))
                .anyMatch(d -> d.startsWith("transitions.csv CLOSED,LISTEN against counters.csv listens"));
    }

    private static void tamper(Path folder, String file, String from, String to) throws IOException {
        Path f = folder.resolve(file);
        String text = Files.readString(f);
        assertThat(text).as(file).contains(from);
        Files.writeString(f, text.replace(from, to));
    }
}
