package io.tcpemu.repl;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.emulation.Emulation;
import io.tcpemu.config.Settings;
import io.tcpemu.console.CommandLanguage;
import io.tcpemu.console.ScriptRunner;
import io.tcpemu.console.Session;
import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.Topology;
import io.tcpemu.tcp.Profile;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code tcpemu repl [scenario.conf]}: the interactive console, or a console script without prompts. */
@Command(name = "repl", mixinStandardHelpOptions = true,
        description = {"Poke at TCP live: open connections, drop segments, step time and watch each side's state.",
                "Without a scenario: hosts a (10.0.0.1) and b (10.0.0.2), 5 ms apart, Linux defaults, virtual time.",
                "With --script, or standard input that is not a terminal, it runs the commands without prompts "
                        + "and exits with 1 on the first error."})
public final class ReplCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "a .conf file to start from (its script is played first)")
    Path scenario;

    @Option(names = "--script", paramLabel = "FILE", description = "run the console commands in FILE, one a line, then exit")
    Path script;

    @Option(names = "--no-echo", description = "with --script or piped input: do not print each command before its output")
    boolean noEcho;

    @Option(names = "--play", description = "play the scenario's whole script before the first prompt"
            + " (default: pause at time 0 and play it as you step or run, so you see it happen)")
    boolean play;

    @Option(names = "--history", paramLabel = "FILE", description = "where to keep the history (default ~/.tcpemu_history)")
    Path history = Path.of(System.getProperty("user.home"), ".tcpemu_history");

    @Option(names = "--partitions", paramLabel = "N", description = "run the emulation over N partitions (virtual time; N or auto)")
    String partitions;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "seed of the default network (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--real-time", paramLabel = "SCALE",
            description = "run the default network in real time, emulated time SCALE times faster than the wall clock (e.g. 100)")
    Double realTime;

    private final PrintStream out;
    private final PrintStream err;
    private final java.io.InputStream in;

    public ReplCommand() { this(System.in, System.out, System.err); }

    ReplCommand(java.io.InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override public Integer call() throws IOException {
        Settings settings;
        if (scenario != null) {
            List<io.tcpemu.config.FlagOverride> flags = partitions == null ? List.of()
                    : List.of(new io.tcpemu.config.FlagOverride("--partitions", "partitions", partitions));
            ConfigLoader.Result r = ConfigLoader.load(scenario, flags.stream().map(io.tcpemu.config.FlagOverride::override).toList());
            if (r instanceof ConfigLoader.Invalid invalid) {
                err.println(io.tcpemu.config.FlagOverride.message(invalid.problems(), flags));
                return 2;
            }
            settings = ((ConfigLoader.Loaded) r).settings();
        } else {
            settings = null;
        }
        boolean scripted = script != null || in != System.in || System.console() == null;
        EventSink events = new EventSink(scripted ? out::println : null);
        Emulation emulation;
        try {
            emulation = emulation(settings);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        try (Session session = new Session(emulation, events)) {
            session.scenario(settings);
            CommandLanguage language = new CommandLanguage(session);
            if (settings != null && !settings.script().isEmpty() && play) {
                ScriptRunner.Outcome o = new ScriptRunner(language, out::println).run(ScriptRunner.steps(settings.script()));
                if (!o.ok()) {
                    err.println("error: " + o.error());
                    if (scripted) return 1;
                }
            } else if (settings != null && !settings.script().isEmpty()) {
                java.io.PrintWriter writer = new java.io.PrintWriter(out, true);
                language.playAsTimePasses(ScriptRunner.steps(settings.script()), writer);
                writer.println("paused at " + io.tcpemu.runtime.fault.Durations.format(emulation.now()) + ": "
                        + language.scriptStepsPending() + " script steps to come as you 'step' or 'run' (--play plays them first)");
            }
            if (realTime != null && settings == null) emulation.clock().runFree(true);   // emulated time starts now, not at start-up
            if (scripted) return runScript(language);
            try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
                Console console = new Console(terminal, language, history);
                events.target = console::event;
                console.run();
            }
            return 0;
        }
    }

    private Emulation emulation(Settings settings) {
        if (settings != null) return Emulation.fromSettings(settings);
        if (realTime != null) return Emulation.realTime(defaultTopology(seed), seed, realTime, false); // runs once the console is up
        if (partitions != null) return Emulation.virtual(defaultTopology(seed), seed, partitionCount(partitions), Map.of(), io.tcpemu.emulation.HostPlacement.Load.NONE);
        return Emulation.virtual(defaultTopology(seed), seed);
    }

    /** "auto" (one per core) or a whole number of 1 or more. */
    static int partitionCount(String text) {
        if (text.trim().equalsIgnoreCase("auto")) return Math.max(1, Runtime.getRuntime().availableProcessors());
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException ignored) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("--partitions: expected a whole number of 1 or more, or auto; got '" + text + "'");
    }

    /** Two hosts a and b, 5 ms apart, with Linux's TCP defaults: enough to try every command. */
    public static Topology defaultTopology(long seed) {
        return Topology.builder().seed(seed)
                .host(HostSpec.of("a", "10.0.0.1", Profile.LINUX.config()))
                .host(HostSpec.of("b", "10.0.0.2", Profile.LINUX.config()))
                .link("a", "b", 5_000).build();
    }

    /** Runs lines from the script file or standard input; the first error ends it with exit code 1. */
    private int runScript(CommandLanguage language) throws IOException {
        String name = script != null ? script.toString() : "<stdin>";
        if (script != null && !Files.isRegularFile(script)) {
            err.println("error: no script file " + script);
            return 2;
        }
        try (Reader source = script != null ? Files.newBufferedReader(script) : new InputStreamReader(in, StandardCharsets.UTF_8);
             BufferedReader lines = new BufferedReader(source)) {
            String line;
            int number = 0;
            java.io.PrintWriter writer = new java.io.PrintWriter(out, true);
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.strip().equals("exit") || line.strip().equals("quit")) break;
                if (!noEcho && !line.isBlank()) writer.println(Console.PROMPT + line);   // a transcript: each command before its output
                String error = language.execute(line, writer);
                if (!error.isEmpty()) {
                    err.println(name + ":" + number + ": error: " + error);
                    return 1;
                }
            }
        }
        return 0;
    }

    /** Where event lines go: standard output in a script, above the prompt at the console. */
    private static final class EventSink implements Consumer<String> {
        volatile Consumer<String> target;

        EventSink(Consumer<String> target) { this.target = target; }

        @Override public void accept(String line) {
            Consumer<String> t = target;
            if (t != null) t.accept(line);
        }
    }

}
