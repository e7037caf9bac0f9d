package io.tcpemu.console;

import io.tcpemu.runtime.ErrnoException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * The console's command language: one picocli command per verb, run against a {@link Session}.
 * The same lines work typed at the console, in a {@code --script} file and in a scenario's
 * timed {@code script}. Every mistake becomes one line naming the problem and a hint.
 */
public final class CommandLanguage {

    /** The outcome of one line: what it printed, and the error line if it failed (else empty). */
    public record Result(String output, String error) {
        public boolean ok() { return error.isEmpty(); }
    }

    @Command(name = "", mixinStandardHelpOptions = false,
            customSynopsis = "COMMAND [ARGUMENTS...]   ('help COMMAND' or 'COMMAND --help' for its options; 'exit' or Ctrl-D leaves)",
            description = "tcpemu console: open, break and watch TCP connections.",
            subcommands = {SessionCommands.Help.class, SessionCommands.History.class, SessionCommands.Clear.class,
                    SocketCommands.Listen.class, SocketCommands.Unlisten.class, SocketCommands.Accept.class, SocketCommands.Connect.class, SocketCommands.Write.class,
                    SocketCommands.Read.class, SocketCommands.Shutdown.class, SocketCommands.Close.class,
                    SocketCommands.Abort.class, SocketCommands.Setopt.class,
                    NetworkCommands.HostCommand.class, NetworkCommands.LinkCommand.class,
                    RuleCommands.RuleCommand.class, RuleCommands.Inject.class,
                    ShowCommands.Show.class, ShowCommands.LadderCommand.class, ShowCommands.Pcap.class,
                    TimeCommands.Step.class, TimeCommands.Run.class, TimeCommands.Now.class,
                    SessionCommands.Load.class, WorkloadCommands.WorkloadCommand.class,
                    SessionCommands.Quiet.class, SessionCommands.Normal.class, SessionCommands.Verbose.class})
    public static final class Root implements Runnable {
        private final Session session;
        private final CommandLanguage language;

        Root(Session session, CommandLanguage language) {
            this.session = session;
            this.language = language;
        }

        public Session session() { return session; }

        CommandLanguage language() { return language; }

        @Override public void run() { /* an empty line does nothing */ }
    }

    private final Session session;
    private final CommandLine commandLine;
    /** The error line of the command running now; picocli's handlers hand it over through here. */
    private String failure = "";
    /** The lines run so far, for 'history'; a front end with its own history (JLine's) replaces it. */
    private final List<String> lines = new java.util.ArrayList<>();
    private java.util.function.Supplier<List<String>> history = () -> List.copyOf(lines);
    /** What 'clear' does: nothing without a terminal. */
    private Runnable clearScreen = () -> { };
    /** A loaded scenario's script steps still to play, in time order: they run as the user lets time pass. */
    private final java.util.ArrayDeque<ScriptRunner.Step> pendingScript = new java.util.ArrayDeque<>();
    private CommandLanguage scriptLanguage;

