package io.tcpemu.pkt;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A one-message actor that hands the answer to a socket call to {@code onReply} on the emulation
 * thread, so the call completes at the emulated instant the answer arrives (an ask's future
 * could complete on another thread, after the clock has moved on).
 */
final class ReplyActor {
    private static final AtomicLong IDS = new AtomicLong();

    private ReplyActor() {}

    static <T> ActorRef<T> spawn(ActorSystem<?> system, Consumer<T> onReply) {
        return system.systemActorOf(Behaviors.receiveMessage(m -> {
            onReply.accept(m);
            return Behaviors.stopped();
        }), "pkt-reply-" + IDS.incrementAndGet(), Props.empty());
    }
}
