package io.tcpemu.time;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The Pekko extension that gives each actor system its {@link EmuTime}: the {@link VirtualClock}
 * in virtual and real time, else (a system on Pekko's own scheduler, e.g. its ManualTime in
 * tests) the wall clock since first asked. Use {@link EmuTime#of}.
 */
public final class EmuTimes implements Extension {
    private static final Id ID = new Id();

    private final EmuTime time;

    private EmuTimes(EmuTime time) { this.time = time; }

    static EmuTime get(ActorSystem<?> system) { return ID.apply(system).time; }

    private static final class Id extends ExtensionId<EmuTimes> {
        @Override
        public EmuTimes createExtension(ActorSystem<?> system) {
            if (VirtualTime.isVirtual(system)) return new EmuTimes(VirtualTime.of(system));
            return new EmuTimes(new SchedulerTime(System.nanoTime()));
        }
    }

    /** Wall time for a system on Pekko's own scheduler: delays are taken literally. */
    private record SchedulerTime(long startNanos) implements EmuTime {
        @Override public long now() { return (System.nanoTime() - startNanos) / 1000; }

        @Override public Duration delay(long emulatedMicros) { return Duration.ofNanos(Math.max(0, Math.min(emulatedMicros, Long.MAX_VALUE / 1000)) * 1000); }
    }
}
