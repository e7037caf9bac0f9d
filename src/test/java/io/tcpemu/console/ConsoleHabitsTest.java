package io.tcpemu.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 21's console frictions: durations, help, history, clear, aligned and ordered output. */
class ConsoleHabitsTest {
    final ConsoleFixture f = new ConsoleFixture();

    @AfterEach void stop() { f.close(); }

    @Test
    void durations_take_hours_too_and_a_negative_one_gets_a_clear_error() {
        assertThat(f.ok("step 1h")).isEqualTo("now 1h\n");
        assertThat(f.ok("run for 1.5h")).isEqualTo("now 150m\n");
        assertThat(f.error("step -5s")).isEqualTo("bad duration '-5s': emulated time only runs forward — give a positive duration, e.g. 5s");
        assertThat(f.error("run for -1m")).startsWith("bad duration '-1m': emulated time only runs forward");
        assertThat(f.error("step 5 s")).contains("Unmatched argument");
        assertThat(f.error("step 5x")).isEqualTo("bad duration '5x' — expected a number and a unit: h, m, s, ms or us, e.g. 1h, 2m, 3s, 200ms, 500us");
    }

    @Test
    void help_goes_down_to_a_subcommand_and_lists_every_command_on_whole_lines() {
        assertThat(f.ok("help rule add")).startsWith("Usage:  rule add ").contains("Syntax: action [occurrence] kind");
        assertThat(f.ok("help workload start")).startsWith("Usage:  workload start ");
        assertThat(f.error("help rule ad")).isEqualTo("no command 'ad' in 'rule' — did you mean 'add'?");
        String list = f.ok("help");
        assertThat(list.lines().filter(l -> l.matches("  (show|run) .*"))).hasSize(2)
                .allSatisfy(l -> assertThat(l).as("a whole sentence, not a line ending in ':'").doesNotEndWith(":"));
        assertThat(list).contains("  history ", "  clear ", "  unlisten ");
    }

    @Test
    void history_lists_the_lines_run_so_far_and_clear_asks_the_front_end() {
        f.ok("listen b:80");
        f.ok("step 1ms");
        assertThat(f.ok("history")).isEqualTo("1  listen b:80\n2  step 1ms\n3  history\n");
        AtomicInteger cleared = new AtomicInteger();
        f.language.clearScreen(cleared::incrementAndGet);
        f.ok("clear");
        assertThat(cleared).hasValue(1);
        f.language.history(() -> List.of("from", "the terminal"));
        assertThat(f.ok("history")).isEqualTo("1  from\n2  the terminal\n");
    }

    @Test
    void show_lines_up_its_columns_whatever_the_names() {
        f.ok("listen b:80");
        f.ok("connect a b:80 as a-rather-long-name");
        f.ok("connect a b:80");
        f.ok("step 20ms");
        List<String> lines = f.ok("show").lines().toList();
        assertThat(lines.get(0)).startsWith("conn ");
        int tupleColumn = lines.get(0).indexOf("4-tuple");
        int stateColumn = lines.get(0).indexOf("state");
        assertThat(lines).hasSize(5).allSatisfy(l -> {
            assertThat(l.charAt(tupleColumn - 1)).isEqualTo(' ');
            assertThat(l.substring(tupleColumn)).matches("(4-tuple|10\\.0\\.0\\.\\d:\\d+<->10\\.0\\.0\\.\\d:\\d+) +(state|ESTABLISHED)");
            assertThat(l.charAt(stateColumn)).isIn('s', 'E');
        });
        List<String> host = f.ok("show host b").lines().filter(l -> l.startsWith("  conn") || l.startsWith("  LISTEN")).toList();
        assertThat(host).hasSize(3).extracting(l -> l.indexOf("10.0.0.2:80<->") < 0 ? l.indexOf("port 80") : l.indexOf("10.0.0.2:80<->"))
                .containsOnly(14);
    }

    @Test
    void inject_prints_what_it_injected_before_the_answer_it_set_off() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.PrintWriter writer = new java.io.PrintWriter(out, true);
        io.tcpemu.runtime.Topology t = io.tcpemu.runtime.Topology.builder().seed(7)
                .host(io.tcpemu.runtime.HostSpec.of("a", "10.0.0.1", ConsoleFixture.TCP))
                .host(io.tcpemu.runtime.HostSpec.of("b", "10.0.0.2", ConsoleFixture.TCP)).link("a", "b", 5_000).build();
        // events and command output in one stream, as at the console
        try (Session session = new Session(io.tcpemu.emulation.Emulation.virtual(t, 7), writer::println)) {
            CommandLanguage language = new CommandLanguage(session);
            for (String line : List.of("listen b:80", "connect a b:80", "step 20ms")) assertThat(language.execute(line, writer)).isEmpty();
            int from = out.toString().length();
            assertThat(language.execute("inject c1 --flags S --seq 5", writer)).isEmpty();
            String after = out.toString().substring(from);
            assertThat(after).startsWith("injected into a: 10.0.0.2:80 > 10.0.0.1:").contains("a sent 10.0.0.1:");
            assertThat(after.indexOf("injected into")).isLessThan(after.indexOf("a sent"));
        }
    }
}
