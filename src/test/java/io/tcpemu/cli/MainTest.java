package io.tcpemu.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    @Test
    void tcpemu_offers_run_repl_and_pkt() {
        assertThat(new CommandLine(new Main()).getSubcommands()).containsKeys("run", "repl", "pkt", "help");
    }

    @Test
    void run_without_a_file_is_a_usage_error_not_a_stack_trace() {
        assertThat(new CommandLine(new Main()).execute("run")).isEqualTo(2);
    }
}
