package io.tcpemu.console;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.function.BiConsumer;

/**
 * The console's stand-in for a socket owner: it hears a host's socket events and an endpoint's
 * call replies, and hands each to the session with the tag it was spawned for ("c1", "b:80").
 * The session hears them on the emulation thread, at the emulated time they happen.
 */
final class Owner {
    private Owner() {}

    static Behavior<Object> create(String tag, BiConsumer<String, Object> session) {
        return Behaviors.receiveMessage(message -> {
            session.accept(tag, message);
            return Behaviors.same();
        });
    }
}
