package io.tcpemu.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputQueueTest {
    @Test
    void segments_leave_one_service_time_apart_and_the_one_past_the_limit_is_dropped() {
        OutputQueue q = new OutputQueue(OutputQueue.serviceMicros(1000), 3); // 1 ms per segment, 3 held
        assertThat(q.enqueue(0)).isEqualTo(1_000);
        assertThat(q.enqueue(0)).isEqualTo(2_000);
        assertThat(q.enqueue(0)).isEqualTo(3_000);
        assertThat(q.enqueue(0)).isEqualTo(OutputQueue.DROPPED);
        assertThat(q.length(1_500)).isEqualTo(2);
        assertThat(q.enqueue(1_500)).isEqualTo(4_000); // behind the two still queued
        assertThat(q.maxLength()).isEqualTo(3);
        assertThat(q.drops()).isEqualTo(1);
    }

    @Test
    void an_idle_interface_sends_at_once_and_without_a_rate_nothing_waits() {
        OutputQueue q = new OutputQueue(500, 1);
        assertThat(q.enqueue(10_000)).isEqualTo(10_500);
        assertThat(q.enqueue(20_000)).isEqualTo(20_500);
        OutputQueue free = new OutputQueue(0, 1);
        for (int i = 0; i < 5; i++) assertThat(free.enqueue(7)).isEqualTo(7);
        assertThat(free.drops()).isZero();
    }
}
