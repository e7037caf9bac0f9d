package io.tcpemu.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tcpemu run}: exit codes, one-line errors, the verdict and the results folder. */
class RunCommandTest {
    @TempDir Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new CommandLine(new RunCommand(o, e)).execute(args);
    }

    private String out() { return out.toString(StandardCharsets.UTF_8); }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    private Path conf(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void a_small_scenario_prints_summary_ladder_and_verdict_and_writes_the_results_folder() {
        Path dir = tmp.resolve("hs");
        Path pcap = tmp.resolve("hs.pcap");
        int code = run("conf/handshake.conf", "--out", dir.toString(), "--pcap", pcap.toString());
        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("attempts", "SYN-SENT |-- SYN seq=0", "SYN-RECEIVED", "PASS: 3 expectations hold");
        for (String f : new String[] {"summary.txt", "counters.csv", "states.csv", "transitions.csv", "metrics.json", "effective.conf",
                "ladder.txt", "ladder.svg", "ladder.mmd", "state-graph.svg", "state-graph.dot", "states-client.png",
                "states-client.svg", "report.html"}) {
            assertThat(dir.resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(dir.resolve("report.html")).content().as("the page says which run it shows").contains("<title>tcpemu run: hs</title>");
        assertThat(pcap).isNotEmptyFile();
        // the pcap header, then three packets of at least a record header and 40 bytes of IPv4 + TCP each
        assertThat(pcap.toFile().length()).isGreaterThanOrEqualTo(24 + 3 * (16 + 40));
    }

    @Test
    void a_failed_expectation_says_what_was_expected_and_exits_1() {
        int code = run("conf/refused.conf", "--quiet", "--out", tmp.resolve("r").toString(), "--set", "expect.refused=2");
        assertThat(code).isEqualTo(1);
        assertThat(out()).contains("FAIL: refused: expected 2, measured 1");
    }

    @Test
    void a_sweep_runs_each_point_and_writes_its_table() {
        Path dir = tmp.resolve("sweep");
        int code = run("conf/lost-final-ack.conf", "--quiet", "--out", dir.toString());
        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("hosts.client.tcp.time-wait=4s: PASS", "hosts.client.tcp.time-wait=0s: PASS");
        assertThat(dir.resolve("sweep.csv")).content().contains("\"hosts.client.tcp.time-wait=0s\"");
        assertThat(dir.resolve("hosts.client.tcp.time-wait-0s").resolve("summary.txt")).isNotEmptyFile();
    }

    @Test
    void a_sweep_with_pcap_writes_one_pcap_per_point_beside_the_file_asked_for() {
        int code = run("conf/lost-final-ack.conf", "--quiet", "--out", tmp.resolve("sweep").toString(),
                "--pcap", tmp.resolve("lost.pcap").toString());
        assertThat(code).as(err()).isZero();
        // the 4 s TIME-WAIT point: 9 segments, the 0 s point 9 too (its last one a RST)
        for (String point : new String[] {"hosts.client.tcp.time-wait-4s", "hosts.client.tcp.time-wait-0s"}) {
            Path file = tmp.resolve("lost-" + point + ".pcap");
            assertThat(file.toFile().length()).as(point).isGreaterThanOrEqualTo(24 + 9 * (16 + 40));
        }
    }

    @Test
    void a_bad_config_lists_its_problems_with_file_and_line_and_exits_2() throws IOException {
        Path file = conf("bad.conf", "hosts {\n  a { profile = bsd }\n}\nlinks = [ { between = [a, c] } ]\n");
        int code = run(file.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("bad.conf:2: hosts.a.profile: expected rfc9293 or linux, got \"bsd\"")
                .contains("bad.conf:4: links[0].between").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void a_missing_file_and_a_bad_set_are_one_line_each() {
        assertThat(run(tmp.resolve("nope.conf").toString())).isEqualTo(2);
        assertThat(err()).isEqualTo(tmp.resolve("nope.conf") + ": no such scenario file" + System.lineSeparator());
        err.reset();
        assertThat(run("conf/handshake.conf", "--set", "seeed=3")).isEqualTo(2);
        assertThat(err()).contains("seeed: unknown key, did you mean seed?").doesNotContain("\tat ");
        err.reset();
        assertThat(run("conf")).isEqualTo(2);
        assertThat(err().strip()).isEqualTo("conf: is a folder; expected a scenario file such as conf/handshake.conf");
    }

    @Test
    void an_out_that_is_a_file_is_refused_before_the_run() throws IOException {
        Path file = conf("results.txt", "not a folder");
        assertThat(run("conf/handshake.conf", "--out", file.toString())).isEqualTo(2);
        assertThat(err().strip()).isEqualTo("--out " + file + ": is a file; expected a folder for the results (it is created if missing)");
        assertThat(out()).isEmpty();
    }

    @Test
    void a_workload_too_large_for_the_heap_is_refused_before_it_starts_saying_what_fits() throws IOException {
        Path file = conf("huge.conf", "hosts { a {}, b { tcp { time-wait = 1h } } }\nlinks = [ { between = [a, b] } ]\n"
                + "workload { clients = [a], server = \"b:80\", arrival.rate = 1000000, connections = 2000000000, close = server-first }\n");
        assertThat(run(file.toString(), "--out", tmp.resolve("h").toString())).isEqualTo(2);
        assertThat(err()).contains("does not fit in the heap").contains("connections fit").doesNotContain("\tat ");
    }

    @Test
    void a_script_step_that_cannot_be_read_names_its_line() throws IOException {
        Path file = conf("script.conf", "hosts { a {}, b {} }\nlinks = [ { between = [a, b] } ]\nscript = [\n"
                + "  { at = 0ms, do = \"listen b:80\" }\n  { at = 1ms, do = \"conect a b:80\" }\n]\n");
        assertThat(run(file.toString(), "--out", tmp.resolve("s").toString())).isEqualTo(2);
        assertThat(err().strip()).isEqualTo(file + ":5: do \"conect a b:80\": unknown command 'conect' — did you mean 'connect'? (type 'help')");
    }

    @Test
    void a_step_on_a_connection_whose_connect_failed_is_an_outcome_not_an_error() throws IOException {
        Path file = conf("refused-close.conf", "hosts { a {}, b {} }\nlinks = [ { between = [a, b] } ]\nscript = [\n"
                + "  { at = 0ms, do = \"connect a b:81 as c1\" }\n  { at = 100ms, do = \"close c1\" }\n]\nexpect { refused = 1 }\n");
        assertThat(run(file.toString(), "--out", tmp.resolve("f").toString())).isEqualTo(0);
        assertThat(out()).contains("c1: connect 10.0.0.2:81: ECONNREFUSED (connection refused)",
                "c1: 'close c1' not run: its connect failed (ECONNREFUSED)", "PASS: 1 expectation");
    }

    @Test
    void a_step_on_a_connection_not_connected_yet_stops_the_run_naming_its_line() throws IOException {
        Path file = conf("early.conf", "hosts { a {}, b {} }\nlinks = [ { between = [a, b], delay = 5ms } ]\nscript = [\n"
                + "  { at = 0ms, do = \"listen b:80\" }\n  { at = 0ms, do = \"connect a b:80\" }\n  { at = 1ms, do = \"close c1\" }\n]\n");
        assertThat(run(file.toString(), "--out", tmp.resolve("e").toString())).isEqualTo(2);
        assertThat(err().strip()).startsWith(file + ":6: do \"close c1\": c1 is SYN-SENT, not connected yet");
    }

    @Test
    void a_step_on_an_unknown_connection_is_refused_before_the_run() throws IOException {
        Path file = conf("names.conf", "hosts { a {}, b {} }\nlinks = [ { between = [a, b] } ]\nscript = [\n"
                + "  { at = 0ms, do = \"listen b:80\" }\n  { at = 1ms, do = \"close c9\" }\n]\n");
        assertThat(run(file.toString(), "--out", tmp.resolve("n").toString())).isEqualTo(2);
        assertThat(err().strip()).isEqualTo(file + ":5: do \"close c9\": no connection 'c9' named by an earlier step"
                + " (name one with 'connect a b:80 as c1' or 'accept b:80 as s1')");
        assertThat(out()).as("nothing ran").doesNotContain("PASS").doesNotContain("FAIL");
    }

    @Test
    void an_unknown_connection_to_draw_is_a_clear_error() {
        Path pcap = tmp.resolve("hs.pcap");
        assertThat(run("conf/handshake.conf", "--out", tmp.resolve("c").toString(), "--pcap", pcap.toString(), "--connection", "c7")).isEqualTo(2);
        assertThat(err().strip()).isEqualTo("--connection c7: no connection of that name; named: s1, c1");
        assertThat(out()).isEmpty();
        assertThat(pcap).as("refused before the run, which would have written the pcap").doesNotExist();
    }

    @Test
    void a_sweep_cut_short_names_the_points_that_ran_and_those_that_did_not() {
        var points = java.util.List.of(new io.tcpemu.run.ScenarioFile.Point("1-a", java.util.List.of()),
                new io.tcpemu.run.ScenarioFile.Point("2-b", java.util.List.of()), new io.tcpemu.run.ScenarioFile.Point("3-c", java.util.List.of()));
        assertThat(RunCommand.cutShort(points, 1))
                .isEqualTo("sweep cut short (interrupted): ran 1 of 3 points (1-a); not run: 2-b, 3-c");
        assertThat(RunCommand.cutShort(points, 0))
                .isEqualTo("sweep cut short (interrupted): ran 0 of 3 points; not run: 1-a, 2-b, 3-c");
    }
}
