package io.tcpemu.pkt;

import io.tcpemu.runtime.Endpoint;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.concurrent.atomic.AtomicLong;

/** Runs {@code onStop} on the emulation thread when an endpoint actor stops. */
final class EndpointWatcher {
    private static final AtomicLong IDS = new AtomicLong();

    private EndpointWatcher() {}

    static void spawn(ActorSystem<?> system, ActorRef<Endpoint.Command> endpoint, Runnable onStop) {
        Behavior<Void> watcher = Behaviors.setup(ctx -> {
            ctx.watch(endpoint);
            return Behaviors.receive(Void.class).onSignal(Terminated.class, t -> {
                onStop.run();
                return Behaviors.stopped();
            }).build();
        });
        system.systemActorOf(watcher, "pkt-watch-" + IDS.incrementAndGet(), Props.empty());
    }
}
