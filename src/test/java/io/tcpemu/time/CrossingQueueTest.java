package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One partition's segments for another in an epoch: taken in the order added, over chunk ends, while the adder goes on. */
class CrossingQueueTest {

    private static RemotePartition.Crossing crossing(long n) {
        return new RemotePartition.Crossing(1, n, n + 50, "a->b", n);
    }

    @Test
    void takes_in_the_order_added_across_chunks_and_nothing_once_empty() {
        CrossingQueue q = new CrossingQueue();
        assertThat(q.poll()).isNull();
        List<Long> taken = new ArrayList<>();
        long n = 0;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < CrossingQueue.CHUNK + 7; i++) q.add(crossing(n++));
            for (RemotePartition.Crossing c; (c = q.poll()) != null; ) taken.add(c.sentAt());
        }
        assertThat(taken).hasSize((int) n);
        for (int i = 0; i < taken.size(); i++) assertThat(taken.get(i)).isEqualTo(i);
        assertThat(q.poll()).isNull();
    }

    @Test
    void a_taker_on_another_thread_sees_every_segment_in_order() throws InterruptedException {
        CrossingQueue q = new CrossingQueue();
        long total = 200_000;
        Thread adder = new Thread(() -> {
            for (long i = 0; i < total; i++) q.add(crossing(i));
        });
        adder.start();
        long expected = 0;
        while (expected < total) {
            RemotePartition.Crossing c = q.poll();
            if (c == null) {
                Thread.onSpinWait();
                continue;
            }
            assertThat(c.sentAt()).isEqualTo(expected);
            expected++;
        }
        adder.join();
        assertThat(q.poll()).isNull();
    }
}
