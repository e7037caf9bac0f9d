package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The heap alone: deadline order, ties in scheduling order, cancellation (a cancelled timer leaves the heap at once). */
class TimerQueueTest {
    private static VirtualTimer timer(long deadline) { return timer(deadline, Origins.EXTERNAL); }

    private static VirtualTimer timer(long deadline, long origin) { return new VirtualTimer(null, deadline, origin, 0, null, null); }

    private static List<VirtualTimer> drain(TimerQueue queue) {
        List<VirtualTimer> out = new ArrayList<>();
        for (VirtualTimer t; (t = queue.pollDue(Long.MAX_VALUE)) != null; ) out.add(t);
        return out;
    }

    @Property(tries = 200)
    void firesLiveTimersByDeadlineThenSchedulingOrder(
            @ForAll @Size(max = 3000) List<@LongRange(max = 50) Long> deadlines,
            @ForAll @IntRange(min = 1, max = 5) int cancelEvery) {
        TimerQueue queue = new TimerQueue();
        List<VirtualTimer> all = new ArrayList<>();
        for (long d : deadlines) {
            VirtualTimer t = timer(d);
            queue.add(t);
            all.add(t);
        }
        List<VirtualTimer> live = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (cancelEvery > 1 && i % cancelEvery == 0) assertThat(queue.cancel(all.get(i))).isTrue();
            else live.add(all.get(i));
        }
        assertThat(queue.liveOneShots()).isEqualTo(live.size());

        List<VirtualTimer> expected = live.stream().sorted(Comparator.comparingLong(t -> t.deadline)).toList(); // stable: ties keep order
        assertThat(drain(queue)).containsExactlyElementsOf(expected);
        assertThat(queue.liveOneShots()).isZero();
        assertThat(queue.size()).isZero();
    }

    /**
     * Arming, cancelling and firing interleaved as a loop does, with deadlines near and far (so
     * timers cross from the far list into the heap), against a sorted set of (deadline, origin, order).
     */
    @Property(tries = 200)
    void interleavedWorkFiresInKeyOrder(@ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        TimerQueue queue = new TimerQueue();
        Comparator<VirtualTimer> byKey = Comparator.<VirtualTimer>comparingLong(t -> t.deadline)
                .thenComparingLong(t -> t.origin).thenComparingLong(t -> t.seq);
        java.util.TreeSet<VirtualTimer> expected = new java.util.TreeSet<>(byKey);
        List<VirtualTimer> pending = new ArrayList<>();
        long now = 0;
        for (int step = 0; step < 3_000; step++) {
            int what = random.nextInt(10);
            if (what < 5) {
                long delay = random.nextBoolean() ? random.nextInt(2_000) : random.nextInt(2_000_000);
                VirtualTimer t = timer(now + delay, random.nextInt(3));
                queue.add(t);
                expected.add(t);
                pending.add(t);
            } else if (what < 8 && !pending.isEmpty()) {
                VirtualTimer t = pending.remove(random.nextInt(pending.size()));
                assertThat(queue.cancel(t)).isEqualTo(expected.remove(t));
            } else {
                assertThat(queue.nextDeadline()).isEqualTo(expected.isEmpty() ? Long.MAX_VALUE : expected.first().deadline);
                if (!expected.isEmpty()) now = Math.max(now, expected.first().deadline);
                VirtualTimer fired = queue.pollDue(now);
                assertThat(fired).isSameAs(expected.pollFirst());
            }
            assertThat(queue.size()).isEqualTo(expected.size());
        }
        assertThat(drain(queue)).containsExactlyElementsOf(expected);
    }

    @Test void manyCancellationsLeaveTheHeapWithoutLosingLiveTimers() {
        TimerQueue queue = new TimerQueue();
        List<VirtualTimer> timers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            VirtualTimer t = timer(10_000 - i);
            queue.add(t);
            timers.add(t);
        }
        for (int i = 0; i < 7_000; i++) queue.cancel(timers.get(i));

        assertThat(queue.size()).isEqualTo(3_000);
        List<VirtualTimer> fired = drain(queue);
        assertThat(fired).hasSize(3_000).isSortedAccordingTo(Comparator.comparingLong(t -> t.deadline));
        assertThat(fired.get(0).deadline).isEqualTo(1);
        assertThat(queue.cancel(fired.get(0))).as("already fired").isFalse();
    }

    @Test void onlyTimersDueByNowArePolled() {
        TimerQueue queue = new TimerQueue();
        queue.add(timer(5));
        queue.add(timer(7));

        assertThat(queue.pollDue(4)).isNull();
        assertThat(queue.pollDue(6).deadline).isEqualTo(5);
        assertThat(queue.nextDeadline()).isEqualTo(7);
    }

    /** Same-instant timers of different origins fire by origin whatever order they were scheduled in; one origin's keep their order. */
    @Test void tiesAtOneInstantGoByOriginThenSchedulingOrder() {
        TimerQueue queue = new TimerQueue();
        VirtualTimer b1 = timer(5, 20), a1 = timer(5, 10), b2 = timer(5, 20), early = timer(4, 30), a2 = timer(5, 10);
        for (VirtualTimer t : List.of(b1, a1, b2, early, a2)) queue.add(t);

        assertThat(drain(queue)).containsExactly(early, a1, a2, b1, b2);
    }

    @Test void periodicTimersRearmAndDoNotCountAsPendingWork() {
        TimerQueue queue = new TimerQueue();
        VirtualTimer tick = new VirtualTimer(null, 10, Origins.EXTERNAL, 10, null, null);
        queue.add(tick);

        assertThat(queue.liveOneShots()).isZero();
        assertThat(queue.pollDue(25)).isSameAs(tick);
        assertThat(queue.pollDue(25)).isSameAs(tick);
        assertThat(queue.pollDue(25)).isNull();
        assertThat(queue.nextDeadline()).isEqualTo(30);
        assertThat(queue.cancel(tick)).isTrue();
        assertThat(queue.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    }
}
