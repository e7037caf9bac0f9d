package io.tcpemu.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tcpemu} command: subcommands run emulations, the console, scripts and benchmarks. */
@Command(name = "tcpemu", mixinStandardHelpOptions = true, version = "tcpemu 0.1.0",
        description = "Emulates TCP connection lifecycles on typed actors.",
        subcommands = {RunCommand.class, io.tcpemu.repl.ReplCommand.class, io.tcpemu.pkt.PktCommand.class,
                io.tcpemu.bench.BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    /** The command line, with a bad option or argument told in one line instead of the whole usage. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setParameterExceptionHandler(Main::oneLine);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    private static int oneLine(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + e.getMessage() + didYouMean(e) + " (see '" + name + " --help')");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String didYouMean(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || u.getSuggestions().isEmpty()) return "";
        return "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
    }
}
