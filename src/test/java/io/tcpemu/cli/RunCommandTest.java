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
import java.util.List;

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

    /** A flag that stands for a setting is named as the user typed it, not as the '--set repeat=0' it became. */
    @Test
    void a_bad_value_of_a_flag_that_sets_a_setting_names_the_flag() {
        assertThat(run("conf/handshake.conf", "--quiet", "--out", tmp.resolve("r").toString(), "--repeat", "0")).isEqualTo(2);
        assertThat(err().strip()).isEqualTo("--repeat 0: repeat: expected a whole number from 1 to 1000, got 0");
        err.reset();
        assertThat(run("conf/handshake.conf", "--quiet", "--out", tmp.resolve("r").toString(), "--partitions", "0")).isEqualTo(2);
        assertThat(err().strip()).isEqualTo("--partitions 0: partitions: expected a whole number from 1 to 1024, got 0");
        err.reset();
        assertThat(run("conf/handshake.conf", "--quiet", "--out", tmp.resolve("r").toString(), "--set", "repeat=0")).isEqualTo(2);
        assertThat(err().strip()).as("what the user did write").isEqualTo("--set repeat=0: repeat: expected a whole number from 1 to 1000, got 0");
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
        assertThat(err()).isEqualTo(tmp.resolve("nope.conf") + ": no such file; expected a scenario file such as conf/handshake.conf" + System.lineSeparator());
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

    /** Issue 22: each of these was found only after the run (or not at all), or said nothing of why. */
    @Test
    void an_out_folder_that_cannot_hold_results_is_refused_before_the_run_with_the_reason() {
        String[][] cases = {
                {"/proc/x", "--out /proc/x: cannot create the results folder: the system says there is no such file or directory"},
                {tmp.resolve("missing/../x").toString(), "--out " + tmp.resolve("missing/../x") + ": cannot use this folder: "
                        + tmp.resolve("missing") + " does not exist, so " + tmp.resolve("missing") + "/.. cannot be followed"},
                {"", "--out \"\": expected a folder for the results, got an empty name"},
        };
        for (String[] c : cases) {
            out.reset();
            err.reset();
            assertThat(run("conf/handshake.conf", "--out", c[0])).as(c[0]).isEqualTo(2);
            assertThat(err().strip()).as(c[0]).startsWith(c[1]).doesNotContain("\n");
            assertThat(out()).as("nothing ran").isEmpty();
        }
        assertThat(tmp.resolve("missing")).doesNotExist();
    }

    @Test
    void a_fifo_standard_input_or_a_huge_connection_number_is_one_line_before_the_run() throws Exception {
        Path fifo = tmp.resolve("pipe.conf");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        String[][] cases = {
                {fifo.toString(), fifo + ": expected a scenario file such as conf/handshake.conf, but it is not a regular file (a FIFO, device or socket)"},
                {"-", "-: expected a scenario file such as conf/handshake.conf; tcpemu run does not read standard input (save it to a file)"},
        };
        for (String[] c : cases) {
            err.reset();
            assertThat(run(c[0])).isEqualTo(2);
            assertThat(err().strip()).isEqualTo(c[1]);
        }
        err.reset();
        assertThat(run("conf/handshake.conf", "--out", tmp.resolve("c").toString(), "--connection", "99999999999999999999")).isEqualTo(2);
        assertThat(err().strip()).isEqualTo("--connection 99999999999999999999: expected a number from 1 (the Nth connection of the run) "
                + "or a script name, got a number too large for any run");
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
        var points = java.util.List.of(point("1-a"), point("2-b"), point("3-c"));
        assertThat(io.tcpemu.run.ScenarioRun.cutShort(points, 1))
                .isEqualTo("sweep cut short (interrupted): ran 1 of 3 points (1-a); not run: 2-b, 3-c");
        assertThat(io.tcpemu.run.ScenarioRun.cutShort(points, 0))
                .isEqualTo("sweep cut short (interrupted): ran 0 of 3 points; not run: 1-a, 2-b, 3-c");
    }

    private static io.tcpemu.run.ScenarioFile.Planned point(String label) {
        return new io.tcpemu.run.ScenarioFile.Planned(new io.tcpemu.run.ScenarioFile.Point(label, label, java.util.List.of(),
                java.util.List.of(), java.util.List.of()), label, null);
    }

    private static final String TWO_VARIANTS = """
            hosts { a {}, b {} }
            links = [ { between = [a, b], delay = 1ms } ]
            duration = 100ms
            output { plots = off, report-html = off }
            script = [ { at = 0ms, do = "listen b:80" }, { at = 1ms, do = "connect a b:80 as c1" } ]
            variants {
              zeta { hosts.a.tcp.time-wait = 1s }
              alpha { hosts.a.tcp.time-wait = 2s }
              middle { hosts.a.tcp.time-wait = 3s }
            }
            """;

    @Test
    void variants_run_in_the_order_the_file_writes_them() throws IOException {
        assertThat(run(conf("v.conf", TWO_VARIANTS).toString(), "--out", tmp.resolve("v").toString())).as(err()).isZero();
        assertThat(out().lines().filter(l -> l.startsWith("== ")).toList()).containsExactly("== zeta", "== alpha", "== middle");
    }

    @Test
    void variant_and_point_run_one_and_a_name_that_is_not_there_is_one_line_listing_those_that_are() throws IOException {
        assertThat(run(conf("v.conf", TWO_VARIANTS).toString(), "--out", tmp.resolve("v").toString(), "--variant", "alpha", "--quiet")).isZero();
        assertThat(out()).isEqualTo("alpha: no expectations to check\nresults: " + tmp.resolve("v") + "\n");
        assertThat(tmp.resolve("v/summary.txt")).exists(); // one run: its files at the top, no point folder
        out.reset();
        assertThat(run("conf/port-exhaustion.conf", "--out", tmp.resolve("p").toString(), "--point", "80", "--quiet",
                "--set", "duration=2s", "--set", "expect.max-time-wait=160")).as(err()).isZero();
        assertThat(out()).startsWith("workload.arrival.rate=80: PASS");
        assertThat(run("conf/time-wait-remedies.conf", "--variant", "9-magic", "--out", tmp.resolve("x").toString())).isEqualTo(2);
        assertThat(err().strip()).isEqualTo("--variant 9-magic: no such variant; the scenario has 1-baseline, 2-short-time-wait, "
                + "3-server-closes-first, 4-connection-pool, 5-tw-reuse, 6-time-wait-cap, 7-linger-zero");
        err.reset();
        assertThat(run("conf/port-exhaustion.conf", "--point", "90", "--out", tmp.resolve("x").toString())).isEqualTo(2);
        assertThat(err().strip()).isEqualTo("--point 90: no such sweep point; the sweep has 50 80 100 125 200 400");
    }

    @Test
    void set_wins_over_a_variant_and_a_swept_key_is_refused() {
        Path file = Path.of("conf/wandering-duplicates.conf");
        List<String> set = List.of("hosts.client.tcp.time-wait=1s");
        var base = io.tcpemu.run.ScenarioFile.load(file, set);
        for (var p : io.tcpemu.run.ScenarioFile.points(base)) {
            assertThat(io.tcpemu.run.ScenarioFile.settings(file, set, p, base).host("client").tcp().timeWait()).as(p.label()).isEqualTo(1_000_000);
        }
        assertThat(run("conf/port-exhaustion.conf", "--set", "workload.arrival.rate=300", "--out", tmp.resolve("x").toString())).isEqualTo(2);
        assertThat(err().strip()).isEqualTo("--set workload.arrival.rate: the sweep varies this key; run one point with --point VALUE, "
                + "or --set sweep.values=[...]");
    }

    @Test
    void a_run_clears_what_the_previous_run_left_in_its_folder_and_nothing_else() throws IOException {
        Path dir = tmp.resolve("res");
        Path file = conf("v.conf", TWO_VARIANTS);
        assertThat(run(file.toString(), "--out", dir.toString(), "--quiet")).isZero();
        assertThat(dir.resolve("sweep.csv")).exists();
        assertThat(dir.resolve("zeta/summary.txt")).exists();
        Files.writeString(dir.resolve("my-notes.txt"), "mine");
        assertThat(run(file.toString(), "--out", dir.toString(), "--quiet", "--variant", "zeta")).isZero();
        assertThat(dir.resolve("sweep.csv")).doesNotExist();
        assertThat(dir.resolve("zeta")).doesNotExist();
        assertThat(dir.resolve("summary.txt")).exists();
        assertThat(dir.resolve("my-notes.txt")).hasContent("mine");
        // a folder written before runs listed their files: the names tcpemu writes go, the rest stays
        Files.delete(dir.resolve(io.tcpemu.run.ResultsCleanup.MANIFEST));
        Files.createDirectories(dir.resolve("old-point"));
        Files.writeString(dir.resolve("old-point/summary.txt"), "old");
        Files.writeString(dir.resolve("sweep.csv"), "old");
        io.tcpemu.run.ResultsCleanup.clear(dir);
        assertThat(dir.resolve("old-point")).doesNotExist();
        assertThat(dir.resolve("sweep.csv")).doesNotExist();
        assertThat(dir.resolve("summary.txt")).doesNotExist();
        assertThat(dir.resolve("my-notes.txt")).hasContent("mine");
    }

    @Test
    void an_interrupted_run_says_so_on_its_verdict_line_even_when_quiet() {
        var s = io.tcpemu.run.ScenarioFile.load(Path.of("conf/handshake.conf"), List.of());
        var stopped = io.tcpemu.run.Runner.run(s, "", new io.tcpemu.run.Runner.Options(null, null, new java.util.concurrent.atomic.AtomicBoolean(true)));
        assertThat(stopped.interrupted()).isTrue();
        assertThat(io.tcpemu.run.ScenarioRun.verdictLine(stopped)).startsWith("interrupted at 0.000 s of 1.000 s emulated (the verdict covers what ran): ");
    }
}
