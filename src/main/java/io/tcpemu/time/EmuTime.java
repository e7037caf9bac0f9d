package io.tcpemu.time;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Emulated time as actors see it, in either mode. Actors never read a clock directly: they ask
 * this for the core's {@code now} and for the real delay to hand to Pekko's timers.
 */
public interface EmuTime {
    /** Emulated microseconds since the run started. */
    long now();

    /** The delay to give Pekko's scheduler so that {@code emulatedMicros} of emulated time pass. */
    Duration delay(long emulatedMicros);

    /** The emulated time of {@code system}: its {@link VirtualClock}, or scaled wall time in real-time mode. */
    static EmuTime of(ActorSystem<?> system) {
        return EmuTimes.get(system);
    }
}
