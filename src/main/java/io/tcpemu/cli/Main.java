package io.tcpemu.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tcpemu} command: subcommands run emulations, the console, scripts and benchmarks. */
@Command(name = "tcpemu", mixinStandardHelpOptions = true, version = "tcpemu 0.1.0",
        description = "Emulates TCP connection lifecycles on typed actors.",
        subcommands = {CommandLine.HelpCommand.class, io.tcpemu.repl.ReplCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
