package io.tcpemu.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code tcpemu completion bash}, loaded into a real bash. Two ways: an interactive bash on a
 * terminal (a pty from {@code script}) is typed at, Tab and all, and the command line it then runs
 * is read back; and, to see every candidate, bash is told the words typed so far (COMP_WORDS,
 * COMP_CWORD, COMP_LINE, as readline sets them on Tab), runs the function the script registered
 * for {@code tcpemu}, and the test reads what it offers (COMPREPLY).
 */
class CompletionScriptTest {
    @TempDir static Path dir;
    static Path script;

    @BeforeAll
    static void writeTheScript() throws IOException {
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        assertThat(cmd.execute("completion", "bash")).isZero();
        script = Files.writeString(dir.resolve("tcpemu.bash"), out.toString());
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/handshake.conf"), "");
        Files.writeString(dir.resolve("conf/close.conf"), "");
    }

    @Test
    void the_subcommands_complete_after_tcpemu() throws Exception {
        assertThat(complete("tcpemu ")).containsExactlyInAnyOrder("run", "node", "repl", "pkt", "bench", "completion", "man", "help");
        assertThat(complete("tcpemu r")).containsExactlyInAnyOrder("run", "repl");
        assertThat(complete("tcpemu com")).containsExactly("completion");
    }

    @Test
    void the_options_of_tcpemu_and_of_each_subcommand_complete() throws Exception {
        assertThat(complete("tcpemu --v")).containsExactly("--version");
        assertThat(complete("tcpemu run --")).contains("--set", "--pcap", "--out", "--connection", "--quiet", "--help", "--version");
        assertThat(complete("tcpemu run conf/close.conf --q")).containsExactly("--quiet");
        assertThat(complete("tcpemu bench --h")).containsExactlyInAnyOrder("--help", "--hour");
        assertThat(complete("tcpemu repl --s")).containsExactlyInAnyOrder("--script", "--seed");
        assertThat(complete("tcpemu pkt --str")).containsExactly("--strict");
    }

    @Test
    void argument_values_complete_from_the_model() throws Exception {
        assertThat(complete("tcpemu completion ")).containsExactlyInAnyOrder("bash", "zsh");
        assertThat(complete("tcpemu completion z")).containsExactly("zsh");
        assertThat(complete("tcpemu man ")).containsExactlyInAnyOrder("run", "node", "repl", "pkt", "bench", "completion", "man");
        assertThat(complete("tcpemu run conf/h")).containsExactly("conf/handshake.conf");
    }

    @Test
    void the_launcher_called_as_in_the_readme_completes_too() throws Exception {
        assertThat(complete("./tcpemu r")).containsExactlyInAnyOrder("run", "repl");
    }

