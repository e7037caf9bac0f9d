package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/**
 * {@link LoopTimers} takes the place of {@code ActorContext.scheduleOnce} and of a
 * {@code withTimers} single timer on the endpoints, hosts and links: it must deliver in exactly
 * the order Pekko's own timers do, or every trace would change.
 */
class LoopTimersTest {

    /** Arms the same four timers, due at the same instant, through Pekko or through the loop; records what arrives. */
    private static Behavior<String> armer(boolean viaLoop, List<String> seen) {
        return Behaviors.withTimers(timers -> Behaviors.setup(ctx -> Behaviors.receiveMessage(m -> {
            if (!m.equals("arm")) {
                seen.add(m + "@" + EmuTime.of(ctx.getSystem()).now());
                return Behaviors.same();
            }
            ActorRef<String> self = ctx.getSelf();
            if (viaLoop) {
                LoopTimers.tellLater(10, self, "queued-1");
                LoopTimers.tellOnFiring(10, self, "fired-1");
                LoopTimers.tellLater(10, self, "queued-2");
                LoopTimers.tellOnFiring(10, self, "fired-2");
                LoopTimers.tellOnFiring(5, self, "early");
            } else {
                ctx.scheduleOnce(Duration.ofNanos(10_000), self, "queued-1");
                timers.startSingleTimer("a", "fired-1", Duration.ofNanos(10_000));
                ctx.scheduleOnce(Duration.ofNanos(10_000), self, "queued-2");
                timers.startSingleTimer("b", "fired-2", Duration.ofNanos(10_000));
                timers.startSingleTimer("c", "early", Duration.ofNanos(5_000));
            }
            ctx.getSelf().tell("after-arming");
            return Behaviors.same();
        })));
    }

    private static List<String> run(boolean viaLoop) {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        return armedAndRun(armer(viaLoop, seen), "timers", seen);
    }

    /** Tells {@code armer} to arm its timers, runs 20 µs of virtual time and returns what it saw. */
    private static List<String> armedAndRun(Behavior<String> armer, String name, List<String> seen) {
        ActorSystem<String> system = ActorSystem.create(armer, name, VirtualTime.config());
        try {
            system.tell("arm");
            VirtualTime.of(system).advanceBy(20);
            return new ArrayList<>(seen);
        } finally {
            system.terminate();
        }
    }

    @Test
    void timers_on_the_loop_deliver_when_and_in_the_order_pekkos_own_do() {
        List<String> pekko = run(false);
        // each queued message is sent by a task that runs before the next timer of the instant fires
        assertThat(pekko).containsExactly("after-arming@0", "early@5", "queued-1@10", "fired-1@10", "queued-2@10", "fired-2@10");
        assertThat(run(true)).isEqualTo(pekko);
    }

    /** Arms four timers due at one instant; the second one told, or run on firing as a task that records what its message would. */
    private static List<String> runOrTell(boolean run) {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Behavior<String> armer = Behaviors.setup(ctx -> Behaviors.receiveMessage(m -> {
            long now = EmuTime.of(ctx.getSystem()).now();
            if (!m.equals("arm")) {
                seen.add(m + "@" + now);
                return Behaviors.same();
            }
            ActorRef<String> self = ctx.getSelf();
            LoopTimers.tellOnFiring(10, self, "a");
            if (run) LoopTimers.runOnFiring(10, () -> seen.add("b@" + EmuTime.of(ctx.getSystem()).now()), LoopWork.originOf(self.path()));
            else LoopTimers.tellOnFiring(10, self, "b");
            LoopTimers.tellLater(10, self, "c");
            LoopTimers.tellOnFiring(10, self, "d");
            self.tell("after-arming");
            return Behaviors.same();
        }));
        return armedAndRun(armer, "run-or-tell", seen);
    }

    @Test
    void a_task_run_on_firing_runs_where_a_message_told_on_firing_is_taken() {
        assertThat(runOrTell(false)).containsExactly("after-arming@0", "a@10", "b@10", "c@10", "d@10");
        assertThat(runOrTell(true)).isEqualTo(runOrTell(false));
    }

    @Test
    void off_a_virtual_time_loop_there_is_no_loop_timer() {
        assertThat(LoopTimers.tellLater(10, null, "x")).isNull();
        assertThat(LoopTimers.tellOnFiring(10, null, "x")).isNull();
        assertThat(LoopTimers.runOnFiring(10, () -> { }, 0)).isNull();
    }

    @Test
    void a_never_timer_is_capped_as_the_clock_caps_its_delay() {
        assertThat(LoopTimers.asScheduled(Long.MAX_VALUE)).isEqualTo(VirtualScheduler.micros(
                scala.concurrent.duration.FiniteDuration.fromNanos(new VirtualClock(null).delay(Long.MAX_VALUE).toNanos())));
        assertThat(LoopTimers.asScheduled(1_234)).isEqualTo(1_234);
        assertThat(LoopTimers.asScheduled(-5)).isZero();
    }
}
