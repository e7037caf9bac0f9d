package io.tcpemu.runtime;

import io.tcpemu.time.EmuTime;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.testkit.ExplicitlyTriggeredScheduler;

import java.time.Duration;

/** Emulated time read from Pekko's ManualTime scheduler (millisecond steps), for tests. */
final class ManualEmuTime implements EmuTime {
    private final ExplicitlyTriggeredScheduler scheduler;

    ManualEmuTime(ActorSystem<?> system) {
        this.scheduler = (ExplicitlyTriggeredScheduler) system.classicSystem().scheduler();
    }

    @Override public long now() { return scheduler.currentTimeMs() * 1000; }

    @Override public Duration delay(long emulatedMicros) { return Duration.ofNanos(emulatedMicros * 1000); }
}
