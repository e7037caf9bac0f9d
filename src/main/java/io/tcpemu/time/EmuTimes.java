package io.tcpemu.time;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The Pekko extension that gives each actor system its {@link EmuTime}: the {@link VirtualClock}
 * in virtual time, else a {@link RealTime} started when first asked. Use {@link EmuTime#of}.
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
            return new EmuTimes(new RealTime(RealTime.scaleIn(system.settings().config()), System.nanoTime()));
        }
    }
}
