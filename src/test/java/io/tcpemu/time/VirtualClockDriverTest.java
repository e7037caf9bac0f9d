package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/** The driver API: advancing, running until a condition or idle, and misuse reported clearly. */
class VirtualClockDriverTest extends VirtualKit {
    private static final long SECOND = 1_000_000;

    private enum Tick { INSTANCE }

    /** Counts a tick every second, forever. */
    private static Behavior<Tick> ticker(AtomicInteger ticks) {
        return Behaviors.withTimers(timers -> {
            timers.startTimerAtFixedRate(Tick.INSTANCE, Duration.ofSeconds(1));
            return Behaviors.receiveMessage(tick -> {
                ticks.incrementAndGet();
                return Behaviors.same();
            });
        });
    }

    @Test void runUntilStopsTheClockWhenTheConditionHolds() {
        AtomicInteger ticks = new AtomicInteger();
        kit.spawn(ticker(ticks));

        boolean met = clock.runUntil(() -> ticks.get() >= 5, 60 * SECOND);

        assertThat(met).isTrue();
        assertThat(clock.now()).isEqualTo(5 * SECOND);
        assertThat(ticks.get()).isEqualTo(5);
    }

    @Test void runUntilGivesUpAtMaxTime() {
        AtomicInteger ticks = new AtomicInteger();
        kit.spawn(ticker(ticks));

        boolean met = clock.runUntil(() -> ticks.get() < 0, 10 * SECOND);

        assertThat(met).isFalse();
        assertThat(clock.now()).isEqualTo(10 * SECOND);
        assertThat(ticks.get()).isEqualTo(10);
    }

    @Test void aFailingConditionStopsTheClockAndIsReported() {
        AtomicInteger ticks = new AtomicInteger();
        kit.spawn(ticker(ticks));

        assertThatThrownBy(() -> clock.runUntil(() -> {
            if (ticks.get() == 3) throw new IllegalArgumentException("no such connection a.conn9");
            return false;
        }, 60 * SECOND))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("VirtualClock.runUntil: the condition threw")
                .hasMessageContaining("no such connection a.conn9");
        assertThat(clock.now()).isEqualTo(3 * SECOND);
    }

    @Test void aConditionThatAlreadyHoldsMovesNothing() {
        AtomicInteger ticks = new AtomicInteger();
        kit.spawn(ticker(ticks));

        assertThat(clock.runUntil(() -> true, 60 * SECOND)).isTrue();
        assertThat(clock.now()).isZero();
    }

    private record Echo(String text, ActorRef<String> replyTo) {}

    @Test void runUntilAnAskIsAnsweredRunsNoLongerThanNeeded() {
        AtomicInteger ticks = new AtomicInteger();
        kit.spawn(ticker(ticks));
        ActorRef<Echo> echo = kit.spawn(Behaviors.receiveMessage(msg -> {
            msg.replyTo().tell(msg.text());
            return Behaviors.same();
        }));

        for (int i = 0; i < 20; i++) {
            var reply = AskPattern.<Echo, String>ask(echo, replyTo -> new Echo("hi", replyTo), Duration.ofSeconds(30),
                    kit.scheduler()).toCompletableFuture();

            assertThat(clock.runUntil(reply::isDone, 600 * SECOND)).isTrue();
            assertThat(reply.getNow("not done")).isEqualTo("hi");
        }
        assertThat(clock.now()).as("answered at once, so no tick was needed").isZero();
        assertThat(ticks.get()).isZero();
    }

