package io.tcpemu.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C on {@code tcpemu run}: the exit waits for the results only when something was measured. */
class RunStopTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicInteger waits = new AtomicInteger();
    private final RunStop stop = new RunStop(new PrintStream(err, true, StandardCharsets.UTF_8), written -> waits.incrementAndGet());

    @Test
    void ctrlCBeforeTheEmulationStartedExitsAtOnceAndSaysNothingWasMeasured() {
        stop.onSignal();
        assertThat(stop.flag()).isTrue();
        assertThat(waits).hasValue(0);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("interrupted before the emulation started: nothing was measured, no results written\n");
    }

    @Test
    void ctrlCOnceTheEmulationReportedItsStartWaitsForTheResults() {
        List<Long> seen = new ArrayList<>();
        stop.noting(seen::add).accept(0L);
        stop.onSignal();
        assertThat(stop.flag()).isTrue();
        assertThat(waits).hasValue(1);
        assertThat(seen).as("the run's own progress still gets each report").containsExactly(0L);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aRunWithoutAProgressBarStillSaysItStarted() {
        stop.noting(null).accept(5L);
        stop.onSignal();
        assertThat(waits).hasValue(1);
    }
}
