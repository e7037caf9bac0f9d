package io.tcpemu.runtime;

import io.tcpemu.time.EmuTime;
import io.tcpemu.trace.TraceBus;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;

import java.time.Duration;

/**
 * Emulated time driven by the test through Pekko's ManualTime: the test moves both clocks
 * together, so a link's timers fire exactly when emulated time reaches them. ManualTime counts
 * milliseconds, so tests advance in whole milliseconds.
 */
final class ManualEmuTime implements EmuTime {
    private final ManualTime manual;
    private volatile long now;

    ManualEmuTime(ManualTime manual) { this.manual = manual; }

    @Override public long now() { return now; }

    @Override public Duration delay(long emulatedMicros) { return Duration.ofNanos(emulatedMicros * 1_000); }

    /** A fresh directory and trace bus on this clock, recording into {@code trace}. */
    RuntimeEnv env(TraceLog trace) {
        TraceBus bus = new TraceBus();
        bus.subscribe(trace);
        return new RuntimeEnv(new Directory(), bus, this);
    }

    void advanceMillis(long ms) {
        now += ms * 1_000;
        manual.timePasses(Duration.ofMillis(ms));
    }
}
