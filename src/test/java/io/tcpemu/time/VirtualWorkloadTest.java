package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/** Long actor workloads in virtual time: counted, never timed, and reproducible from the seed. */
class VirtualWorkloadTest {
    private static final long SECOND = 1_000_000;

    // ---- ping-pong: a ball held 5 ms by each player before it is passed on ----

    private interface Play {}
    private record Ball(long hops, ActorRef<Play> from) implements Play {}
    private record Pass(long hops, ActorRef<Play> to) implements Play {}
    private enum Tick implements Play { INSTANCE }

    private static Behavior<Play> player(AtomicLong hops, AtomicLong ticks) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerAtFixedRate(Tick.INSTANCE, Duration.ofSeconds(1));
            EmuTime time = EmuTime.of(ctx.getSystem());
            return Behaviors.receive(Play.class)
                    .onMessage(Ball.class, ball -> {
                        timers.startSingleTimer("hold", new Pass(ball.hops() + 1, ball.from()), time.delay(5_000));
                        return Behaviors.same();
                    })
                    .onMessage(Pass.class, pass -> {
                        hops.set(pass.hops());
                        pass.to().tell(new Ball(pass.hops(), ctx.getSelf()));
                        return Behaviors.same();
                    })
                    .onMessageEquals(Tick.INSTANCE, () -> {
                        ticks.incrementAndGet();
                        return Behaviors.same();
                    })
                    .build();
        }));
    }

    @Test void pingPongRunsTenSimulatedMinutes() {
        AtomicLong hops = new AtomicLong(), ticks = new AtomicLong();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
            ActorRef<Play> ping = ctx.spawn(player(hops, ticks), "ping");
            ActorRef<Play> pong = ctx.spawn(player(hops, ticks), "pong");
            ping.tell(new Ball(0, pong));
            return Behaviors.empty();
        }), "pingpong", VirtualTime.config());
        try {
            VirtualClock clock = VirtualTime.of(system);

            clock.advanceTo(600 * SECOND);

            assertThat(hops.get()).as("one hop per 5 ms for 600 s").isEqualTo(120_000);
            assertThat(ticks.get()).as("each player ticks once a second").isEqualTo(2 * 600);
            VirtualClock.Stats stats = clock.stats();
            assertThat(stats.now()).isEqualTo(600 * SECOND);
            assertThat(stats.timersFired()).isGreaterThanOrEqualTo(120_000 + 1_200);
            assertThat(stats.clockJumps()).isGreaterThanOrEqualTo(120_000);
            assertThat(stats.tasksRun()).isGreaterThanOrEqualTo(2 * 120_000);
        } finally {
            system.terminate();
        }
    }

    // ---- a seeded random workload: actors poke each other after random delays ----

    private record Poke(int from) {}

    private static Behavior<Poke> poker(int id, List<ActorRef<Poke>> everyone, Random random, List<String> events) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            EmuTime time = EmuTime.of(ctx.getSystem());
            long[] pokes = {0};
            return Behaviors.receiveMessage(poke -> {
                events.add(time.now() + " " + id + "<-" + poke.from());
                if (poke.from() == id) {
                    everyone.get(random.nextInt(everyone.size())).tell(new Poke(id));
                } else {
                    timers.startSingleTimer(pokes[0]++, new Poke(id), time.delay(1 + random.nextInt(10_000)));
                }
                return Behaviors.same();
            });
        }));
    }

    private static List<String> runSeeded(long seed) {
        List<String> events = new ArrayList<>();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
            Random random = new Random(VirtualTime.seed(ctx.getSystem()));
            List<ActorRef<Poke>> everyone = new ArrayList<>();
            for (int i = 0; i < 20; i++) everyone.add(ctx.spawn(poker(i, everyone, random, events), "poker-" + i));
            for (int i = 0; i < 20; i++) everyone.get(i).tell(new Poke(-1));
            return Behaviors.empty();
        }), "seeded", VirtualTime.config(seed));
        try {
            VirtualTime.of(system).advanceTo(2 * SECOND);
            return List.copyOf(events);
        } finally {
            system.terminate();
        }
    }

    @Test void theSameSeedReplaysTheSameEvents() {
        List<String> first = runSeeded(42), second = runSeeded(42), other = runSeeded(43);

        assertThat(first).hasSizeGreaterThan(5_000);
        assertThat(second.hashCode()).isEqualTo(first.hashCode());
        assertThat(second).isEqualTo(first);
        assertThat(other.hashCode()).as("another seed, another run").isNotEqualTo(first.hashCode());
    }
}
