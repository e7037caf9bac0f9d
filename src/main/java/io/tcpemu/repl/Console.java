package io.tcpemu.repl;

import io.tcpemu.console.CommandLanguage;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

import java.nio.file.Path;

/**
 * The interactive console on a JLine terminal: a prompt with history and tab completion, the
 * command language behind it, and the emulation's events printed above the line being typed.
 * Ctrl-C drops the current line, Ctrl-D (or 'exit') leaves.
 */
public final class Console {
    static final String PROMPT = "tcpemu> ";

    private final Terminal terminal;
    private final CommandLanguage language;
    private final LineReader reader;

    public Console(Terminal terminal, CommandLanguage language, Path historyFile) {
        this.terminal = terminal;
        this.language = language;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("tcpemu")
                .completer(completer(language))
                .parser(new DefaultParser())
                .variable(LineReader.HISTORY_FILE, historyFile)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        language.history(() -> {
            java.util.List<String> lines = new java.util.ArrayList<>();
            reader.getHistory().forEach(entry -> lines.add(entry.line()));
            return lines;
        });
        language.clearScreen(() -> {
            terminal.puts(org.jline.utils.InfoCmp.Capability.clear_screen);
            terminal.flush();
        });
    }

    /**
     * Completion from the picocli model: commands, options, enum values, host names and
     * connection ids. Our own completer rather than picocli-shell-jline3's registry, whose
     * completer offers nothing for positional parameters (most of a console line).
     */
    static Completer completer(CommandLanguage language) {
        return new CommandCompleter(language.commandLine());
    }

    /** What the session's event printer should call: prints above the prompt without breaking the typed line. */
    public void event(String line) {
        reader.printAbove(new AttributedString(line, AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN)).toAnsi(terminal));
    }

    /** Reads and runs lines until Ctrl-D or 'exit'. */
    public void run() {
        terminal.writer().println("tcpemu console — 'help' lists the commands, Tab completes, Ctrl-D leaves.");
        terminal.flush();
        while (true) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            if (line.strip().equals("exit") || line.strip().equals("quit")) break;
            String error = interruptible(() -> language.execute(line, terminal.writer()));
            if (!error.isEmpty()) {
                terminal.writer().println(new AttributedString("error: " + error,
                        AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)).toAnsi(terminal));
            }
            terminal.flush();
        }
        saveHistory();
    }

    /** Runs a command so that Ctrl-C stops it (a long 'run' stops the clock where it is) instead of the JVM. */
    private String interruptible(java.util.function.Supplier<String> command) {
        Thread me = Thread.currentThread();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> me.interrupt());
        try {
            return command.get();
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            Thread.interrupted();
        }
    }

    private void saveHistory() {
        try {
            reader.getHistory().save();
        } catch (java.io.IOException | RuntimeException e) {
            terminal.writer().println("could not save the history: " + e.getMessage());
        }
    }

    public LineReader reader() { return reader; }
}
