package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.RootActorPath;
import org.apache.pekko.event.NoLogging;
import org.junit.jupiter.api.Test;
import scala.concurrent.ExecutionContext;

/**
 * Windows run in turn hand a segment that crosses straight to its receiving end as it is sent,
 * unless what was handed to that partition before still waits there: a link takes its segments
 * in the order they were sent. Here the first segment crosses in the drive's first window (run on
 * the partition's own thread, handed over at its barrier, which lends the receiver to the
 * barrier's thread before it runs it) and the second in the next window, run in turn, before the
 * receiver has run: taken at once, it jumped ahead of the first.
 */
class InTurnHandOverOrderTest {

    @Test
    void a_segment_sent_in_turn_is_taken_after_the_one_handed_over_before_it() {
        VirtualLoop a = new VirtualLoop("in-turn-order-a", NoLogging.getInstance());
        VirtualLoop b = new VirtualLoop("in-turn-order-b", NoLogging.getInstance());
        Windows windows = new Windows(List.of(a, b), 50);
        try {
            List<String> taken = Collections.synchronizedList(new ArrayList<>());
            windows.receiveOn("a->b", new RootActorPath(Address.apply("pekko", "test"), "/").$div("link-a->b"),
                    m -> taken.add(m + (VirtualLoop.current() == b ? " on b" : " elsewhere")), m -> taken.add(m + " told"));
            sendAt(a, windows, 10, "1");   // in the first window, [10, 59]
            sendAt(a, windows, 60, "2");   // in the next, run in turn, while "1" waits in b

            assertThat(windows.drive(Drive.to(1_000), "advanceTo")).isEqualTo(Drive.Outcome.REACHED_TARGET);

            assertThat(taken).containsExactly("1 on b", "2 on b");
            assertThat(windows.stats().windows()).as("the second window ran").isGreaterThanOrEqualTo(2);
        } finally {
            a.close();
            b.close();
        }
    }

    /** At {@code t} on {@code from}, a segment {@code what} crosses to partition 1, arriving a lookahead later. */
    private static void sendAt(VirtualLoop from, Windows windows, long t, String what) {
        from.schedule(t, 0, () -> windows.post(new RemotePartition.Crossing(1, from.now(), from.now() + 50, "a->b", what)),
                ExecutionContext.parasitic$.MODULE$);
    }
}
