package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.pekko.event.NoLogging;
import org.junit.jupiter.api.Test;
import scala.concurrent.ExecutionContext;

/**
 * What crossed to a partition is taken there in one task, each segment as its receiving end's
 * own work: the timer it arms carries that end's origin, as if the actor had armed it on a
 * message, so same-instant timers keep their order whatever the partitions.
 */
class HandOversTest {

    @Test
    void each_is_taken_in_order_as_its_receivers_work_or_told_where_it_cannot_be_taken() {
        VirtualLoop loop = new VirtualLoop("hand-overs-test", NoLogging.getInstance());
        Windows windows = new Windows(List.of(loop), 50);
        try {
            List<String> taken = new ArrayList<>();
            List<Long> origins = new ArrayList<>();
            List<Object> told = new ArrayList<>();
            Predicate<Object> arming = m -> {
                taken.add((String) m);
                VirtualTimer t = VirtualLoop.current().schedule(1_000, 0, () -> { }, ExecutionContext.parasitic$.MODULE$);
                origins.add(t.origin);
                return true;
            };
            HandOvers.Receiver ab = new HandOvers.Receiver(told::add, Origins.of("link-a->b"), arming, "a->b");
            HandOvers.Receiver cd = new HandOvers.Receiver(told::add, Origins.of("link-c->d"), arming, "c->d");
            HandOvers.Receiver notRunning = new HandOvers.Receiver(told::add, Origins.of("link-e->f"), m -> false, "e->f");

            HandOvers h = new HandOvers(windows, 0);
            h.add(ab, "1");
            h.add(cd, "2");
            h.add(notRunning, "3");
            h.add(ab, "4");
            h.queueOn(loop);
            assertThat(loop.drive(Drive.untilIdle(10_000), "runUntilIdle")).isEqualTo(Drive.Outcome.IDLE);

            assertThat(taken).containsExactly("1", "2", "4");
            assertThat(origins).containsExactly(Origins.of("link-a->b"), Origins.of("link-c->d"), Origins.of("link-a->b"));
            assertThat(told).containsExactly("3");
            assertThat(h.queued()).as("run, so the barrier may fill it again").isFalse();
            assertThat(h.isEmpty()).isTrue();
        } finally {
            loop.close();
        }
    }

    @Test
    void a_receiving_end_that_throws_ends_the_run_naming_its_link() {
        VirtualLoop loop = new VirtualLoop("hand-overs-failing", NoLogging.getInstance());
        Windows windows = new Windows(List.of(loop), 50);
        try {
            HandOvers h = new HandOvers(windows, 0);
            h.add(new HandOvers.Receiver(m -> { }, Origins.of("link-a->b"), m -> { throw new IllegalStateException("broken"); }, "a->b"), "1");
            h.queueOn(loop);
            assertThatThrownBy(() -> windows.drive(Drive.to(1_000), "advanceTo"))
                    .isInstanceOf(PartitionFailure.class)
                    .hasMessageContaining("partition 0 failed: link a->b crashed")
                    .hasMessageContaining("broken");
        } finally {
            loop.close();
        }
    }
}
