package io.tcpemu.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tcpemu man [COMMAND]}: the manual page, in AsciiDoc, generated from the same picocli model
 * as the commands and their --help (picocli-codegen's ManPageGenerator), so it cannot drift from them.
 */
@Command(name = "man", mixinStandardHelpOptions = true,
        description = {"Prints the manual page of tcpemu or one of its commands, in AsciiDoc (asciidoctor -b manpage makes troff of it).",
                "With --dir, writes one page per command instead: tcpemu.adoc, tcpemu-run.adoc, ..."})
public final class ManCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "COMMAND", completionCandidates = Commands.class,
            description = "the command whose page to print: ${COMPLETION-CANDIDATES} (default: tcpemu itself)")
    String command;

    @Option(names = "--dir", paramLabel = "DIR", description = "write every page into DIR (created if missing) instead of printing one")
    Path dir;

    @Spec CommandSpec spec;

    /** The subcommands of tcpemu that have a page, for completion and the description. */
    static final class Commands extends ArrayList<String> {
        Commands() { super(List.of("run", "node", "repl", "pkt", "bench", "completion", "man")); }
    }

    @Override public Integer call() throws IOException {
        CommandLine root = spec.root().commandLine();
        PrintWriter out = spec.commandLine().getOut();
        if (dir != null) {
            if (command != null) throw new CommandLine.ParameterException(spec.commandLine(), "give COMMAND or --dir, not both");
            if (Files.exists(dir) && !Files.isDirectory(dir))
                throw new CommandLine.ParameterException(spec.commandLine(), "--dir " + dir + ": is a file; expected a folder");
            Files.createDirectories(dir);
            // the generator walks the subcommands itself: one page each, help's too
            int code = ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], true, root.getCommandSpec());
            out.println("man pages (AsciiDoc) written to " + dir);
            out.flush();
            return code;
        }
        CommandLine page = command == null ? root : root.getSubcommands().get(command);
        if (page == null || page.getCommandSpec().usageMessage().hidden() || command != null && command.equals("help"))
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no page for '" + command + "'; expected one of " + String.join(", ", new Commands()));
        ManPageGenerator.writeSingleManPage(out, page.getCommandSpec());
        out.flush();
        return 0;
    }
}
