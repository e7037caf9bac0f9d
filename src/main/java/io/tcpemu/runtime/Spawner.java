package io.tcpemu.runtime;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Whoever spawns the network's actors: a guardian's {@code ctx::spawn}, a test's
 * {@code testKit::spawn}, or {@link #of(org.apache.pekko.actor.typed.ActorSystem)}.
 */
@FunctionalInterface
public interface Spawner {
    <T> ActorRef<T> spawn(Behavior<T> behavior, String name);

    /** Spawns top-level actors into a running system from outside it (for the CLI and the console). */
    static Spawner of(org.apache.pekko.actor.typed.ActorSystem<?> system) {
        return new Spawner() {
            @Override public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
                return system.systemActorOf(behavior, name, org.apache.pekko.actor.typed.Props.empty());
            }
        };
    }
}