    @Test void messagesFromAnotherThreadWhileTheClockRunsAreAllProcessed() throws Exception {
        AtomicInteger received = new AtomicInteger(), ticks = new AtomicInteger();
        kit.spawn(ticker(ticks));
        ActorRef<String> counter = kit.spawn(Behaviors.receiveMessage(msg -> {
            received.incrementAndGet();
            return Behaviors.same();
        }));
        Thread sender = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) counter.tell("m" + i);
        });

        sender.start();
        for (int i = 0; i < 500; i++) clock.advanceBy(SECOND / 10);
        sender.join();
        clock.runUntilIdle(clock.now());

        assertThat(received.get()).isEqualTo(20_000);
        assertThat(clock.now()).isEqualTo(50 * SECOND);
        assertThat(ticks.get()).isEqualTo(50);
    }

    @Test void periodicTimersDoNotKeepRunUntilIdleBusy() {
        AtomicInteger ticks = new AtomicInteger();
        kit.spawn(ticker(ticks));
        kit.spawn(Behaviors.<String>withTimers(timers -> {
            timers.startSingleTimer("done", Duration.ofSeconds(42));
            return Behaviors.ignore();
        }));

        boolean idle = clock.runUntilIdle(3600 * SECOND);

        assertThat(idle).isTrue();
        assertThat(clock.now()).isEqualTo(42 * SECOND);
        assertThat(ticks.get()).isEqualTo(42);
    }

    @Test void stoppingTheLastActorLeavesNothingPending() {
        ActorRef<String> shortLived = kit.spawn(Behaviors.receiveMessage(msg -> Behaviors.stopped()));
        TestProbe<String> probe = kit.createTestProbe();
        shortLived.tell("stop");
        probe.expectTerminated(shortLived);

        assertThat(clock.runUntilIdle(3600 * SECOND)).isTrue();
        assertThat(clock.now()).as("no housekeeping timer moved the clock").isZero();
    }

    @Test void runUntilIdleStopsAtTheHorizon() {
        kit.spawn(Behaviors.<String>withTimers(timers -> {
            timers.startSingleTimer("late", Duration.ofSeconds(100));
            return Behaviors.ignore();
        }));

        assertThat(clock.runUntilIdle(10 * SECOND)).isFalse();
        assertThat(clock.now()).isEqualTo(10 * SECOND);
    }

    private record TryToDrive(ActorRef<String> replyTo) {}

    @Test void blockingFromInsideAnActorFailsClearly() {
        TestProbe<String> probe = kit.createTestProbe();
        ActorRef<TryToDrive> rogue = kit.spawn(Behaviors.receive((ctx, msg) -> {
            try {
                VirtualTime.of(ctx.getSystem()).advanceBy(1_000);
                msg.replyTo().tell("no error");
            } catch (IllegalStateException e) {
                msg.replyTo().tell(e.getMessage());
            }
            return Behaviors.same();
        }));

        rogue.tell(new TryToDrive(probe.ref()));

        assertThat(probe.receiveMessage())
                .contains("VirtualClock.advanceBy")
                .contains("emulation's own thread")
                .contains("wait for itself");
    }

    @Test void theClockCannotGoBack() {
        clock.advanceTo(5_000);
        assertThatThrownBy(() -> clock.advanceTo(4_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot go back in time to 4000 µs, the clock is at 5000 µs");
        assertThatThrownBy(() -> clock.advanceBy(-1)).hasMessageContaining("expected micros >= 0, got -1");
    }

    @Test void aVeryLongDelayIsCappedNotAnOverflow() {
        assertThat(clock.delay(Long.MAX_VALUE)).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
        assertThat(clock.delay(-5)).isZero();
    }

    @Test void aTerminatedSystemCannotBeDriven() throws Exception {
        kit.system().terminate();
        kit.system().getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> clock.advanceBy(1)).hasMessage("VirtualClock.advanceBy: the actor system has terminated");
    }

    @Test void terminatingTheSystemEndsItsEmulationThread() throws Exception {
        String name = kit.system().name() + "-virtual-time";
        Thread emulation = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
        assertThat(emulation.isDaemon()).isTrue();

        kit.system().terminate();
        kit.system().getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        emulation.join(10_000);

        assertThat(emulation.isAlive()).isFalse();
    }
}
