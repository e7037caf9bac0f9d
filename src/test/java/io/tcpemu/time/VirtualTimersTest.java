package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/** Typed actors' timers ({@code Behaviors.withTimers}) on the virtual scheduler, unchanged. */
class VirtualTimersTest extends VirtualKit {
    /** An actor that arms and disarms named timers and reports when one rings, stamped with emulated time. */
    static final class Alarm {
        interface Command {}
        record Arm(String label, long delayMicros) implements Command {}
        record Disarm(String label) implements Command {}
        private record Ring(String label) implements Command {}

        record Rang(String label, long at) {}

        static Behavior<Command> create(ActorRef<Rang> reportTo) {
            return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
                EmuTime time = EmuTime.of(ctx.getSystem());
                return Behaviors.receive(Command.class)
                        .onMessage(Arm.class, arm -> {
                            timers.startSingleTimer(arm.label(), new Ring(arm.label()), time.delay(arm.delayMicros()));
                            return Behaviors.same();
                        })
                        .onMessage(Disarm.class, disarm -> {
                            timers.cancel(disarm.label());
                            return Behaviors.same();
                        })
                        .onMessage(Ring.class, ring -> {
                            reportTo.tell(new Rang(ring.label(), time.now()));
                            return Behaviors.same();
                        })
                        .build();
            }));
        }
    }

    @Test void timersFireInDeadlineOrderAtTheirDeadlines() {
        TestProbe<Alarm.Rang> probe = kit.createTestProbe();
        ActorRef<Alarm.Command> alarm = kit.spawn(Alarm.create(probe.ref()));
        alarm.tell(new Alarm.Arm("c", 30_000));
        alarm.tell(new Alarm.Arm("a", 10_000));
        alarm.tell(new Alarm.Arm("b", 20_000));

        clock.advanceBy(25_000);

        assertThat(probe.receiveMessage()).isEqualTo(new Alarm.Rang("a", 10_000));
        assertThat(probe.receiveMessage()).isEqualTo(new Alarm.Rang("b", 20_000));
        probe.expectNoMessage(Duration.ofMillis(20));
        assertThat(clock.now()).isEqualTo(25_000);

        clock.advanceBy(5_000);
        assertThat(probe.receiveMessage()).isEqualTo(new Alarm.Rang("c", 30_000));
    }

    @Test void cancelledAndReplacedTimersDoNotFire() {
        TestProbe<Alarm.Rang> probe = kit.createTestProbe();
        ActorRef<Alarm.Command> alarm = kit.spawn(Alarm.create(probe.ref()));
        alarm.tell(new Alarm.Arm("gone", 10_000));
        alarm.tell(new Alarm.Arm("moved", 10_000));
        alarm.tell(new Alarm.Disarm("gone"));
        alarm.tell(new Alarm.Arm("moved", 40_000)); // same key: replaces the first

        clock.advanceBy(100_000);

        assertThat(probe.receiveMessage()).isEqualTo(new Alarm.Rang("moved", 40_000));
        probe.expectNoMessage(Duration.ofMillis(20));
    }

    @Test void theClockIsHeldBetweenDriverCalls() {
        TestProbe<Alarm.Rang> probe = kit.createTestProbe();
        ActorRef<Alarm.Command> alarm = kit.spawn(Alarm.create(probe.ref()));
        alarm.tell(new Alarm.Arm("later", 1_000));

        probe.expectNoMessage(Duration.ofMillis(50));
        assertThat(clock.now()).isZero();

        clock.advanceTo(1_000);
        assertThat(probe.receiveMessage()).isEqualTo(new Alarm.Rang("later", 1_000));
    }
}