    @Test
    void tab_in_an_interactive_bash_completes_subcommands_options_and_values() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "no script(1) to give bash a terminal (util-linux)");
        // tcpemu is a function here that prints the command line it got, so Enter shows what Tab typed
        List<String> ran = typeIntoBash(
                "tcpemu com\t z\t\n",
                "tcpemu run conf/hand\t --qu\t\n",
                "tcpemu bench --ho\t\n");
        assertThat(ran).containsExactly("completion zsh", "run conf/handshake.conf --quiet", "bench --hour");
    }

    @Test
    void zsh_completes_with_the_same_script_through_its_bash_completion_layer() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")), "zsh is not installed");
        Map<String, List<String>> offered = completeInZsh(
                "tcpemu ", "tcpemu r", "tcpemu run --q", "tcpemu bench --h", "tcpemu completion ");
        assertThat(offered.get("tcpemu ")).containsExactlyInAnyOrder("run", "node", "repl", "pkt", "bench", "completion", "man", "help");
        assertThat(offered.get("tcpemu r")).containsExactlyInAnyOrder("run", "repl");
        assertThat(offered.get("tcpemu run --q")).containsExactly("--quiet");
        assertThat(offered.get("tcpemu bench --h")).containsExactlyInAnyOrder("--help", "--hour");
        assertThat(offered.get("tcpemu completion ")).containsExactlyInAnyOrder("bash", "zsh");
    }

    /**
     * What zsh offers for each line, in one zsh: the script is loaded as {@code tcpemu completion zsh}
     * prints it, then the words are handed over as zsh's bashcompinit does on Tab
     * (COMP_CWORD = CURRENT - 1, compgen -F), and its answers are kept if they start with the word
     * typed, as zsh's compadd does.
     */
    static Map<String, List<String>> completeInZsh(String... lines) throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        assertThat(cmd.execute("completion", "zsh")).isZero();
        Path zshScript = Files.writeString(dir.resolve("tcpemu.zsh"), out.toString());
        String program = String.join("\n",
                "autoload -U +X compinit && compinit -u -d " + dir.resolve("zcompdump"),
                "source " + zshScript,
                "for line in \"$@\"; do",
                "  print -r -- \"LINE:$line\"",
                "  words=(${=line}); [[ \"$line\" == *' ' ]] && words+=('')",
                "  CURRENT=${#words[@]}",
                "  COMP_LINE=\"$line\"; COMP_POINT=${#line}; COMP_CWORD=$(( CURRENT - 1 )); COMP_WORDS=( \"${words[@]}\" )",
                "  compgen -F _complete_tcpemu -- \"${words[CURRENT]}\" | while read -r m; do",
                "    [[ \"$m\" == \"${words[CURRENT]}\"* ]] && print -r -- \"$m\"",
                "  done",
                "done",
                "print END");
        List<String> args = new ArrayList<>(List.of("zsh", "-f", "-c", program, "complete-test"));
        args.addAll(List.of(lines));
        Process zsh = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true).start();
        zsh.getOutputStream().close();
        String result = new String(zsh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(zsh.waitFor(30, TimeUnit.SECONDS)).as("zsh finished").isTrue();
        assertThat(result.strip()).as("zsh ran every line: " + result).endsWith("END");
        Map<String, List<String>> offered = new LinkedHashMap<>();
        List<String> current = null;
        for (String l : result.split("\n")) {
            if (l.startsWith("LINE:")) offered.put(l.substring(5), current = new ArrayList<>());
            else if (current != null && !l.isBlank() && !l.equals("END")) current.add(l.strip());
        }
        return offered;
    }

    /** Types each line (with \t for Tab) into an interactive bash with the script loaded; what tcpemu was called with. */
    static List<String> typeIntoBash(String... lines) throws Exception {
        Files.writeString(dir.resolve("inputrc"), "set bell-style none\n");
        String keys = "source " + script + "\n"
                + "tcpemu() { printf 'ARGS:%s\\n' \"$*\"; }\n"
                + String.join("", lines) + "exit\n";
        Process pty = new ProcessBuilder("script", "-q", "-c",
                "env PS1='$ ' INPUTRC=" + dir.resolve("inputrc") + " bash --norc --noprofile -i", "/dev/null")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        pty.getOutputStream().write(keys.getBytes(StandardCharsets.UTF_8));
        pty.getOutputStream().close();
        String out = new String(pty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pty.waitFor(30, TimeUnit.SECONDS)).as("bash finished").isTrue();
        return out.lines().map(l -> l.replace("\r", ""))
                .filter(l -> l.startsWith("ARGS:")).map(l -> l.substring(5).strip()).toList();
    }

    /**
     * What bash offers for {@code line} with the cursor at its end: the function bash has
     * registered for the line's first word ({@code complete -p}) is called as on Tab.
     */
    static List<String> complete(String line) throws Exception {
        String program = String.join("\n",
                "source " + script,
                "compopt() { :; }   # works only under readline's own completion; what it tunes is not the candidates",
                "COMP_LINE=\"$1\"; COMP_POINT=${#COMP_LINE}",
                "read -r -a COMP_WORDS <<< \"$COMP_LINE\"",
                "[[ \"$COMP_LINE\" == *' ' ]] && COMP_WORDS+=('')",
                "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))",
                "spec=$(complete -p \"${COMP_WORDS[0]}\") || exit 3",
                "fn=$(sed -E 's/.* -F ([^ ]+) .*/\\1/' <<< \"$spec\")",
                "\"$fn\" \"${COMP_WORDS[0]}\" \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"",
                "printf '%s\\n' \"${COMPREPLY[@]}\"");
        Process bash = new ProcessBuilder("bash", "-c", program, "complete-test", line)
                .directory(dir.toFile()).redirectErrorStream(true).start();
        bash.getOutputStream().close();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).as("bash finished").isTrue();
        assertThat(bash.exitValue()).as("bash: " + out).isZero();
        return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
