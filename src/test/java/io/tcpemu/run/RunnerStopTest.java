package io.tcpemu.run;

import io.tcpemu.metrics.Counter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping a run early (what Ctrl-C does) still returns what was measured until then. */
class RunnerStopTest {

    @Test
    void a_stopped_run_returns_its_measurements_so_far() {
        AtomicBoolean stop = new AtomicBoolean();
        var settings = ScenarioFile.load(Path.of("conf/port-exhaustion.conf"), List.of("workload.arrival.rate=100"));
        RunResult r = Runner.run(settings, "", new Runner.Options(null, now -> { if (now >= 3_000_000) stop.set(true); }, stop));
        assertThat(r.interrupted()).isTrue();
        assertThat(r.metrics().endTime()).isBetween(3_000_000L, 4_000_000L);
        // 100 connections a second for about three seconds
        assertThat(r.count(Counter.CONNECT_ATTEMPTS)).isBetween(290L, 410L);
        assertThat(r.count(Counter.ESTABLISHED)).isPositive();
    }

    @Test
    void a_run_stopped_before_it_starts_has_measured_nothing() {
        var settings = ScenarioFile.load(Path.of("conf/handshake.conf"), List.of());
        List<Long> reports = new java.util.ArrayList<>();
        RunResult r = Runner.run(settings, "", new Runner.Options(null, reports::add, new AtomicBoolean(true)));
        assertThat(r.interrupted()).isTrue();
        assertThat(r.count(Counter.SEGMENTS_SENT)).isZero();
        assertThat(reports).as("the emulation says it is up (Ctrl-C's hook then waits for the results)").containsExactly(0L);
    }
}
