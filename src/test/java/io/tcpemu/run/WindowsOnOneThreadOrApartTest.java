package io.tcpemu.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.Settings;
import io.tcpemu.time.VirtualClock;
import io.tcpemu.workload.WorkloadRun;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Windows over 2 partitions run on one thread (the barrier's thread runs every partition's window
 * in turn, the others lent to it) or apart (each on its own thread at once), as the work in them
 * decides; forced either way, the trace is the one of a single partition, event for event.
 */
class WindowsOnOneThreadOrApartTest {
    /** The property {@code time.WindowRelay} reads as each drive begins: wall µs of work per window from which two partitions run apart. */
    private static final String APART_MICROS = "tcpemu.time.apart-micros";

    static final String CONF = """
            seed = 11
            duration = 2s
            hosts { s { address = "10.0.0.1" }, c0 { address = "10.0.1.1" }, c1 { address = "10.0.1.2" } }
            links = [ { between = [c0, s], delay = 50us }, { between = [c1, s], delay = 120us, loss = 0.05 } ]
            workload {
              clients = [c0, c1]
              server = "s:80"
              arrival { process = poisson, rate = 2000 }
              connections = 500
              close = client-first
            }
            """;

    @Test
    void windows_run_on_one_thread_or_apart_give_the_trace_of_one_partition() {
        RunResult one = run("partitions=1");
        assertThat(one.requestsServed()).isGreaterThan(400);
        RunResult together = forcing(Long.MAX_VALUE / 1000, () -> run("partitions=2"));
        RunResult apart = forcing(0, () -> run("partitions=2"));
        assertThat(together.traceHash()).as("on one thread").isEqualTo(one.traceHash());
        assertThat(apart.traceHash()).as("apart").isEqualTo(one.traceHash());
        RunResult apartOn3 = forcing(0, () -> run("partitions=3"));
        assertThat(apartOn3.traceHash()).as("apart, 3 partitions").isEqualTo(one.traceHash());
        RunResult windowByWindow = forcing(0, () -> withProperty("tcpemu.time.horizons", "false", () -> run("partitions=2")));
        assertThat(windowByWindow.traceHash()).as("apart, a barrier after each window").isEqualTo(one.traceHash());
        assertThat(together.metrics().counters()).isEqualTo(one.metrics().counters());
        assertThat(apart.metrics().counters()).isEqualTo(one.metrics().counters());
    }

    @Test
    void the_windows_stats_say_how_many_ran_apart_and_how_many_hand_offs_they_cost() {
        VirtualClock.WindowStats together = forcing(Long.MAX_VALUE / 1000, this::windowStats);
        assertThat(together.windows()).isGreaterThan(100);
        // forced onto one thread: all but the first window of a drive, which the driver's thread starts on the partitions' own threads
        assertThat(together.windowsApart()).isLessThan(together.windows() / 10);
        assertThat(together.handOffs()).isPositive().isLessThan(together.windows() / 10);

        VirtualClock.WindowStats apart = forcing(0, this::windowStats);
        // (not always as many windows: a window may end a little sooner when a partition is caught taking a hand-over)
        assertThat(apart.windows()).isGreaterThan(100);
        // each run apart in an epoch of up to 32 lookaheads without a barrier (time.Horizons), counted as one window
        assertThat(apart.windowsApart()).as("forced apart: every window with work on both sides").isGreaterThan(apart.windows() / 40);
        assertThat(apart.handOffs()).as("at least one thread woken for each").isGreaterThanOrEqualTo(apart.windowsApart());
    }

    /** The window protocol's figures of the workload played as the benchmark plays it, over 2 partitions. */
    private VirtualClock.WindowStats windowStats() {
        try (WorkloadRun run = WorkloadRun.startUntraced(settings("partitions=2"))) {
            assertThat(run.awaitResult().requestsServed()).isGreaterThan(400);
            return run.clock().windowStats();
        }
    }

    static RunResult run(String... sets) {
        return Runner.run(settings(sets), "", Runner.Options.quiet());
    }

    static Settings settings(String... sets) {
        return ((ConfigLoader.Loaded) ConfigLoader.parse(CONF, "apart.conf", List.of(sets))).settings();
    }

    private static <T> T forcing(long apartMicros, Supplier<T> body) {
        return withProperty(APART_MICROS, Long.toString(apartMicros), body);
    }

    static <T> T withProperty(String name, String value, Supplier<T> body) {
        String was = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return body.get();
        } finally {
            if (was == null) System.clearProperty(name);
            else System.setProperty(name, was);
        }
    }
}
