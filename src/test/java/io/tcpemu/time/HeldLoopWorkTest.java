package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.event.NoLogging;
import org.junit.jupiter.api.Test;

/**
 * A held loop (between windows) runs work sent from outside at once: the window protocol hands
 * segments over at a barrier and then asks each loop whether anything is left. A loop in the
 * middle of such a task, its queues empty and its timer not armed yet, is not idle: answering
 * by the queues alone let the thread timing end a partitioned run early (a different trace).
 */
class HeldLoopWorkTest {

    @Test
    void a_held_loop_running_outside_work_is_neither_idle_nor_waiting_for_a_later_timer() throws InterruptedException {
        VirtualLoop loop = new VirtualLoop("held-loop-test", NoLogging.getInstance());
        try {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicLong firedAt = new AtomicLong(-1);
            // as a link's receiving end takes a hand-over: arms a timer for the arrival
            loop.submit(() -> {
                running.countDown();
                awaitQuietly(release);
                loop.schedule(5_000, 0, () -> firedAt.set(loop.now()), scala.concurrent.ExecutionContext.fromExecutor(Runnable::run));
            });
            assertThat(running.await(30, TimeUnit.SECONDS)).as("the held loop took the task").isTrue();

            // the adverse order, forced: asked while the task runs (queues empty, no timer yet)
            assertThat(loop.isIdle()).isFalse();
            assertThat(loop.nextEventTime()).isZero();
            assertThat(loop.nextEventTimeAfterHandOvers(5_000)).isZero();

            release.countDown();
            assertThat(loop.drive(Drive.untilIdle(10_000), "runUntilIdle")).isEqualTo(Drive.Outcome.IDLE);
            assertThat(firedAt).hasValue(5_000);
            assertThat(loop.isIdle()).isTrue();
        } finally {
            loop.close();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
