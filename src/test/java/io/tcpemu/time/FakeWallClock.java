package io.tcpemu.time;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.locks.Condition;

/**
 * A wall clock for tests of real time: its time moves only when the emulation sleeps on it (by
 * exactly what it asked, plus {@link #overshootNanos}: a loaded machine waking late) or when the
 * test moves it. Nothing waits on the real clock.
 */
public final class FakeWallClock implements WallClock {
    private volatile long nanos = 1_000_000_000L;
    /** Added to every sleep: how late the "machine" wakes the emulation. */
    public volatile long overshootNanos;
    /** Run at every sleep, before time passes (e.g. a Ctrl-C arriving meanwhile). */
    public volatile Runnable onSleep = () -> { };
    private volatile int sleeps;

    /** The overlay for a real-time system paced by a fresh fake clock (find it with {@code VirtualTime.of(system).wallClock()}). */
    public static Config config(double scale) {
        return ConfigFactory.parseString(RealTime.WALL_CLOCK_KEY + " = \"" + FakeWallClock.class.getName() + '"')
                .withFallback(RealTime.config(scale, 0));
    }

    @Override public long nanoTime() { return nanos; }

    @Override public void sleep(Condition wakeUp, long requested) {
        sleeps++;
        onSleep.run();
        nanos += requested + overshootNanos;
    }

    /** The test lets wall time pass. */
    public void pass(long wallNanos) { nanos += wallNanos; }

    public int sleeps() { return sleeps; }
}
