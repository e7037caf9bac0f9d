package io.tcpemu.runtime;

import io.tcpemu.time.EmuTime;
import io.tcpemu.time.LoopTimers;
import io.tcpemu.time.LoopWork;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import scala.concurrent.ExecutionContext;

import java.util.function.Function;

/**
 * The one timer of a host (its next TIME-WAIT expiry) or a link (its next delivery): what a single
 * timer of {@code Behaviors.withTimers} does, without the interceptor every message of the actor
 * passes through, nor a Scala duration and a map update per timer (a link arms one per instant a
 * segment arrives). Each arming has its own message object; a firing whose timer was cancelled or
 * re-armed after its message was queued is told apart by identity ({@link #take}) and ignored, as
 * {@code withTimers} does by generation.
 *
 * <p>On a virtual-time loop the firing hands the message to the actor's handler on the spot,
 * instead of telling it: a timer fires only when nothing else is runnable, so the message would
 * have been the only work queued and run next, in the same order. That saves a tell and a mailbox
 * run per firing (a link fires once per instant segments arrive). A failure there is thrown in the
 * actor ({@link Dispatch#rethrowIn}), so it is reported and supervised as before.
 *
 * <p>The timer is armed as the actor's own work (its origin) whoever's step arms it: a link's is
 * armed in its sending host's step ({@link Link.Wire}), and still ranks as the link's.
 */
final class OneTimer<M> {
    private final ActorContext<M> ctx;
    private final ActorRef<M> self;
    /** The actor's own handler, run as the timer fires. */
    private final Function<M, ?> handler;
    /** The actor's origin: what its timer ranks by among those due at one instant. */
    private final long origin;
    private M current;
    private Cancellable scheduled;

    OneTimer(ActorContext<M> ctx, Function<M, ?> handler) {
        this.ctx = ctx;
        this.self = ctx.getSelf();
        this.handler = handler;
        this.origin = LoopWork.originOf(self.path());
    }

    /** Arms the timer to hand over {@code message} (a new object each time) after {@code micros}, cancelling the one armed. */
    void start(long micros, M message, EmuTime time) {
        cancel();
        current = message;
        Cancellable timer = LoopTimers.runOnFiring(micros, () -> fire(message), origin);
        ActorRef<M> to = self;
        scheduled = timer != null ? timer
                : ctx.getSystem().scheduler().scheduleOnce(time.delay(micros), () -> to.tell(message), ExecutionContext.parasitic$.MODULE$);
    }

    private void fire(M message) {
        try {
            handler.apply(message);
        } catch (RuntimeException e) {
            Dispatch.rethrowIn(self, e);
        }
    }

    void cancel() {
        if (scheduled != null) scheduled.cancel();
        scheduled = null;
        current = null;
    }

    /** True if {@code message} is the armed timer's firing (which is then no longer armed); false if stale. */
    boolean take(M message) {
        if (message != current) return false;
        scheduled = null;
        current = null;
        return true;
    }
}
