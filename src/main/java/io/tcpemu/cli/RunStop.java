package io.tcpemu.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * What Ctrl-C does to {@code tcpemu run}: it asks the run to stop and holds the JVM's exit until
 * the results are written, so what was measured is kept. Before any emulation has started there
 * is nothing to keep: then it says so and lets the JVM go at once, rather than waiting for Pekko to
 * finish starting (a second or more on a loaded machine) only to write an empty folder.
 */
final class RunStop {
    /** The longest the exit waits for the results: a run that cannot finish writing must not hold the terminal for ever. */
    static final long WRITE_TIMEOUT_SECONDS = 30;

    /** How the exit waits for the results (a test counts the waits instead). */
    interface Wait { void forWritten(CountDownLatch written) throws InterruptedException; }

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch written = new CountDownLatch(1);
    private final PrintStream stderr;
    private final Wait wait;

    RunStop(PrintStream stderr) { this(stderr, w -> w.await(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS)); }

    RunStop(PrintStream stderr, Wait wait) {
        this.stderr = stderr;
        this.wait = wait;
    }

    /** The flag the run polls. */
    AtomicBoolean flag() { return stop; }

    /** A run's progress callback that also notes the emulation has started (a run reports time 0 once its emulation is up). */
    LongConsumer noting(LongConsumer progress) {
        return now -> {
            started.set(true);
            if (progress != null) progress.accept(now);
        };
    }

    /** Something is being measured from now on (a cluster run, whose nodes are already up). */
    void started() { started.set(true); }

    /** The results are written (or the run failed): the exit may go on. */
    void written() { written.countDown(); }

    /** Runs on the JVM's shutdown (Ctrl-C, SIGTERM): stops the run and waits for its results, if it has any. */
    void onSignal() {
        stop.set(true);
        if (!started.get()) {
            stderr.println("interrupted before the emulation started: nothing was measured, no results written");
            return;
        }
        try {
            wait.forWritten(written);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
