package io.tcpemu.cli;

import io.tcpemu.config.Settings;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * A progress bar on stderr, in emulated time, shown only once a run has taken a couple of
 * seconds of wall-clock time and only on a terminal (the wall clock decides only whether to show it).
 */
final class Progress {
    private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean enabled;
    private boolean shown;

    private Progress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static Progress forRun(Settings s, PrintStream err) {
        return new Progress(err, RunCommand.showsProgress(s.output().progress(), false));
    }

    /** No bar: several runs at once would draw over each other. */
    static Progress off(PrintStream err) {
        return new Progress(err, false);
    }

    /** A progress callback for one run of {@code duration} emulated microseconds. */
    LongConsumer step(String label, long duration) {
        if (!enabled) return null;
        long start = System.nanoTime();
        return now -> {
            if (System.nanoTime() - start < SHOW_AFTER_NANOS) return;
            shown = true;
            double f = duration <= 0 ? 1 : Math.min(1, (double) now / duration);
            int filled = (int) Math.round(f * WIDTH);
            err.printf(Locale.ROOT, "\r%s[%s%s] %3.0f%% %.1fs emulated", label.isEmpty() ? "" : label + " ",
                    "#".repeat(filled), " ".repeat(WIDTH - filled), 100 * f, now / 1e6);
            err.flush();
        };
    }

    /** Ends the bar's line, if one was drawn. */
    void done() {
        if (!shown) return;
        err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
        err.flush();
        shown = false;
    }
}
