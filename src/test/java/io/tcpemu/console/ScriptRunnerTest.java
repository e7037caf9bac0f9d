package io.tcpemu.console;

import io.tcpemu.tcp.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptRunnerTest {
    final ConsoleFixture f = new ConsoleFixture();
    final List<String> output = new ArrayList<>();
    final ScriptRunner runner = new ScriptRunner(f.language, output::add);

    @AfterEach void stop() { f.close(); }

    @Test
    void steps_run_at_their_emulated_times() {
        ScriptRunner.Outcome o = runner.run(List.of(
                new ScriptRunner.Step(0, "listen b:80", ""),
                new ScriptRunner.Step(10_000, "connect a b:80 as c1", ""),
                new ScriptRunner.Step(30_000, "close c1", "")));
        assertThat(o.ok()).isTrue();
        assertThat(o.stepsRun()).isEqualTo(3);
        assertThat(f.eventsWith("a c1 CLOSED -> SYN-SENT")).singleElement().asString().startsWith("      10.000ms");
        assertThat(f.eventsWith("a c1 ESTABLISHED -> FIN-WAIT-1")).singleElement().asString().startsWith("      30.000ms");
        assertThat(output).contains("c1: connecting a -> 10.0.0.2:80");
    }

    @Test
    void the_first_failure_stops_the_script_with_its_index_and_the_error() {
        ScriptRunner.Outcome o = runner.run(List.of(
                new ScriptRunner.Step(0, "listen b:80", "x.conf:3"),
                new ScriptRunner.Step(1_000, "conect a b:80", "x.conf:4"),
                new ScriptRunner.Step(2_000, "connect a b:80", "x.conf:5")));
        assertThat(o.ok()).isFalse();
        assertThat(o.failedIndex()).isEqualTo(1);
        assertThat(o.error()).isEqualTo("script step 1 (x.conf:4) 'conect a b:80': unknown command 'conect' — did you mean 'connect'? (type 'help')");
        assertThat(f.session.conns()).as("step 2 never ran").isEmpty();
    }

    @Test
    void load_starts_a_scenario_file_and_plays_its_script() {
        Path conf = Path.of("src/test/resources/console/lost-final-ack.conf");
        assertThat(f.ok("load " + conf)).contains("loaded").contains("hosts a, b").contains("played 4 script steps");
        f.ok("run until b.conn1 is CLOSED");
        assertThat(f.eventsWith("DROPPED", "rule drop 1st ack in TIME-WAIT from a")).hasSize(1);
        assertThat(f.eventsWith("b sent", "[F.]", "(retransmission)")).hasSize(1);
        assertThat(f.session.conn("c1").state()).isEqualTo(State.TIME_WAIT);
        assertThat(f.error("load nowhere.conf")).isEqualTo("no file nowhere.conf — give the path of a .conf scenario, e.g. conf/handshake.conf");
    }
}
