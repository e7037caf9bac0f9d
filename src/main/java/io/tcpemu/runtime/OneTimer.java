package io.tcpemu.runtime;

import io.tcpemu.time.EmuTime;
import io.tcpemu.time.LoopTimers;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import scala.concurrent.ExecutionContext;

/**
 * The one timer of a host (its next TIME-WAIT expiry) or a link (its next delivery): what a single
 * timer of {@code Behaviors.withTimers} does, without the interceptor every message of the actor
 * passes through, nor a Scala duration and a map update per timer (a link arms one per instant a
 * segment arrives). Each arming sends its own message object; a firing whose timer was cancelled or
 * re-armed after its message was queued is told apart by identity ({@link #take}) and ignored, as
 * {@code withTimers} does by generation. The message is told as the timer fires, as there.
 */
final class OneTimer<M> {
    private final ActorContext<M> ctx;
    private M current;
    private Cancellable scheduled;

    OneTimer(ActorContext<M> ctx) { this.ctx = ctx; }

    /** Arms the timer to tell {@code message} (a new object each time) after {@code micros}, cancelling the one armed. */
    void start(long micros, M message, EmuTime time) {
        cancel();
        current = message;
        ActorRef<M> self = ctx.getSelf();
        Cancellable timer = LoopTimers.tellOnFiring(micros, self, message);
        scheduled = timer != null ? timer
                : ctx.getSystem().scheduler().scheduleOnce(time.delay(micros), () -> self.tell(message), ExecutionContext.parasitic$.MODULE$);
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
