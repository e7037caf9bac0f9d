package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a window runs apart (each partition on its own thread) rather than on the barrier's thread, partition after partition. */
class WindowRelayApartTest {

    @Test
    void apart_only_when_two_partitions_with_work_in_the_window_have_each_done_the_threshold_recently() {
        Drive[] both = {Drive.to(10), Drive.to(10), null};
        assertThat(WindowRelay.apart(both, new long[] {40_000, 35_000, 90_000}, 30_000)).isTrue();
        assertThat(WindowRelay.apart(both, new long[] {40_000, 20_000, 90_000}, 30_000)).as("one side small").isFalse();
        // the third did much, but has nothing in this window
        assertThat(WindowRelay.apart(both, new long[] {40_000, 0, 90_000}, 30_000)).isFalse();
        Drive[] one = {Drive.to(10), null, null};
        assertThat(WindowRelay.apart(one, new long[] {90_000, 90_000, 90_000}, 30_000)).as("work on one side only").isFalse();
        assertThat(WindowRelay.apart(both, new long[] {0, 0, 0}, 0)).as("threshold 0: always, with two").isTrue();
    }
}
