package io.tcpemu.cluster;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Output a test can wait on: what a process or a command printed so far, and a wait (no sleep)
 * that ends as soon as a text shows up, or fails after a generous time saying what was printed.
 */
public final class WatchedOutput extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override public synchronized void write(int b) {
        bytes.write(b);
        notifyAll();
    }

    @Override public synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
        notifyAll();
    }

    public PrintStream printStream() { return new PrintStream(this, true, StandardCharsets.UTF_8); }

    public synchronized String text() { return bytes.toString(StandardCharsets.UTF_8); }

    /** Copies a process's output here on a thread of its own. */
    public WatchedOutput follow(InputStream in, String name) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(this);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return this;
    }

    /** Ends every wait at once (what the waits wait on has ended), each then checking its text one last time. */
    public synchronized void wake() {
        ended = true;
        notifyAll();
    }

    private boolean ended;

    /** Waits until the output holds {@code text} and returns the output; fails when it does not by {@code atMost}, or by {@link #wake}. */
    public synchronized String await(String text, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!text().contains(text)) {
            if (ended) throw new AssertionError("no \"" + text + "\" before the command ended; printed:\n" + text());
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("no \"" + text + "\" within " + atMost.toSeconds() + " s; printed:\n" + text());
            wait(Math.max(1, left / 1_000_000));
        }
        return text();
    }
}
