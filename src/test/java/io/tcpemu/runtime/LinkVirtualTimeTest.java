package io.tcpemu.runtime;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.time.VirtualClock;
import io.tcpemu.time.VirtualTime;
import io.tcpemu.trace.TraceBus;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The link actor on the virtual clock: segments arrive at exactly the microsecond the model decided. */
class LinkVirtualTimeTest {
    static final SockAddr A = SockAddr.of("10.0.0.1", 40000);
    static final SockAddr B = SockAddr.of("10.0.0.2", 80);

    ActorTestKit kit;
    VirtualClock clock;
    final List<String> arrivals = new ArrayList<>();

    @BeforeEach void start() {
        kit = ActorTestKit.create(VirtualTime.config());
        clock = VirtualTime.of(kit.system());
    }

    @AfterEach void stop() { kit.shutdownTestKit(); }

    /** Host b: writes down which segment arrived when (runs on the emulation thread). */
    Behavior<Host.Command> recorder() {
        return Behaviors.receiveMessage(m -> {
            for (var seg : Deliveries.of(m)) arrivals.add(seg.seq() + "@" + clock.now());
            return Behaviors.same();
        });
    }

    @Test
    void arrivals_match_the_pure_model_to_the_microsecond() {
        LinkParams params = LinkParams.ofDelay(2_500).withJitter(new Jitter(Jitter.Distribution.PARETO, 700))
                .withLoss(0.1).withDuplicate(0.05, 333).withReorder(0.05, 4_000);
        RuntimeEnv env = new RuntimeEnv(new Directory(), new TraceBus(), clock);
        env.directory().addHost("b", B.ip(), kit.spawn(recorder()));
        ActorRef<Link.Command> link = kit.spawn(Link.create(new LinkSpec("a", "b", params, List.of(), 99), env));

        LinkModel model = new LinkModel(params, 99);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            long now = i * 137L;
            clock.advanceTo(now);
            Segment s = Segment.control(A, B, i, 0, Flags.ACK, 1000);
            link.tell(new Link.Transmit(s, State.ESTABLISHED, now));
            LinkModel.Fate f = model.transmit(s, State.ESTABLISHED, "a", now);
            if (f.dropped()) continue;
            expected.add(f.deliverAt() + " " + i);
            for (LinkModel.Arrival c : f.copies()) expected.add(c.at() + " " + i);
        }
        clock.runUntilIdle(10_000_000);

        List<String> actual = arrivals.stream().map(a -> a.split("@")[1] + " " + a.split("@")[0]).toList();
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(actual.size()).isBetween(1_700, 1_900);
        List<Long> times = actual.stream().map(a -> Long.parseLong(a.split(" ")[0])).toList();
        assertThat(times).as("delivered in time order").isSorted();
        assertThat(clock.timersFired()).as("one timer per distinct arrival time at most")
                .isLessThanOrEqualTo(actual.size());
    }
}
