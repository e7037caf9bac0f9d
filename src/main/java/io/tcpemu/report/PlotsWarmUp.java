package io.tcpemu.report;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Draws one tiny chart on a background thread while a run is still going. The first chart a JVM
 * draws loads Java2D, its fonts and XChart: about half a second on an idle machine, several
 * under load. Paid at the end of a run it delayed the results, and after Ctrl-C it was most of
 * the wait before the prompt came back; paid during the run it costs the emulation's thread nothing.
 */
public final class PlotsWarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private PlotsWarmUp() {}

    /** Starts the warm-up once per JVM; later calls do nothing. */
    public static void startInBackground() {
        if (!STARTED.compareAndSet(false, true)) return;
        Thread t = new Thread(() -> drawOne(), "tcpemu-plots-warm-up");
        t.setDaemon(true);   // never keeps the JVM alive
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static Series series(String name) { return new Series(name, new long[] {0, 1}, new double[] {0, 1}); }

    /** Draws a two-sample chart as PNG and SVG and throws it away; false if it could not. */
    static boolean drawOne() {
        try {
            var chart = Plots.hostOccupancy("warm-up", series("ESTABLISHED"), series("TIME-WAIT"), series("ports in use"));
            return Plots.png(chart).length > 0 && !Plots.svg(chart).isEmpty();
        } catch (RuntimeException | LinkageError e) {
            return false;   // a machine without fonts fails here and again, with its reason, when the run writes its plots
        }
    }
}
