package io.tcpemu.runtime;

import org.apache.pekko.actor.typed.Behavior;
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

    static <T> Receive<T> to(Function<T, Behavior<T>> handler) {
        return new Receive<>() {
            @Override public Behavior<T> receiveMessage(T message) { return handler.apply(message); }

            @Override public Behavior<T> receiveSignal(Signal signal) { return Behaviors.unhandled(); }
        };
    }
}
