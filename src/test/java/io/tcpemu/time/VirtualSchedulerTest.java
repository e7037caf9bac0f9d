package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.dispatch.ExecutionContexts;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/** The classic scheduler API on virtual time: one-shot, periodic, cancelled, and a million of them. */
class VirtualSchedulerTest {
    private static final long SECOND = 1_000_000;
    private static final ExecutionContext INLINE = ExecutionContexts.fromExecutor(Runnable::run);

    private ActorSystem<Void> system;
    private Scheduler scheduler;
    private VirtualClock clock;

    @BeforeEach void start() {
        system = ActorSystem.create(Behaviors.empty(), "scheduler", VirtualTime.config());
        scheduler = system.classicSystem().scheduler();
        clock = VirtualTime.of(system);
    }

    @AfterEach void stop() { system.terminate(); }

    private static FiniteDuration micros(long micros) { return FiniteDuration.create(micros, TimeUnit.MICROSECONDS); }

    @Test void periodicTasksFireOncePerPeriodUntilCancelled() {
        AtomicInteger byDelay = new AtomicInteger(), byRate = new AtomicInteger();
        Cancellable fixedDelay = scheduler.scheduleWithFixedDelay(micros(SECOND / 2), micros(SECOND),
                byDelay::incrementAndGet, INLINE);
        Cancellable fixedRate = scheduler.scheduleAtFixedRate(micros(SECOND / 2), micros(SECOND),
                byRate::incrementAndGet, INLINE);

        clock.advanceBy(10 * SECOND); // fires at 0.5, 1.5 ... 9.5 s

        assertThat(byDelay.get()).isEqualTo(10);
        assertThat(byRate.get()).isEqualTo(10);
        assertThat(fixedDelay.cancel()).isTrue();
        assertThat(fixedRate.cancel()).isTrue();
        clock.advanceBy(10 * SECOND);
        assertThat(byDelay.get()).isEqualTo(10);
        assertThat(byRate.get()).isEqualTo(10);
    }

    @Test void cancelledTimersNeverFire() {
        AtomicInteger fired = new AtomicInteger();
        Cancellable[] timers = new Cancellable[1000];
        for (int i = 0; i < timers.length; i++) timers[i] = scheduler.scheduleOnce(micros(i + 1), fired::incrementAndGet, INLINE);
        for (int i = 0; i < timers.length; i += 2) assertThat(timers[i].cancel()).isTrue();

        assertThat(clock.runUntilIdle(SECOND)).isTrue();

        assertThat(fired.get()).isEqualTo(500);
        assertThat(timers[0].isCancelled()).isTrue();
        assertThat(timers[1].isCancelled()).isFalse();
        assertThat(timers[1].cancel()).as("already fired").isFalse();
    }

    @Test void aMillionTimersFireInDeadlineOrder() {
        int count = 1_000_000;
        long[] lastSeen = {0};
        AtomicInteger fired = new AtomicInteger(), outOfOrder = new AtomicInteger();
        Runnable check = () -> {
            long now = clock.now();
            if (now < lastSeen[0]) outOfOrder.incrementAndGet();
            lastSeen[0] = now;
            fired.incrementAndGet();
        };
        long timersBefore = clock.timersFired();
        long cpuStart = clock.cpuTimeNanos();
        // Scheduled from the emulation thread, as actors do.
        system.executionContext().execute(() -> {
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < count; i++) scheduler.scheduleOnce(micros(random.nextLong(3600 * SECOND)), check, INLINE);
        });

        assertThat(clock.runUntilIdle(Long.MAX_VALUE)).isTrue();

        long cpuNanos = clock.cpuTimeNanos() - cpuStart;
        assertThat(fired.get()).isEqualTo(count);
        assertThat(outOfOrder.get()).isZero();
        assertThat(clock.timersFired() - timersBefore).isGreaterThanOrEqualTo(count);
        // A figure for docs/time.md, in CPU time of the emulation thread: wall time on a shared box measures the neighbours.
        System.out.printf("VirtualScheduler: scheduled and fired %,d timers in %,d ms of CPU (%,.0f timers per CPU-second)%n",
                count, cpuNanos / 1_000_000, count * 1e9 / cpuNanos);
    }
}
