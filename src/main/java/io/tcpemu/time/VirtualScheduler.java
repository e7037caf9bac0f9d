package io.tcpemu.time;

import com.typesafe.config.Config;
import java.io.Closeable;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.dispatch.MonitorableThreadFactory;
import org.apache.pekko.event.LoggingAdapter;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/**
 * Pekko's scheduler on virtual time: {@code pekko.scheduler.implementation =
 * io.tcpemu.time.VirtualScheduler}. A delay of d means "d of virtual time from now"; the timer
 * fires when the {@link VirtualLoop} reaches its deadline, which happens only as a driver
 * ({@link VirtualClock}) advances the clock. Typed {@code Behaviors.withTimers} runs on it unchanged.
 * In real time ({@link RealTime#config}) the same scheduler is paced by the wall clock.
 */
public final class VirtualScheduler implements Scheduler, Closeable {
    private final VirtualLoop loop;
    private final VirtualClock clock;

    public VirtualScheduler(Config config, LoggingAdapter log, ThreadFactory threadFactory) {
        Pacer pacer = RealTime.pacer(config);
        this.loop = new VirtualLoop(threadName(threadFactory), log, pacer);
        this.clock = new VirtualClock(loop);
    }

    VirtualLoop loop() { return loop; }

    VirtualClock clock() { return clock; }

    @Override
    public Cancellable scheduleOnce(FiniteDuration delay, Runnable runnable, ExecutionContext executor) {
        return loop.schedule(micros(delay), 0, runnable, executor);
    }

    /** In virtual time tasks take no time, so fixed rate and fixed delay coincide. */
    @Override
    public Cancellable scheduleAtFixedRate(FiniteDuration initialDelay, FiniteDuration interval, Runnable runnable,
                                           ExecutionContext executor) {
        return loop.schedule(micros(initialDelay), period(interval), runnable, executor);
    }

    /** Overridden so the timer is known to be periodic (Pekko's default chains one-shots). */
    @Override
    public Cancellable scheduleWithFixedDelay(FiniteDuration initialDelay, FiniteDuration delay, Runnable runnable,
                                              ExecutionContext executor) {
        return loop.schedule(micros(initialDelay), period(delay), runnable, executor);
    }

    /** The trait's abstract (deprecated) periodic method: the same as {@link #scheduleAtFixedRate}. */
    @Override
    @SuppressWarnings("deprecation")
    public Cancellable schedule(FiniteDuration initialDelay, FiniteDuration interval, Runnable runnable,
                                ExecutionContext executor) {
        return scheduleAtFixedRate(initialDelay, interval, runnable, executor);
    }

    /** One tick per virtual microsecond. */
    @Override
    public double maxFrequency() { return 1_000_000.0; }

    /** Called by Pekko when the actor system terminates: drops pending timers and ends the thread. */
    @Override
    public void close() { loop.close(); }

    /** {@code <system>-virtual-time}, so thread dumps say which actor system the thread serves. */
    private static String threadName(ThreadFactory threadFactory) {
        String base = threadFactory instanceof MonitorableThreadFactory named
                ? named.name().replaceFirst("-scheduler$", "") : "tcpemu";
        return base + "-virtual-time";
    }

    /** Rounds up, so a non-zero delay never fires "now". */
    static long micros(FiniteDuration d) {
        long nanos = d.toNanos();
        return nanos <= 0 ? 0 : nanos / 1000 + (nanos % 1000 == 0 ? 0 : 1);
    }

    private static long period(FiniteDuration interval) {
        long p = micros(interval);
        if (p <= 0) throw new IllegalArgumentException("a periodic task needs an interval > 0, got " + interval);
        return p;
    }
}
