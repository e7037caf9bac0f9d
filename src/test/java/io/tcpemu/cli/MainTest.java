package io.tcpemu.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    @Test
    void tcpemu_offers_run_repl_and_pkt() {
        assertThat(new CommandLine(new Main()).getSubcommands()).containsKeys("run", "repl", "pkt", "bench", "completion", "man", "help");
    }

    @Test
    void run_without_a_file_is_a_usage_error_not_a_stack_trace() {
        assertThat(new CommandLine(new Main()).execute("run")).isEqualTo(2);
    }

    @Test
    void a_wrong_option_or_command_is_one_line_naming_it_not_the_whole_usage() {
        assertThat(errorOf("run", "conf/handshake.conf", "--bogus"))
                .isEqualTo("tcpemu run: Unknown option: '--bogus' (see 'tcpemu run --help')");
        assertThat(errorOf("rnu", "conf/handshake.conf")).isEqualTo("tcpemu: unknown command 'rnu'; did you mean 'run'?"
                + " The commands are run, node, repl, pkt, bench, completion, man, help (see 'tcpemu --help')");
        assertThat(errorOf("frob")).isEqualTo("tcpemu: unknown command 'frob';"
                + " the commands are run, node, repl, pkt, bench, completion, man, help (see 'tcpemu --help')");
        // 'help' with a word that names no command says so as the command line does, not picocli's "Unknown subcommand 'frob'."
        assertThat(errorOf("help", "frob")).isEqualTo("tcpemu: unknown command 'frob';"
                + " the commands are run, node, repl, pkt, bench, completion, man, help (see 'tcpemu --help')");
        assertThat(errorOf("help", "rnu")).startsWith("tcpemu: unknown command 'rnu'; did you mean 'run'? The commands are");
        assertThat(errorOf("completion", "fish")).isEqualTo("tcpemu completion: bad SHELL 'fish': expected one of bash, zsh (see 'tcpemu completion --help')");
        assertThat(errorOf("run", "conf/handshake.conf", "--jobs", "x")).isEqualTo("tcpemu run: bad --jobs 'x': expected a whole number (see 'tcpemu run --help')");
        assertThat(errorOf("run")).isEqualTo("tcpemu run: Missing required parameter: 'FILE' (see 'tcpemu run --help')");
    }

    @Test
    void no_subcommand_prints_the_usage_on_stderr_and_exits_2() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute()).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("tcpemu: missing a command, e.g. 'tcpemu run conf/handshake.conf'")
                .contains("Usage: tcpemu", "Commands:", "run", "completion", "Examples:");
    }

    @Test
    void every_command_prints_the_version_and_exits_0() {
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"run", "--version"}, new String[] {"repl", "-V"},
                new String[] {"pkt", "--version"}, new String[] {"bench", "--version"}, new String[] {"completion", "--version"},
                new String[] {"man", "--version"}, new String[] {"node", "--version"})) {
            StringWriter out = new StringWriter();
            CommandLine cmd = Main.commandLine();
            cmd.setOut(new PrintWriter(out));
            assertThat(cmd.execute(args)).as(String.join(" ", args)).isZero();
            assertThat(out.toString()).as(String.join(" ", args))
                    .startsWith("tcpemu " + Version.number() + System.lineSeparator()).contains("Java ");
        }
        assertThat(Version.number()).as("the pom's version, filtered in by the build").matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void every_commands_help_ends_with_examples_that_parse() {
        CommandLine root = Main.commandLine();
        List<CommandLine> commands = new ArrayList<>(List.of(root));
        root.getSubcommands().forEach((name, sub) -> { if (!name.equals("help")) commands.add(sub); });
        for (CommandLine c : commands) {
            String help = helpWithoutWarnings(c);
            assertThat(help).as(c.getCommandName()).contains("Examples:");
            List<String> examples = help.substring(help.indexOf("Examples:")).lines().skip(1).map(String::strip).toList();
            assertThat(examples).as(c.getCommandName()).hasSizeGreaterThanOrEqualTo(3);
            for (String example : examples) {
                String[] words = invocation(example);
                assertThat(words).as(example).isNotEmpty();
                if (!c.equals(root)) assertThat(words[0]).as(example + " is an example of " + c.getCommandName()).isEqualTo(c.getCommandName());
                Main.commandLine().parseArgs(words); // throws on an unknown option or a missing argument
            }
        }
    }

    /** A description picocli cannot format (a lone '%') prints "[picocli WARN] ..." above the help: none may. */
    private static String helpWithoutWarnings(CommandLine c) {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            String help = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8)).as(c.getCommandName() + " --help").isEmpty();
            return help;
        } finally {
            System.setErr(saved);
        }
    }

    /** The tcpemu arguments in an example line: after "tcpemu", before a comment, pipe, redirection or ")". */
    private static String[] invocation(String example) {
        String line = example.replaceAll("#.*", "");
        String call = line.substring(line.indexOf("tcpemu ") + "tcpemu ".length()).split("[|>)]")[0].strip();
        return call.split("\\s+");
    }

    private static String errorOf(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute(args)).isEqualTo(2);
        return err.toString().strip();
    }
}
