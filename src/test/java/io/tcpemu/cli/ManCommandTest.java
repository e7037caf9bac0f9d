package io.tcpemu.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tcpemu man}: the manual pages come from the same model as --help, so each option is on its command's page. */
class ManCommandTest {
    @Test
    void the_page_of_run_names_every_option_of_run_and_the_examples() {
        String page = run(0, "man", "run");
        assertThat(page).contains("= tcpemu-run(1)", ":revnumber: tcpemu " + Version.number(), "== Synopsis", "== Options", "Examples:");
        CommandLine run = Main.commandLine().getSubcommands().get("run");
        run.getCommandSpec().options().forEach(o -> assertThat(page).as(o.longestName()).contains(o.longestName()));
    }

    @Test
    void without_a_command_it_is_the_page_of_tcpemu_with_its_commands() {
        assertThat(run(0, "man")).contains("= tcpemu(1)", "== Commands", "run", "completion", "Exit status");
    }

    @Test
    void dir_writes_one_page_per_command(@TempDir Path dir) {
        Path out = dir.resolve("man");
        assertThat(run(0, "man", "--dir", out.toString())).contains("written to " + out);
        for (String name : Main.commandLine().getSubcommands().keySet())
            assertThat(out.resolve("tcpemu-" + name + ".adoc")).as(name).isNotEmptyFile();
        assertThat(out.resolve("tcpemu.adoc")).isNotEmptyFile();
    }

    @Test
    void an_unknown_command_or_a_file_for_dir_is_one_line_and_exit_2(@TempDir Path dir) throws Exception {
        assertThat(run(2, "man", "bogus")).isEmpty();
        Path file = Files.writeString(dir.resolve("f"), "");
        assertThat(run(2, "man", "--dir", file.toString())).isEmpty();
    }

    @Test
    void the_commands_it_completes_are_tcpemus_commands_but_help() {
        assertThat(new ManCommand.Commands()).containsExactlyElementsOf(
                Main.commandLine().getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList());
    }

    private static String run(int exit, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute(args)).as(err.toString()).isEqualTo(exit);
        if (exit == 2) assertThat(err.toString().strip()).startsWith("tcpemu man: ").doesNotContain("\n").doesNotContain("Exception");
        return out.toString();
    }
}
