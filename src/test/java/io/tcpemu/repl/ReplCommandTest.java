package io.tcpemu.repl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tcpemu repl} without a terminal: the same commands from a file or a pipe, exit 1 on the first error. */
class ReplCommandTest {
    @TempDir Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int repl(String stdin, String... args) {
        ReplCommand command = new ReplCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandLine(command).execute(args);
    }

    String out() { return out.toString(StandardCharsets.UTF_8); }
    String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void a_bad_partitions_flag_with_a_scenario_is_named_as_typed() {
        assertThat(repl("", "conf/handshake.conf", "--partitions", "0")).isEqualTo(2);
        assertThat(err().strip()).isEqualTo("--partitions 0: partitions: expected a whole number from 1 to 1024, got 0");
    }

    @Test
    void a_script_file_runs_without_prompts() throws Exception {
        Path script = Files.writeString(dir.resolve("s.txt"), "listen b:80\nconnect a b:80\nrun until c1 is ESTABLISHED\nshow\n");
        assertThat(repl("", "--script", script.toString())).isEqualTo(0);
        assertThat(out()).contains("a c1 SYN-SENT -> ESTABLISHED", "c1 is ESTABLISHED at 10ms");
        assertThat(out().lines().filter(l -> l.startsWith("tcpemu> ")))
                .as("each command echoed before its output, as a transcript")
                .containsExactly("tcpemu> listen b:80", "tcpemu> connect a b:80", "tcpemu> run until c1 is ESTABLISHED", "tcpemu> show");
        assertThat(out().indexOf("tcpemu> show")).isLessThan(out().indexOf("ESTABLISHED\n", out().indexOf("tcpemu> show")));
        assertThat(out().indexOf("c1: connecting a -> 10.0.0.2:80")).as("a command's own line comes before what it set off")
                .isLessThan(out().indexOf("a c1 CLOSED -> SYN-SENT"));
        assertThat(out()).doesNotContain("CLOSED -> LISTEN");
        assertThat(err()).isEmpty();
    }

    @Test
    void no_echo_prints_only_the_output() throws Exception {
        Path script = Files.writeString(dir.resolve("s.txt"), "listen b:80\nnow\n");
        assertThat(repl("", "--script", script.toString(), "--no-echo")).isEqualTo(0);
        assertThat(out()).doesNotContain("tcpemu>").contains("now 0us");
    }

    /** Issue 21: a scenario's script played silently up to 200 ms, so the handshake was never shown. */
    @Test
    void a_scenario_pauses_at_time_zero_and_its_script_plays_as_time_is_stepped() {
        assertThat(repl("now\nstep 30ms\nshow\n", "conf/simultaneous-close.conf")).isEqualTo(0);
        String o = out();
        assertThat(o).contains("paused at 0us: 3 script steps to come", "tcpemu> now\nnow 0us");
        assertThat(o.indexOf("tcpemu> step 30ms")).as("the connect waits for the user's step")
                .isLessThan(o.indexOf("script 10ms (conf/simultaneous-close.conf:11): connect a b:80 as c1"));
        assertThat(o).contains("a c1 SYN-SENT -> ESTABLISHED", "b s1 SYN-RECEIVED -> ESTABLISHED").doesNotContain("FIN-WAIT-1");
        assertThat(o.indexOf("c1: connecting a -> 10.0.0.2:80")).as("a step's own line before what it set off")
                .isLessThan(o.indexOf("a c1 CLOSED -> SYN-SENT"));
    }

    @Test
    void play_plays_the_whole_script_first() {
        assertThat(repl("show\n", "conf/simultaneous-close.conf", "--play")).isEqualTo(0);
        assertThat(out()).doesNotContain("paused at").contains("a c1 ESTABLISHED -> FIN-WAIT-1", "b s1 ESTABLISHED -> FIN-WAIT-1");
    }

    @Test
    void piped_input_stops_at_the_first_error_with_its_line_and_exit_code_1() {
        assertThat(repl("listen b:80\nconnect a b:80 as c1\nclose c7\nstep 1s\n")).isEqualTo(1);
        assertThat(err()).isEqualTo("<stdin>:3: error: no connection 'c7' — did you mean 'c1'?\n");
        assertThat(out()).doesNotContain("now 1s");
    }

    @Test
    void a_scenario_plays_its_script_before_the_commands() {
        assertThat(repl("run until b.conn1 is CLOSED\nshow\n", "src/test/resources/console/lost-final-ack.conf")).isEqualTo(0);
        assertThat(out()).contains("(rule drop 1st ack in TIME-WAIT from a)", "(retransmission)", "b.conn1 is CLOSED at");
    }

    /**
     * Issue 15: at 100x the handshake over the 5 ms link took ~8 s of emulated time, with SYN and
     * SYN-ACK retransmitted and timestamps going backwards. Now one round trip, exactly.
     */
    @Test
    void in_real_time_the_emulation_runs_by_itself_with_exact_times_in_order() {
        assertThat(repl("listen b:80\nconnect a b:80\nrun until c1 is ESTABLISHED --max 1m\nrun until idle\n", "--real-time", "100")).isEqualTo(0);
        assertThat(out()).contains("a c1 SYN-SENT -> ESTABLISHED", "c1 is ESTABLISHED at", "idle at").doesNotContain("retransmi");
        assertThat(err()).isEmpty();
        long synSent = eventTime("a c1 CLOSED -> SYN-SENT");
        assertThat(eventTime("a c1 SYN-SENT -> ESTABLISHED") - synSent).as("one 10 ms round trip, in µs").isEqualTo(10_000);
        assertThat(eventTime("b b.conn1 SYN-RECEIVED -> ESTABLISHED") - synSent).isEqualTo(15_000);
        java.util.List<Long> times = out().lines().filter(l -> l.matches(" *\\d+\\.\\d{3}ms .*"))
                .map(l -> Math.round(Double.parseDouble(l.strip().substring(0, l.strip().indexOf("ms"))) * 1000)).toList();
        assertThat(times).as("event lines in time order").isSorted().hasSizeGreaterThan(6);
    }

    /** The emulated µs of the event line containing {@code what}. */
    private long eventTime(String what) {
        String line = out().lines().filter(l -> l.contains(what)).findFirst().orElseThrow(() -> new AssertionError("no '" + what + "' in\n" + out()));
        return Math.round(Double.parseDouble(line.strip().substring(0, line.strip().indexOf("ms"))) * 1000);
    }

    @Test
    void a_broken_scenario_is_reported_without_a_stack_trace() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.conf"), "hosts { a {} }\nlinks = [ { between = [a, z] } ]\n");
        assertThat(repl("", bad.toString())).isEqualTo(2);
        assertThat(err()).contains("bad.conf:2").doesNotContain("Exception");
        assertThat(repl("", "--script", dir.resolve("none.txt").toString())).isEqualTo(2);
        assertThat(err()).contains("no script file");
    }
}
