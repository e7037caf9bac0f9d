package io.tcpemu.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tcpemu.console.WorkloadStartPartitionsTest;
import io.tcpemu.emulation.Emulation;
import io.tcpemu.emulation.HostPlacement;
import io.tcpemu.runtime.Link;
import io.tcpemu.runtime.Topology;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.time.PartitionFailure;
import io.tcpemu.time.VirtualClock;
import io.tcpemu.workload.WorkloadRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Windows kept on one thread run in turn there without the whole barrier between two of them
 * (only what crossed is handed over; the hooks and the trace's merge come once every 32
 * lookaheads or when something needs them): forced so over 2 and 3 partitions, the trace is the
 * one of a single partition, a workload started and stopped by a script at a held instant
 * included, and a partition that fails ends the run with its one line, its window's end.
 */
class WindowsInTurnTest {
    /** Wall µs of work per window from which two partitions run apart (time.WindowRelay): huge, never. */
    private static final String APART_MICROS = "tcpemu.time.apart-micros";
    /** false: every window on one thread ends with the whole barrier, as before (time.Windows). */
    private static final String IN_TURN = "tcpemu.time.in-turn";

    @Test
    void windows_run_in_turn_over_2_and_3_partitions_give_the_trace_of_one() {
        RunResult one = run("partitions=1");
        assertThat(one.requestsServed()).isGreaterThan(400);
        for (int n : List.of(2, 3)) {
            RunResult inTurn = onOneThread(() -> run("partitions=" + n));
            assertThat(inTurn.traceHash()).as("in turn, " + n + " partitions").isEqualTo(one.traceHash());
            assertThat(inTurn.metrics().counters()).isEqualTo(one.metrics().counters());
        }
        RunResult eachBarrier = onOneThread(() -> withProperty(IN_TURN, "false", () -> run("partitions=2")));
        assertThat(eachBarrier.traceHash()).as("a barrier after each window").isEqualTo(one.traceHash());
    }

    @Test
    void windows_in_turn_share_a_barrier_and_without_them_each_has_its_own() {
        VirtualClock.WindowStats inTurn = onOneThread(this::windowStats);
        assertThat(inTurn.windows()).isGreaterThan(100);
        assertThat(inTurn.barriers()).as("one barrier for many windows").isPositive().isLessThan(inTurn.windows() / 4);
        VirtualClock.WindowStats each = onOneThread(() -> withProperty(IN_TURN, "false", this::windowStats));
        assertThat(each.barriers()).isEqualTo(each.windows());
    }

    @Test
    void a_scripts_workload_start_and_stop_in_turn_over_2_and_3_partitions_give_the_run_of_1() {
        RunResult one = WorkloadStartPartitionsTest.run(1);
        assertThat(one.failures()).isEmpty();
        assertThat(one.events().size()).isGreaterThan(10_000);
        for (int n : List.of(2, 3)) {
            RunResult many = onOneThread(() -> WorkloadStartPartitionsTest.run(n));
            assertThat(many.failures()).as(n + " partitions").isEmpty();
            assertThat(many.events()).as(n + " partitions").hasSameSizeAs(one.events());
            assertThat(many.traceHash()).as(n + " partitions").isEqualTo(one.traceHash());
        }
    }

    @Test
    void a_partition_that_fails_in_turn_ends_the_run_naming_partition_link_and_time() {
        Topology t = Topology.builder().seed(3)
                .host("a", "10.0.0.1", TcpConfig.defaults())
                .host("b", "10.0.0.2", TcpConfig.defaults())
                .link("a", "b", 5_000).rule("a", "b", "drop rst").build();
        onOneThread(() -> {
            try (Emulation emu = Emulation.virtual(t, 1, 2, Map.of("a", 0, "b", 1), HostPlacement.Load.NONE)) {
                // work on both sides every millisecond, so windows run in turn long before the crash
                for (String h : List.of("a", "b")) {
                    var system = emu.systemOf(h);
                    system.scheduler().scheduleAtFixedRate(Duration.ofMillis(1), Duration.ofMillis(1), () -> { }, system.executionContext());
                }
                var a = emu.systemOf("a");
                // the rule table cannot read a missing segment: the link's sending end crashes at 250 ms, inside a drive
                a.scheduler().scheduleOnce(Duration.ofMillis(250), () -> emu.link("a", "b").tell(new Link.Transmit(null, State.CLOSED, 0)),
                        a.executionContext());
                VirtualClock.WindowStats before = emu.clock().windowStats();
                assertThatThrownBy(() -> emu.advance(TcpConfig.SECOND))
                        .isInstanceOf(PartitionFailure.class)
                        .hasMessageStartingWith("partition 0 failed: link a->b crashed at 0.250000 s emulated (java.lang.NullPointerException")
                        .hasMessageEndingWith("; the run ends with what was measured until then")
                        .hasMessageNotContaining("\n");
                // the window it happened in ended, and no other began
                assertThat(emu.now()).isBetween(250_000L, 250_000L + 5_000 - 1);
                VirtualClock.WindowStats after = emu.clock().windowStats();
                assertThat(after.barriers() - before.barriers()).as("run in turn").isLessThan((after.windows() - before.windows()) / 4);
            }
            return null;
        });
    }

    /** The workload played as the benchmark plays it, over 2 partitions: the window protocol's figures. */
    private VirtualClock.WindowStats windowStats() {
        try (WorkloadRun run = WorkloadRun.startUntraced(WindowsOnOneThreadOrApartTest.settings("partitions=2"))) {
            assertThat(run.awaitResult().requestsServed()).isGreaterThan(400);
            return run.clock().windowStats();
        }
    }

    private static RunResult run(String partitions) { return WindowsOnOneThreadOrApartTest.run(partitions); }

    /** Every window on one thread, whatever its work: so in turn (unless {@value #IN_TURN} says otherwise). */
    private static <T> T onOneThread(Supplier<T> body) { return withProperty(APART_MICROS, Long.toString(Long.MAX_VALUE / 1000), body); }

    private static <T> T withProperty(String name, String value, Supplier<T> body) { return WindowsOnOneThreadOrApartTest.withProperty(name, value, body); }
}
