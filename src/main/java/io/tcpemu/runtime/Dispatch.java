package io.tcpemu.runtime;

import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.function.Function;

/**
 * A {@link Receive} that hands every message to one handler. Actors on the per-segment path use it
 * with a switch ordered by frequency, instead of a receive builder's case search per message.
 */
final class Dispatch {
    private Dispatch() {}

    /** A failure of work run for an actor outside its mailbox ({@link OneTimer}); thrown when the actor takes it. */
    private record Rethrow(RuntimeException failure) implements NoSerializationVerificationNeeded {}

    /**
     * Throws {@code failure} inside the actor of {@code self} (one that receives through
     * {@link #to}), as its next message: its failure reporting and supervisor then handle it as
     * a failure of its own step.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void rethrowIn(ActorRef<?> self, RuntimeException failure) {
        ((ActorRef) self).tell(new Rethrow(failure));
    }

    /**
     * @param self the actor's own behavior: a handler that returns it is answered {@code same}.
     *             Returned as itself, every interceptor around the actor (supervision, failure
     *             reporting, timers) would wrap it in a new interceptor, once per message.
     */
    static <T> Receive<T> to(Behavior<T> self, Function<T, Behavior<T>> handler) {
        return to(self, handler, () -> { });
    }

    /**
     * The same, for an actor with a timer of its own ({@link OneTimer}): {@code onStop} cancels it
     * when the actor stops or is restarted, as {@code Behaviors.withTimers} cancels its timers.
     */
    static <T> Receive<T> to(Behavior<T> self, Function<T, Behavior<T>> handler, Runnable onStop) {
        return new Receive<>() {
            @Override public Behavior<T> receiveMessage(T message) {
                if (message instanceof Rethrow r) throw r.failure();
                Behavior<T> next = handler.apply(message);
                return next == self ? Behaviors.same() : next;
            }

            @Override public Behavior<T> receiveSignal(Signal signal) {
                if (signal == PostStop.instance() || signal == PreRestart.instance()) onStop.run();
                return Behaviors.unhandled();
            }
        };
    }
}
