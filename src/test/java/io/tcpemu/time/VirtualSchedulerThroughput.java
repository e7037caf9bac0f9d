package io.tcpemu.time;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.dispatch.ExecutionContexts;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/**
 * Prints how many timers per CPU-second of the emulation thread the virtual scheduler fires, after
 * a warm-up (the figures in docs/time.md). CPU time, not wall time: on a shared machine wall
 * time measures the neighbours. Run after {@code mvn -o test-compile}:
 * {@code java -cp target/classes:target/test-classes:$(cat target/classpath.txt) io.tcpemu.time.VirtualSchedulerThroughput}
 */
public final class VirtualSchedulerThroughput {
    private static final ExecutionContext INLINE = ExecutionContexts.fromExecutor(Runnable::run);
    private static final long HOUR = 3_600_000_000L;

    private final Scheduler scheduler;
    private final VirtualClock clock;
    private final ActorSystem<Void> system;

    private VirtualSchedulerThroughput(ActorSystem<Void> system) {
        this.system = system;
        this.scheduler = system.classicSystem().scheduler();
        this.clock = VirtualTime.of(system);
    }

    public static void main(String[] args) {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "throughput", VirtualTime.config());
        try {
            VirtualSchedulerThroughput bench = new VirtualSchedulerThroughput(system);
            for (int round = 1; round <= 3; round++) bench.steady(10_000, 2_000_000);
            for (int round = 1; round <= 3; round++) bench.steady(100_000, 2_000_000);
            for (int round = 1; round <= 3; round++) bench.burst(1_000_000);
        } finally {
            system.terminate();
        }
    }

    private static FiniteDuration micros(long micros) { return FiniteDuration.create(micros, TimeUnit.MICROSECONDS); }

    /** {@code pending} timers at all times, each re-armed when it fires, as actors' retransmit and TIME-WAIT timers are. */
    private void steady(int pending, long firings) {
        AtomicLong fired = new AtomicLong();
        SplittableRandom random = new SplittableRandom(1);
        Runnable rearm = new Runnable() {
            @Override public void run() {
                if (fired.incrementAndGet() <= firings - pending) scheduler.scheduleOnce(micros(1 + random.nextLong(1_000_000)), this, INLINE);
            }
        };
        long cpuStart = clock.cpuTimeNanos();
        system.executionContext().execute(() -> {
            for (int i = 0; i < pending; i++) scheduler.scheduleOnce(micros(1 + random.nextLong(1_000_000)), rearm, INLINE);
        });
        clock.runUntilIdle(Long.MAX_VALUE);
        report("steady, " + String.format("%,d", pending) + " pending", fired.get(), clock.cpuTimeNanos() - cpuStart);
    }

    /** A million timers scheduled at once over an hour, then all fired: the heap at its largest. */
    private void burst(int timers) {
        AtomicLong fired = new AtomicLong();
        Runnable count = fired::incrementAndGet;
        long cpuStart = clock.cpuTimeNanos();
        system.executionContext().execute(() -> {
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < timers; i++) scheduler.scheduleOnce(micros(random.nextLong(HOUR)), count, INLINE);
        });
        clock.runUntilIdle(clock.now() + 2 * HOUR);
        report("burst of " + String.format("%,d", timers), fired.get(), clock.cpuTimeNanos() - cpuStart);
    }

    private static void report(String scenario, long fired, long cpuNanos) {
        System.out.printf("%-24s %,10d timers scheduled and fired in %,6d ms of CPU: %,11.0f per CPU-second%n",
                scenario, fired, cpuNanos / 1_000_000, fired * 1e9 / cpuNanos);
    }
}
