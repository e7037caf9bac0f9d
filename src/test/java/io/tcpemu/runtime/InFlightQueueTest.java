package io.tcpemu.runtime;

import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightQueueTest {
    private static final SockAddr A = SockAddr.of("10.0.0.1", 1000);
    private static final SockAddr B = SockAddr.of("10.0.0.2", 80);

    /** What the queue replaced: one priority queue by (arrival, order queued). */
    private record Ref(long at, long order, Segment segment, long sentAt) {}

    @Test
    void takes_segments_in_the_order_of_one_priority_queue_whatever_the_arrivals() {
        for (long seed = 0; seed < 50; seed++) {
            Random random = new Random(seed);
            InFlightQueue queue = new InFlightQueue();
            PriorityQueue<Ref> ref = new PriorityQueue<>(Comparator.comparingLong(Ref::at).thenComparingLong(Ref::order));
            long now = 0, order = 0;
            List<Segment> got = new ArrayList<>(), want = new ArrayList<>();
            for (int step = 0; step < 2000; step++) {
                now += random.nextInt(3);
                if (random.nextInt(3) > 0) {   // mostly a fixed delay; now and then jitter earlier or later
                    long at = now + 100 + (random.nextInt(8) == 0 ? random.nextInt(200) - 100 : 0);
                    Segment seg = Segment.control(A, B, step, 0, 0, 0);
                    queue.add(at, seg, now);
                    ref.add(new Ref(at, order++, seg, now));
                }
                assertThat(queue.size()).isEqualTo(ref.size());
                assertThat(queue.nextAt()).isEqualTo(ref.isEmpty() ? Long.MAX_VALUE : ref.peek().at());
                while (queue.nextAt() <= now) {
                    assertThat(queue.nextSentAt()).isEqualTo(ref.peek().sentAt());
                    got.add(queue.poll());
                    want.add(ref.poll().segment());
                }
            }
            assertThat(got).containsExactlyElementsOf(want);
            assertThat(got.size()).isGreaterThan(1000);
        }
    }

    @Test
    void an_empty_queue_has_nothing_due() {
        InFlightQueue queue = new InFlightQueue();
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.nextAt()).isEqualTo(Long.MAX_VALUE);
        queue.add(5, Segment.control(A, B, 1, 0, 0, 0), 0);
        assertThat(queue.isEmpty()).isFalse();
        queue.poll();
        assertThat(queue.isEmpty()).isTrue();
    }
}
