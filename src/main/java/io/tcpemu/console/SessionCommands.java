package io.tcpemu.console;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.Settings;
import io.tcpemu.emulation.Emulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The session itself: help, history, the screen, load a scenario, how much to show. */
final class SessionCommands {
    private SessionCommands() {}

    @Command(name = "help", mixinStandardHelpOptions = true,
            description = "Show the commands, or one command's help: 'help run', 'help rule add'.")
    static final class Help extends SessionCommand implements Candidates.Grammar {
        @Parameters(arity = "0..*", paramLabel = "COMMAND") List<String> words = List.of();

        @Override void run() {
            picocli.CommandLine target = spec.root().commandLine();
            for (String w : words) {
                picocli.CommandLine next = target.getSubcommands().get(w);
                if (next == null) {
                    List<String> known = List.copyOf(target.getSubcommands().keySet());
                    String near = Suggest.closest(w, known);
                    String where = target == spec.root().commandLine() ? "" : " in '" + target.getCommandName() + "'";
                    throw new ConsoleError("no command '" + w + "'" + where, near != null ? "did you mean '" + near + "'?"
                            : "one of: " + String.join(", ", known));
                }
                target = next;
            }
            target.usage(out());
        }

        /** Command names, then the subcommands of the command typed. */
        @Override public List<String> next(List<String> before) {
            picocli.CommandLine target = spec.root().commandLine();
            for (String w : before) {
                target = target.getSubcommands().get(w);
                if (target == null) return List.of();
            }
            return List.copyOf(target.getSubcommands().keySet());
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "The commands typed so far, numbered.")
    static final class History extends SessionCommand {
        @Override void run() {
            List<String> lines = language().history();
            int width = String.valueOf(lines.size()).length();
            for (int i = 0; i < lines.size(); i++) out().printf("%" + width + "d  %s%n", i + 1, lines.get(i));
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Clear the screen (Ctrl-L too).")
    static final class Clear extends SessionCommand {
        @Override void run() { language().clearScreen(); }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Start over with a scenario file's hosts, links and rules, then play its script.")
    static final class Load extends SessionCommand {
        @Parameters(index = "0", paramLabel = "FILE") Path file;
        @Option(names = "--no-script", description = "do not play the file's script") boolean noScript;

        @Override void run() {
            Session s = session();
            Settings settings = settings(file);
            s.replace(Emulation.fromSettings(settings));
            s.scenario(settings);
            out().println("loaded " + file + ": hosts " + String.join(", ", s.emulation().hostNames())
                    + "; links " + String.join(", ", s.emulation().links().keySet()));
            if (noScript || settings.script().isEmpty()) return;
            ScriptRunner.Outcome o = new ScriptRunner(new CommandLanguage(s), out()::println).run(ScriptRunner.steps(settings.script()));
            if (!o.ok()) throw new ConsoleError(o.error());
            out().println("played " + o.stepsRun() + " script steps");
        }

        static Settings settings(Path file) {
            if (!Files.isRegularFile(file)) throw new ConsoleError("no file " + file, "give the path of a .conf scenario, e.g. conf/handshake.conf");
            ConfigLoader.Result r = ConfigLoader.load(file, List.of());
            if (r instanceof ConfigLoader.Invalid invalid) {
                int n = invalid.problems().size();
                throw new ConsoleError(invalid.problems().get(0) + (n > 1 ? " (and " + (n - 1) + " more problems)" : ""),
                        "fix the file and 'load' it again");
            }
            return ((ConfigLoader.Loaded) r).settings();
        }
    }

    @Command(name = "quiet", mixinStandardHelpOptions = true, description = "Show only connects, resets, timeouts and failed calls.")
    static final class Quiet extends SessionCommand {
        @Override void run() { session().verbosity(Verbosity.QUIET); }
    }

    @Command(name = "normal", mixinStandardHelpOptions = true, description = "Show state changes, segments sent, drops and timeouts (the default).")
    static final class Normal extends SessionCommand {
        @Override void run() { session().verbosity(Verbosity.NORMAL); }
    }

    @Command(name = "verbose", mixinStandardHelpOptions = true, description = "Show everything: deliveries, timers, socket calls too.")
    static final class Verbose extends SessionCommand {
        @Override void run() { session().verbosity(Verbosity.VERBOSE); }
    }
}
