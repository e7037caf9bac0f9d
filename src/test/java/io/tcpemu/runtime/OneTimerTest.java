package io.tcpemu.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcpemu.time.EmuTime;
import io.tcpemu.time.VirtualTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.junit.jupiter.api.Test;

/**
 * A {@link OneTimer} on the virtual-time loop runs its actor's handler as it fires, outside the
 * mailbox: what that handler throws must still fail the actor, so its supervisor restarts it.
 */
class OneTimerTest {

    /** Arms a timer on "arm"; its firing ("boom") throws. Says what it does in {@code seen}. */
    private static final class Armer extends AbstractBehavior<String> {
        private final OneTimer<String> timer;
        private final List<String> seen;
        private final EmuTime time;

        Armer(ActorContext<String> ctx, List<String> seen) {
            super(ctx);
            this.timer = new OneTimer<>(ctx, this::handle);
            this.seen = seen;
            this.time = EmuTime.of(ctx.getSystem());
            seen.add("started@" + time.now());
        }

        @Override public Receive<String> createReceive() { return Dispatch.to(this, this::handle, timer::cancel); }

        private Behavior<String> handle(String m) {
            if (m.equals("arm")) {
                timer.start(10, new String("boom"), time);   // a new object per arming, as the actors' firings are
                return this;
            }
            if (timer.take(m)) throw new IllegalStateException("fired@" + time.now());
            seen.add(m + "@" + time.now());
            return this;
        }
    }

    @Test
    void a_failure_as_the_timer_fires_is_the_actors_and_restarts_it() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Behavior<String> supervised = Behaviors.supervise(Behaviors.<String>setup(ctx -> new Armer(ctx, seen)))
                .onFailure(IllegalStateException.class, SupervisorStrategy.restart().withLoggingEnabled(false));
        ActorSystem<String> system = ActorSystem.create(supervised, "one-timer", VirtualTime.config());
        try {
            system.tell("arm");
            VirtualTime.of(system).advanceBy(20);
            system.tell("after");
            VirtualTime.of(system).advanceBy(1);
            assertThat(new ArrayList<>(seen)).containsExactly("started@0", "started@10", "after@20");
        } finally {
            system.terminate();
        }
    }
}
