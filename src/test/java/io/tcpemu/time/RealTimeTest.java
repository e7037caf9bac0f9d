package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/** Real time: Pekko's own scheduler, emulated time = wall time × scale. */
class RealTimeTest {
    @Test void delayHonoursTheScale() {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "real", RealTime.config(100));
        try {
            EmuTime time = EmuTime.of(system);

            assertThat(time).isInstanceOf(RealTime.class);
            assertThat(time.delay(60_000_000)).as("an MSL of 60 s at 100x").isEqualTo(Duration.ofMillis(600));
            assertThat(time.delay(1)).isEqualTo(Duration.ofNanos(10));
            assertThat(EmuTime.of(system)).as("one per system").isSameAs(time);
            assertThat(VirtualTime.isVirtual(system)).isFalse();
            assertThat(VirtualTime.seed(system)).isZero();
            assertThat(system.classicSystem().scheduler().maxFrequency())
                    .as("timer ticks per wall second: 1 ms ticks, not Pekko's default 10 ms (1 s emulated at 100x)")
                    .isEqualTo(System.getProperty("os.name").startsWith("Windows") ? 100.0 : 1000.0);
        } finally {
            system.terminate();
        }
    }

    @Test void aRealTimeRunCarriesItsSeed() {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "seeded", RealTime.config(2.5, 42));
        try {
            assertThat(VirtualTime.seed(system)).isEqualTo(42);
            assertThat(((RealTime) EmuTime.of(system)).scale()).isEqualTo(2.5);
        } finally {
            system.terminate();
        }
    }

    @Test void withoutAScaleEmulatedTimeIsWallTime() {
        assertThat(new RealTime(RealTime.scaleIn(ConfigFactory.empty()), 0).delay(1_500_000))
                .isEqualTo(Duration.ofMillis(1_500));
    }

    @Test void badScalesAreRejectedWithTheKey() {
        assertThatThrownBy(() -> RealTime.config(0)).hasMessage("RealTime.config(scale): expected a number > 0 (e.g. 100), got 0.0");
        assertThatThrownBy(() -> RealTime.scaleIn(ConfigFactory.parseString("tcpemu.time.scale = fast")))
                .hasMessage("tcpemu.time.scale: expected a number > 0 (e.g. 100), got 'fast'");
        assertThatThrownBy(() -> RealTime.scaleIn(ConfigFactory.parseString("tcpemu.time.scale = -2")))
                .hasMessage("tcpemu.time.scale: expected a number > 0 (e.g. 100), got -2.0");
    }

    @Test void virtualSystemsUseTheirClock() {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "virtual", VirtualTime.config());
        try {
            assertThat(EmuTime.of(system)).isSameAs(VirtualTime.of(system));
            assertThat(EmuTime.of(system).delay(60_000_000)).isEqualTo(Duration.ofSeconds(60));
        } finally {
            system.terminate();
        }
    }
}
