package io.tcpemu.pkt;

import io.tcpemu.runtime.Link;
import io.tcpemu.time.EmuTime;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.Queue;

/**
 * Stands in for the link from the host under test toward the script's peer: instead of carrying
 * segments on, it records them with the emulated time they were sent, for the runner to compare.
 */
final class CaptureLink {
    private CaptureLink() {}

    static Behavior<Link.Command> create(EmuTime time, long startedAt, Queue<Target.Sent> captured) {
        return Behaviors.receiveMessage(m -> {
            if (m instanceof Link.Transmit t) captured.add(new Target.Sent(time.now() - startedAt, t.segment()));
            return Behaviors.same();
        });
    }
}
