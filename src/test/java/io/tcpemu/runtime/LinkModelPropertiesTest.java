package io.tcpemu.runtime;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

/** What holds for any parameters and seed: delays stay within their stated bounds, copies come after. */
class LinkModelPropertiesTest {
    static final Segment ACK = Segment.control(SockAddr.of("10.0.0.1", 1), SockAddr.of("10.0.0.2", 2), 1, 1, Flags.ACK, 1000);

    @Property(tries = 200)
    void every_arrival_is_within_the_bounds_of_delay_jitter_and_hold(
            @ForAll long seed,
            @ForAll @LongRange(max = 100_000) long delay,
            @ForAll Jitter.Distribution distribution,
            @ForAll @LongRange(max = 10_000) long amount,
            @ForAll @DoubleRange(max = 1) double loss,
            @ForAll @DoubleRange(max = 1) double duplicate,
            @ForAll @DoubleRange(max = 1) double reorder,
            @ForAll @LongRange(max = 50_000) long hold) {
        LinkParams p = LinkParams.ofDelay(delay).withJitter(new Jitter(distribution, amount)).withLoss(loss)
                .withDuplicate(duplicate, 1_000).withReorder(reorder, hold);
        LinkModel m = new LinkModel(p, seed);
        long lastInOrder = 0;
        for (int i = 0; i < 200; i++) {
            long now = i * 10_000L;
            LinkModel.Fate f = m.transmit(ACK, State.ESTABLISHED, "a", now);
            if (f.dropped()) {
                assertThat(f.dropReason()).isEqualTo("loss");
                continue;
            }
            long earliest = now + delay;
            // order keeping may wait for an earlier segment's jitter, never more than one maximum jitter
            long latest = Math.max(now, lastInOrder) + delay + new Jitter(distribution, amount).max() + p.effectiveReorderHold();
            assertThat(f.deliverAt()).isBetween(earliest, latest);
            for (LinkModel.Arrival c : f.copies()) assertThat(c.at()).isEqualTo(f.deliverAt() + 1_000);
            lastInOrder = Math.max(lastInOrder, f.deliverAt() - delay);
        }
    }
}
