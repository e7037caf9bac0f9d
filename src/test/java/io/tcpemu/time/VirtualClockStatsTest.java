package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.Cancellable;
import org.junit.jupiter.api.Test;

/**
 * {@link VirtualClock#stats()} is a snapshot between tasks. The stress run's "1 timers still
 * pending after the run went idle" came from reading it in the middle of one: Pekko's ask
 * completes the caller's future, then (in the same task) cancels its timeout timer, and a test
 * thread that saw the future complete could count the timer before it was cancelled.
 */
class VirtualClockStatsTest extends VirtualKit {

    @Test void statsReadFromAnotherThreadWaitForTheRunningTaskToEnd() throws InterruptedException {
        Cancellable timeout = kit.system().scheduler().scheduleOnce(Duration.ofDays(100), () -> { },
                kit.system().executionContext());
        AtomicReference<VirtualClock.Stats> seen = new AtomicReference<>();
        Thread reader = new Thread(() -> seen.set(clock.stats()), "stats-reader");
        AtomicBoolean inside = new AtomicBoolean();

        // Like the ask's reply: the task lets the outside see "done", then cancels its timer, but
        // only after the reader has either read already or is waiting for the task to end.
        kit.system().executionContext().execute(() -> {
            inside.set(true);
            while (reader.getState() != Thread.State.WAITING && reader.getState() != Thread.State.TERMINATED) {
                Thread.onSpinWait();
            }
            timeout.cancel();
        });
        while (!inside.get()) Thread.onSpinWait();
        reader.start();
        reader.join();

        assertThat(seen.get().pendingTimers()).as("the timer the task cancelled").isZero();
    }

    @Test void statsOnTheEmulationThreadAreReadDirectly() {
        AtomicReference<VirtualClock.Stats> seen = new AtomicReference<>();
        kit.system().executionContext().execute(() -> seen.set(clock.stats()));
        clock.runUntil(() -> seen.get() != null, 1);
        assertThat(seen.get().now()).isZero();
    }
}