    public CommandLanguage(Session session) {
        this.session = session;
        this.commandLine = new CommandLine(new Root(session, this));
        Candidates.current = session;
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // 'step -5s' is a (wrong) duration, not an unknown option: let it reach the duration check
        for (String timed : List.of("step", "run")) commandLine.getSubcommands().get(timed).setUnmatchedOptionsArePositionalParams(true);
        commandLine.setParameterExceptionHandler(this::onBadParameters);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            failure = oneLine(e);
            return 1;
        });
    }

    public Session session() { return session; }

    /** The front end's history for 'history' (the console's, kept across sessions). */
    public void history(java.util.function.Supplier<List<String>> source) { history = source; }

    /** How the front end clears its screen for 'clear'. */
    public void clearScreen(Runnable clear) { clearScreen = clear; }

    List<String> history() { return history.get(); }

    /**
     * Holds a scenario's script to play as time passes ('step', 'run'), so the user watches it
     * happen instead of finding it over; steps due now run at once, printing to {@code out}.
     */
    public void playAsTimePasses(List<ScriptRunner.Step> steps, PrintWriter out) {
        pendingScript.clear();
        steps.stream().sorted(java.util.Comparator.comparingLong(ScriptRunner.Step::at)).forEach(pendingScript::add);
        playDue(out);
    }

    /** Script steps still to play. */
    public int scriptStepsPending() { return pendingScript.size(); }

    /** When the next script step is due, or Long.MAX_VALUE when none is. */
    long nextScriptStep() { return pendingScript.isEmpty() ? Long.MAX_VALUE : pendingScript.peekFirst().at(); }

    /** Runs the script steps due at the current time, each echoed with its time and place. */
    void playDue(PrintWriter out) {
        while (!pendingScript.isEmpty() && pendingScript.peekFirst().at() <= session.emulation().now()) {
            ScriptRunner.Step step = pendingScript.pollFirst();
            out.println("script " + io.tcpemu.runtime.fault.Durations.format(step.at())
                    + (step.where().isEmpty() ? "" : " (" + step.where() + ")") + ": " + step.command());
            out.flush();
            String error = executeNested(step.command(), out);
            if (!error.isEmpty()) out.println("error: " + error);
            out.flush();
        }
    }

    /**
     * A script step, run from inside a time command: by a language of its own, as 'load' plays a
     * script, because picocli's command objects are in use by the command running now.
     */
    private String executeNested(String line, PrintWriter out) {
        if (scriptLanguage == null) scriptLanguage = new CommandLanguage(session);
        return scriptLanguage.execute(line, out);
    }

    void clearScreen() { clearScreen.run(); }

    /** The picocli model, for completion and help. */
    public CommandLine commandLine() { return commandLine; }

    /** The command names, for completion and suggestions. */
    public List<String> commandNames() { return List.copyOf(commandLine.getSubcommands().keySet()); }

    /** Runs one line; never throws for anything the user typed or the emulation refused. */
    public Result execute(String line) {
        StringWriter out = new StringWriter();
        String error = execute(line, new PrintWriter(out, true));
        return new Result(out.toString(), error);
    }

    /**
     * Runs one line, printing its output to {@code out} as it goes (so it interleaves with event
     * lines in the order things happen); returns the error line, or "" if it succeeded.
     */
    public synchronized String execute(String line, PrintWriter out) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) return "";
        lines.add(trimmed);
        try {
            List<String> words = Args.words(trimmed);
            commandLine.setOut(out);
            commandLine.setErr(out);
            failure = "";
            commandLine.execute(words.toArray(String[]::new));
            session.settle();
            return failure;
        } catch (RuntimeException e) {
            session.settle();
            return oneLine(e);
        } finally {
            out.flush();
        }
    }

    /**
     * Checks a script's line before anything runs (a scenario's script is checked before its run
     * starts): it reads as a command, and the connection it acts on was named by an earlier line.
     * {@code named} holds the names earlier lines gave, and gets this line's. Returns the error
     * line, or "" if the line is fine.
     */
    public synchronized String check(String line, java.util.Set<String> named) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) return "";
        try {
            CommandLine.ParseResult parsed = commandLine.parseArgs(Args.words(trimmed).toArray(String[]::new));
            return parsed.subcommand() == null ? "" : ScriptNames.check(parsed.subcommand().commandSpec().userObject(), named, session);
        } catch (ParameterException e) {
            return describe(e);
        } catch (RuntimeException e) {
            return oneLine(e);
        }
    }

    /** The connection a line acts on ("close c1" gives "c1"), or null when it names none or cannot be read. */
    public synchronized String connectionOf(String line) {
        try {
            CommandLine.ParseResult parsed = commandLine.parseArgs(Args.words(line.strip()).toArray(String[]::new));
            return parsed.subcommand() == null ? null : ScriptNames.used(parsed.subcommand().commandSpec().userObject());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private int onBadParameters(ParameterException e, String[] args) {
        failure = describe(e);
        return 2;
    }

    private String describe(ParameterException e) {
        CommandLine where = e.getCommandLine();
        boolean atRoot = where == commandLine;
        if (e instanceof UnmatchedArgumentException u && atRoot && !u.getUnmatched().isEmpty()) {
            String word = u.getUnmatched().get(0);
            String near = Suggest.closest(word, commandNames());
            return "unknown command '" + word + "'" + (near != null ? " — did you mean '" + near + "'?" : "") + " (type 'help')";
        }
        String name = where.getCommandSpec().qualifiedName(" ").strip();   // 'rule rm', not 'rm'
        String hint = atRoot ? " (type 'help')" : " — see 'help " + name + "'";
        if (e.getCause() instanceof WholeNumbers.Refused refused && e.getArgSpec() != null) {
            return "bad " + argumentName(e.getArgSpec()) + " '" + e.getValue() + "' — " + refused.getMessage() + hint;
        }
        String message = PicocliWords.plain(e.getMessage()).replace("\n", " ").strip();
        return message + hint;
    }

    /** How the help names an argument: an option by its long name, a parameter by its label. */
    private static String argumentName(CommandLine.Model.ArgSpec arg) {
        return arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel();
    }

    /** One line for any failure: the user's mistakes as they are, anything else with its kind. */
    static String oneLine(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof CommandLine.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "" : t.getMessage().replace("\n", "; ").strip();
        if (t instanceof ConsoleError || t instanceof ErrnoException || t instanceof IllegalArgumentException) return message;
        return t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
