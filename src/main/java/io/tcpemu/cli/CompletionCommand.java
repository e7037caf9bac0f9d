package io.tcpemu.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code tcpemu completion bash|zsh}: the shell completion script, generated from the same picocli
 * model as the commands, so every subcommand and option completes (file arguments as files).
 * zsh gets the same script: it starts bash-style completion in zsh itself (bashcompinit).
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints the shell completion script for tcpemu: its subcommands, options and their values.",
                "Load it in the shell's start-up file; it completes both 'tcpemu' (on the PATH) and './tcpemu'."})
public final class CompletionCommand implements Callable<Integer> {
    /** The shells the script serves. */
    public enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @Spec CommandSpec spec;

    @Override public Integer call() {
        spec.commandLine().getOut().print(script(spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The script for {@code root}'s whole command tree; also registered for {@code ./tcpemu}, as the README calls it. */
    static String script(CommandLine root) {
        String name = root.getCommandName();
        return AutoComplete.bash(name, root)
                + "\n# the launcher as the README calls it, from the repository's folder\n"
                + "complete -F _complete_" + name + " -o default ./" + name + "\n";
    }
}
