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

    /** A loop thread is inside the task that holds it between tasks for a stats reader. */
    private static boolean heldForTheReader() {
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            for (StackTraceElement frame : stack) if (frame.getMethodName().contains("holdBetweenTasks")) return true;
        }
        return false;
    }

    /**
     * With partitions, a task on one partition's thread may cancel a timer of another's: Pekko's
     * ask from the driver times out on partition 0, and the reply completes it, then cancels that
     * timer, on the thread of the host that answered. Reading partition 0 between its own tasks is
     * not enough; every partition is held at once ({@code PartitionedRunsTest} under load).
     */
    @Test void partitionedStatsHoldEveryPartitionBetweenTasksAtOnce() throws InterruptedException {
        org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit other = org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit.create(VirtualTime.config());
        try {
            VirtualClock both = Partitions.of(java.util.List.of(kit.system(), other.system()), 1_000).clock();
            Cancellable timeout = kit.system().scheduler().scheduleOnce(Duration.ofDays(100), () -> { },
                    kit.system().executionContext());
            AtomicReference<VirtualClock.Stats> seen = new AtomicReference<>();
            Thread reader = new Thread(() -> seen.set(both.stats()), "stats-reader");
            AtomicBoolean inside = new AtomicBoolean();

            // On partition 1's thread: "done" is visible; partition 0's timer is cancelled only once partition 0
            // has done what the reader asked of it (a probe queued behind that ran) or is held for the reader.
            AtomicBoolean probeRan = new AtomicBoolean();
            other.system().executionContext().execute(() -> {
                inside.set(true);
                while (reader.getState() != Thread.State.WAITING && reader.getState() != Thread.State.TERMINATED) {
                    Thread.onSpinWait();
                }
                kit.system().executionContext().execute(() -> probeRan.set(true));
                while (!probeRan.get() && !heldForTheReader()) Thread.onSpinWait();
                timeout.cancel();
            });
            while (!inside.get()) Thread.onSpinWait();
            reader.start();
            reader.join();

            assertThat(seen.get().pendingTimers()).as("partition 0's timer, cancelled by partition 1's task").isZero();
        } finally {
            other.shutdownTestKit();
        }
    }
}
