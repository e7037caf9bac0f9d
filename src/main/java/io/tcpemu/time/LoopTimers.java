package io.tcpemu.time;

import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import scala.concurrent.ExecutionContext;

/**
 * One-shot timers in emulated µs, straight on the virtual-time loop of the calling thread: what
 * {@code ActorContext.scheduleOnce} does, without a {@code java.time.Duration}, a Scala
 * {@code FiniteDuration} and Pekko's wrappers per timer (an endpoint arms one or more timers for
 * nearly every segment it sends). The same steps in the same order, so the same trace: the timer
 * is scheduled on the loop with the calling actor's origin; when it fires, the message is sent by
 * a task queued behind the work already queued, as the actor's dispatcher queues it.
 */
public final class LoopTimers {
    private LoopTimers() {}

    /**
     * Tells {@code target} {@code message} after {@code micros} of emulated time; null when this
     * thread is no virtual-time loop's (Pekko's own scheduler: the caller uses the actor context).
     */
    public static <T> Cancellable tellLater(long micros, ActorRef<T> target, T message) {
        VirtualLoop loop = VirtualLoop.current();
        if (loop == null) return null;
        return loop.schedule(asScheduled(micros), 0, () -> target.tell(message), loop.queue);
    }

    /**
     * Tells {@code target} {@code message} as the timer fires, after {@code micros} of emulated
     * time, as {@code Behaviors.withTimers}' single timers do (no task between the firing and the
     * message); null when this thread is no virtual-time loop's.
     */
    public static <T> Cancellable tellOnFiring(long micros, ActorRef<T> target, T message) {
        VirtualLoop loop = VirtualLoop.current();
        if (loop == null) return null;
        return loop.schedule(asScheduled(micros), 0, () -> target.tell(message), ExecutionContext.parasitic$.MODULE$);
    }

    /**
     * Runs {@code task} on the loop as the timer fires, after {@code micros} of emulated time,
     * ranked as the work of {@code origin} ({@link LoopWork#originOf}) whoever's step arms it: an
     * actor's work done inside another actor's step (a link deciding a segment in its sending
     * host's step) keeps its own rank among the timers due at one instant; null when this thread
     * is no virtual-time loop's.
     */
    public static Cancellable runOnFiring(long micros, Runnable task, long origin) {
        VirtualLoop loop = VirtualLoop.current();
        if (loop == null) return null;
        return loop.schedule(asScheduled(micros), 0, task, ExecutionContext.parasitic$.MODULE$, origin);
    }

    /** The delay the scheduler gets for {@code micros} through {@link VirtualClock#delay}: "never" is capped as there. */
    static long asScheduled(long micros) {
        return micros >= Long.MAX_VALUE / 1000 ? Long.MAX_VALUE / 1000 + 1 : Math.max(0, micros);
    }

    /** The loop as an execution context: a task handed to it is queued, as a dispatcher queues it. */
    static final class Queue implements ExecutionContext {
        private final VirtualLoop loop;

        Queue(VirtualLoop loop) { this.loop = loop; }

        @Override public void execute(Runnable task) { loop.submit(task); }

        @Override public void reportFailure(Throwable cause) { }
    }
}
