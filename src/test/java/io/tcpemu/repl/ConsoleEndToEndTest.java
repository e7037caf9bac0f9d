package io.tcpemu.repl;

import io.tcpemu.console.CommandLanguage;
import io.tcpemu.console.Session;
import io.tcpemu.emulation.Emulation;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Types a short session into the real console over a dumb terminal and reads the screen. */
class ConsoleEndToEndTest {

    @Test
    void a_dropped_final_ack_the_repeated_fin_and_time_wait_expiring(@TempDir Path dir) throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keyboard, 1 << 16);
        ByteArrayOutputStream screen = new Screen();
        Path history = dir.resolve("history");
        AtomicReference<Consumer<String>> printer = new AtomicReference<>(l -> { });
        try (Terminal terminal = TerminalBuilder.builder().system(false).streams(in, screen).type("dumb").dumb(true)
                .encoding(StandardCharsets.UTF_8).build();
             Session session = new Session(Emulation.virtual(ReplCommand.defaultTopology(1), 1), l -> printer.get().accept(l))) {
            Console console = new Console(terminal, new CommandLanguage(session), history);
            printer.set(console::event);
            Thread typing = new Thread(() -> type(keyboard, screen,
                    "listen b:80",
                    "connect a b:80",
                    "step 20ms",
                    "rule add drop next ack in TIME-WAIT from a",
                    "close c1",
                    "run until b.conn1 is CLOSE-WAIT",
                    "close b.conn1",
                    "conect a b:80",
                    "run until b.conn1 is CLOSED",
                    "show",
                    "step 61s",
                    "show host a"));
            typing.start();
            console.run();
            typing.join();
        }
        String text = screen.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("tcpemu> ");
        assertThat(text).contains("a c1 CLOSED -> SYN-SENT", "a c1 SYN-SENT -> ESTABLISHED", "b b.conn1 SYN-RECEIVED -> ESTABLISHED");
        assertThat(text).contains("a c1 FIN-WAIT-1 -> TIME-WAIT"); // b closed at once: its FIN carried the delayed ACK
        assertThat(text).containsPattern("a->b DROPPED 10\\.0\\.0\\.1:\\d+ > 10\\.0\\.0\\.2:80 \\[\\.\\].*rule drop 1st ack in TIME-WAIT from a");
        assertThat(text).containsPattern("b sent 10\\.0\\.0\\.2:80 > 10\\.0\\.0\\.1:\\d+ \\[F\\.\\].*\\(retransmission\\)");
        assertThat(text).contains("b b.conn1 LAST-ACK -> CLOSED");
        assertThat(text).contains("error: unknown command 'conect' — did you mean 'connect'? (type 'help')");
        assertThat(text).containsPattern("c1 +a +10\\.0\\.0\\.1:\\d+<->10\\.0\\.0\\.2:80 +TIME-WAIT");
        assertThat(text).contains("a c1 TIME-WAIT -> CLOSED  (2MSL timeout)");
        assertThat(text).doesNotContain("Exception");
        assertThat(Files.readString(history)).contains("connect a b:80").contains("step 61s");
    }

    /** Types each line once the prompt for it is on the screen, as a person would; then Ctrl-D (end of input). */
    private static void type(PipedOutputStream keyboard, ByteArrayOutputStream screen, String... lines) {
        try (keyboard) {
            for (int i = 0; i < lines.length; i++) {
                waitForPrompts(screen, i + 1);
                keyboard.write((lines[i] + "\n").getBytes(StandardCharsets.UTF_8));
                keyboard.flush();
            }
            waitForPrompts(screen, lines.length + 1);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the screen shows {@code count} prompts: woken by each write to it, not by a timer.
     * The minute is only a bound so a console that stops prompting fails the assertions instead of hanging.
     */
    private static void waitForPrompts(ByteArrayOutputStream screen, int count) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        synchronized (screen) {
            long left;
            while (prompts(screen.toString(StandardCharsets.UTF_8)) < count && (left = deadline - System.nanoTime()) > 0) {
                try {
                    screen.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A screen that wakes whoever waits for it whenever the console writes to it. */
    private static final class Screen extends ByteArrayOutputStream {
        @Override public synchronized void write(int b) {
            super.write(b);
            notifyAll();
        }

        @Override public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            notifyAll();
        }
    }

    private static int prompts(String text) {
        int n = 0;
        for (int at = text.indexOf(Console.PROMPT); at >= 0; at = text.indexOf(Console.PROMPT, at + 1)) n++;
        return n;
    }
}
