package io.tcpemu.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Partitioned, the trace is gathered per partition, not per thread: a partition's window may run
 * on another partition's thread (lent to it), right after its own thread ran what was handed to
 * it at the barrier. Its events must still come out in the order it published them.
 */
class TraceBusGatheringTest {
    /** The partition whose work the publishing thread runs now, as the virtual clock tells the bus. */
    private final ThreadLocal<Integer> runs = ThreadLocal.withInitial(() -> -1);
    /** Partition 0's thread and partition 1's: each runs one task at a time, in the order given. */
    private final ExecutorService thread0 = Executors.newSingleThreadExecutor(), thread1 = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        thread0.shutdownNow();
        thread1.shutdownNow();
    }

    @Test
    void a_partitions_events_keep_their_order_whichever_threads_published_them_and_come_out_canonically() throws Exception {
        TraceBus bus = new TraceBus();
        bus.gatherBy(runs::get, 2);
        List<String> seen = new ArrayList<>();
        bus.subscribe(e -> seen.add(((TraceEvent.SocketCall) e).call()));

        // a first window: partition 0's thread publishes first (gathered per thread, its list would come first ever after)
        on(thread0, 0, () -> bus.publish(call(5, "a", "a0")));
        bus.flush();
        assertThat(seen).containsExactly("a0");
        seen.clear();

        // the next: partition 1's own thread takes what was handed to it (at 10 µs); then partition 0's thread,
        // partition 1 lent to it, runs partition 1's window (also at 10 µs, the same origin), then its own
        on(thread1, 1, () -> bus.publish(call(10, "b", "b1")));
        on(thread0, 1, () -> bus.publish(call(10, "b", "b2")));
        on(thread0, 1, () -> bus.publish(call(8, "c", "c0")));
        on(thread0, 0, () -> bus.publish(call(10, "a", "a1")));
        assertThat(seen).as("gathered until the barrier").isEmpty();
        bus.flush();
        assertThat(seen).containsExactly("c0", "a1", "b1", "b2");
    }

    @Test
    void events_published_off_the_partitions_go_to_the_subscribers_at_once() {
        TraceBus bus = new TraceBus();
        bus.gatherBy(runs::get, 2);
        List<String> seen = new ArrayList<>();
        bus.subscribe(e -> seen.add(((TraceEvent.SocketCall) e).call()));
        bus.publish(call(1, "driver", "d"));
        assertThat(seen).containsExactly("d");
    }

    /** Runs {@code publishing} on {@code thread}, which runs partition {@code partition}'s work meanwhile, and waits for it. */
    private void on(ExecutorService thread, int partition, Runnable publishing) throws InterruptedException, ExecutionException {
        thread.submit(() -> {
            runs.set(partition);
            try {
                publishing.run();
            } finally {
                runs.set(-1);
            }
        }).get();
    }

    private static TraceEvent call(long time, String host, String label) {
        return new TraceEvent.SocketCall(time, host, 1, label, "ok");
    }
}
