package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real time is the virtual clock paced by a wall clock. Every test here paces by a
 * {@link FakeWallClock}: what is asserted is the mechanism (exact emulated times, the wall never
 * overtaken, stop requests seen within one capped sleep), never how long anything took.
 */
class RealTimeTest {
    private static final long MS = 1_000;
    private static final long SECOND = 1_000_000;

    private ActorTestKit kit;

    @AfterEach void stop() { if (kit != null) kit.shutdownTestKit(); }

    private VirtualClock start(double scale, boolean freeRun) {
        kit = ActorTestKit.create(FakeWallClock.config(scale));
        VirtualClock clock = VirtualTime.of(kit.system());
        clock.runFree(freeRun);
        return clock;
    }

    private FakeWallClock wall(VirtualClock clock) { return (FakeWallClock) clock.wallClock(); }

    /** When each of its timers fired: emulated time, and the wall clock's emulated time then. */
    private record Fired(long at, long wallAt) {}

    private enum Go { GO }

    /** Starts one-shot timers at {@code delays} (emulated µs) and records when each fires. */
    private Behavior<Object> timers(List<Fired> fired, VirtualClock clock, double scale, long... delays) {
        FakeWallClock wall = wall(clock);
        long wallStart = wall.nanoTime();
        return Behaviors.withTimers(t -> {
            for (long d : delays) t.startSingleTimer(d, Duration.ofNanos(d * 1000));
            return Behaviors.receiveMessage(m -> {
                fired.add(new Fired(EmuTime.of(kit.system()).now(), (long) ((wall.nanoTime() - wallStart) / 1000.0 * scale)));
                return Behaviors.same();
            });
        });
    }

    @Test void timersFireAtTheirExactEmulatedTimesNeverAheadOfTheWallClock() {
        VirtualClock clock = start(100, false);
        List<Fired> fired = new CopyOnWriteArrayList<>();
        kit.spawn(timers(fired, clock, 100, 5 * MS, 10 * MS, SECOND));
        long wallStart = wall(clock).nanoTime();

        clock.advanceBy(2 * SECOND);

        assertThat(fired).extracting(Fired::at).containsExactly(5 * MS, 10 * MS, SECOND);
        assertThat(fired).allSatisfy(f -> assertThat(f.wallAt()).as("the wall clock had reached it").isGreaterThanOrEqualTo(f.at()));
        assertThat(clock.now()).isEqualTo(2 * SECOND);
        assertThat(wall(clock).nanoTime() - wallStart).as("2 s at 100x is 20 ms of wall time, slept in pieces")
                .isBetween(20_000_000L, 20_000_000L + 10_000);
    }

    @Test void aLateWakeUpDelaysWhatTheUserSeesNotWhatIsMeasured() {
        VirtualClock clock = start(100, false);
        wall(clock).overshootNanos = 40_000_000;   // 4 s of emulated time late at every wake-up: a swamped machine
        List<Fired> fired = new CopyOnWriteArrayList<>();
        kit.spawn(timers(fired, clock, 100, 5 * MS, 10 * MS, 15 * MS, SECOND));

        clock.advanceBy(2 * SECOND);

        assertThat(fired).extracting(Fired::at).as("each timer once, at its time, in order")
                .containsExactly(5 * MS, 10 * MS, 15 * MS, SECOND);
        assertThat(clock.now()).isEqualTo(2 * SECOND);
    }

    @Test void aHeldClockResumesFromWhereItWasNotFromTheWallClock() {
        VirtualClock clock = start(100, false);
        clock.advanceBy(10 * MS);
        wall(clock).pass(5_000_000_000L);   // the driver did something else for 5 s of wall time (500 s emulated)
        List<Fired> fired = new CopyOnWriteArrayList<>();
        kit.spawn(timers(fired, clock, 100, 5 * MS));
        long wallBefore = wall(clock).nanoTime();

        clock.advanceBy(10 * MS);

        assertThat(fired).extracting(Fired::at).containsExactly(15 * MS);
        assertThat(wall(clock).nanoTime() - wallBefore).as("paced again: 10 ms at 100x is 100 µs of wall time")
                .isBetween(100_000L, 110_000L);
    }

