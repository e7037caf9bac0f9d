package io.tcpemu.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

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

    @Test
    void a_wrong_option_or_command_is_one_line_naming_it_not_the_whole_usage() {
        assertThat(errorOf("run", "conf/handshake.conf", "--bogus"))
                .isEqualTo("tcpemu run: Unknown option: '--bogus' (see 'tcpemu run --help')");
        assertThat(errorOf("rnu", "conf/handshake.conf")).isEqualTo("tcpemu: Unmatched arguments from index 0: 'rnu', 'conf/handshake.conf' (see 'tcpemu --help')");
        assertThat(errorOf("run")).isEqualTo("tcpemu run: Missing required parameter: 'FILE' (see 'tcpemu run --help')");
    }

    private static String errorOf(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute(args)).isEqualTo(2);
        return err.toString().strip();
    }
}
