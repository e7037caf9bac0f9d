package io.tcpemu.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** The {@code tcpemu} command: subcommands run emulations, the console, scripts and benchmarks. */
@Command(name = "tcpemu", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Emulates TCP connection lifecycles on typed actors.",
        subcommands = {RunCommand.class, NodeCommand.class, io.tcpemu.repl.ReplCommand.class, io.tcpemu.pkt.PktCommand.class,
                io.tcpemu.bench.BenchCommand.class, CompletionCommand.class, ManCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success (every expectation holds)", "1:an expectation or a test failed",
                "2:the input is wrong: a file, an option, a missing subcommand",
                "3:a cluster run could not start or finish (nodes missing, refused or lost)", "130:interrupted (Ctrl-C)"})
public final class Main implements Callable<Integer> {
    static final int USAGE = 2;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** No subcommand: what there is to run, on stderr, and the usage exit status. */
    @Override public Integer call() {
        CommandLine cmd = spec.commandLine();
        cmd.getErr().println("tcpemu: missing a command, e.g. 'tcpemu run conf/handshake.conf'");
        cmd.usage(cmd.getErr());
        return USAGE;
    }

    /**
     * The command line, with a bad option or argument told in one line instead of the whole usage,
     * and on every subcommand the same --version and an Examples section in --help.
     */
    public static CommandLine commandLine() {
        CommandLine root = new CommandLine(new Main()).setParameterExceptionHandler(Main::oneLine);
        everyCommand(root);
        return root;
    }

    private static void everyCommand(CommandLine cmd) {
        CommandLine.Model.CommandSpec s = cmd.getCommandSpec();
        if (s.optionsMap().containsKey("--version")) s.versionProvider(new Version());
        Examples.addTo(cmd);
        cmd.getSubcommands().values().forEach(Main::everyCommand);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    private static int oneLine(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        String unknown = unknownCommand(e);
        cmd.getErr().println(name + ": " + (unknown != null ? unknown : io.tcpemu.console.PicocliWords.plain(e.getMessage()) + didYouMean(e)) + " (see '" + name + " --help')");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * A first word that names no command ("tcpemu rnu conf/x.conf"): picocli says "Unmatched
     * arguments from index 0" and lists every word, without suggesting one. Null for anything else.
     */
    private static String unknownCommand(CommandLine.ParameterException e) {
        CommandLine cmd = e.getCommandLine();
        String word = unknownHelpTopic(e);
        if (word == null) {
            if (!(e instanceof CommandLine.UnmatchedArgumentException u) || cmd.getSubcommands().isEmpty() || u.getUnmatched().isEmpty()) return null;
            word = u.getUnmatched().get(0);
        }
        if (word.startsWith("-")) return null;
        java.util.Set<String> commands = cmd.getSubcommands().keySet();
        String near = io.tcpemu.console.Suggest.closest(word, commands);
        return "unknown command '" + word + "'; " + (near != null ? "did you mean '" + near + "'? The" : "the")
                + " commands are " + String.join(", ", commands);
    }

    /**
     * "tcpemu help frob": picocli's help command throws "Unknown subcommand 'frob'." with the word
     * as its value and no option; the word, to be told as "tcpemu frob" tells it. Null for anything else.
     */
    private static String unknownHelpTopic(CommandLine.ParameterException e) {
        if (e.getArgSpec() != null || e.getValue() == null || e.getMessage() == null || !e.getMessage().startsWith("Unknown subcommand '")) return null;
        return e.getValue();
    }

    private static String didYouMean(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || u.getSuggestions().isEmpty()) return "";
        return "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
    }
}