    @Test void aFreeRunningClockFollowsTheWallAndRunsOutsideWorkAtTheWallsNow() throws Exception {
        VirtualClock clock = start(100, false);
        java.util.concurrent.BlockingQueue<Long> fired = new java.util.concurrent.LinkedBlockingQueue<>();
        List<Long> seen = new CopyOnWriteArrayList<>();
        ActorRef<Object> probe = kit.spawn(Behaviors.withTimers(t -> {
            t.startSingleTimer(Go.GO, Duration.ofSeconds(1));
            return Behaviors.receiveMessage(m -> {
                long now = EmuTime.of(kit.system()).now();
                seen.add(now);
                if (m == Go.GO) fired.add(now);
                if ("again".equals(m)) t.startSingleTimer(Go.GO, Duration.ofSeconds(1));
                return Behaviors.same();
            });
        }));
        clock.runFree(true);   // after the spawn: the test kit's spawn asks with a 5 s timeout, and a fake wall clock flies
        assertThat(fired.poll(30, TimeUnit.SECONDS)).as("the clock ran with no driver").isEqualTo(SECOND);

        clock.advanceBy(0);   // the work due at 1 s has run
        wall(clock).pass(20_000_000);   // 20 ms of wall time: 2 s emulated
        assertThat(clock.now()).as("read from outside, the wall's emulated now").isEqualTo(3 * SECOND);
        probe.tell("hello");
        clock.advanceBy(0);
        assertThat(seen).as("outside work runs at the wall's now").containsExactly(SECOND, 3 * SECOND);

        probe.tell("again");
        assertThat(fired.poll(30, TimeUnit.SECONDS)).as("after a drive ended the clock still runs by itself").isEqualTo(4 * SECOND);
    }

    @Test void aStopRequestEndsADriveWithinOneCappedSleepWhateverTheScale() {
        VirtualClock clock = start(0.001, false);   // one emulated second per 1000 s of wall time
        AtomicBoolean ctrlC = new AtomicBoolean();
        wall(clock).onSleep = () -> ctrlC.set(true);   // Ctrl-C arrives while the loop waits for the wall clock
        clock.stopWhen(ctrlC::get);
        List<Fired> fired = new CopyOnWriteArrayList<>();
        kit.spawn(timers(fired, clock, 0.001, SECOND));
        long wallStart = wall(clock).nanoTime();

        clock.advanceBy(3600 * SECOND);

        assertThat(fired).as("the timer a second away never fired").isEmpty();
        assertThat(clock.now()).isLessThan(SECOND);
        assertThat(wall(clock).nanoTime() - wallStart).as("one sleep of at most 100 ms, not 1000 s")
                .isLessThanOrEqualTo(Pacer.MAX_SLEEP_NANOS);
        assertThat(wall(clock).sleeps()).isEqualTo(1);
    }

    @Test void aRealTimeSystemIsDrivenLikeAVirtualOneAndCarriesItsSeed() {
        kit = ActorTestKit.create(RealTime.config(2.5, 42));
        VirtualClock clock = VirtualTime.of(kit.system());

        assertThat(clock.isRealTime()).isTrue();
        assertThat(VirtualTime.seed(kit.system())).isEqualTo(42);
        assertThat(EmuTime.of(kit.system())).isSameAs(clock);
        assertThat(clock.delay(60 * SECOND)).as("the scheduler counts emulated time").isEqualTo(Duration.ofSeconds(60));
        assertThat(clock.wallClock()).isInstanceOf(WallClock.Machine.class);
    }

    @Test void badScalesAreRejectedWithTheKey() {
        assertThatThrownBy(() -> RealTime.config(0)).hasMessage("RealTime.config(scale): expected a number > 0 (e.g. 100), got 0.0");
        assertThatThrownBy(() -> RealTime.scaleIn(ConfigFactory.parseString("tcpemu.time.pacing.scale = fast")))
                .hasMessage("tcpemu.time.pacing.scale: expected a number > 0 (e.g. 100), got 'fast'");
        assertThatThrownBy(() -> RealTime.scaleIn(ConfigFactory.parseString("tcpemu.time.pacing.scale = -2")))
                .hasMessage("tcpemu.time.pacing.scale: expected a number > 0 (e.g. 100), got -2.0");
    }

    @Test void virtualSystemsHaveNoWallClock() {
        kit = ActorTestKit.create(VirtualTime.config());
        VirtualClock clock = VirtualTime.of(kit.system());

        assertThat(clock.isRealTime()).isFalse();
        assertThat(clock.wallClock()).isNull();
        assertThatThrownBy(() -> clock.runFree(true)).hasMessageContaining("virtual-time clock moves only when driven");
    }
}
