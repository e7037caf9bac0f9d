package io.tcpemu.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tcpemu.metrics.Trace.state;
import static io.tcpemu.tcp.State.CLOSED;
import static io.tcpemu.tcp.State.ESTABLISHED;
import static io.tcpemu.tcp.State.FIN_WAIT_2;
import static io.tcpemu.tcp.State.SYN_SENT;
import static io.tcpemu.tcp.State.TIME_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

class SummaryTableTest {

    @Test
    void a_latency_nobody_measured_prints_dashes_not_zero() {
        MetricsCollector c = new MetricsCollector(100_000);
        c.accept(state(0, "a", 1, CLOSED, SYN_SENT));
        c.accept(state(10_000, "a", 1, SYN_SENT, ESTABLISHED));
        String text = SummaryTable.render(c.finish(25_000));
        assertThat(text).containsPattern("(?m)^handshake +1 +10ms +10ms +10ms +10ms$")
                .containsPattern("(?m)^lifetime +0 +- +- +- +-$")
                .as("no sample falls in 12.5ms-25ms: no mean").containsPattern("(?m)^a +0 +- +1");
    }

    @Test
    void the_steady_state_window_is_the_second_half_of_the_active_period_and_says_so() {
        MetricsCollector c = new MetricsCollector(100_000);
        List.of(state(0, "a", 1, FIN_WAIT_2, TIME_WAIT),
                state(1_000_000, "a", 2, FIN_WAIT_2, TIME_WAIT),
                state(2_500_000, "a", 1, TIME_WAIT, CLOSED),
                state(3_000_000, "a", 2, TIME_WAIT, CLOSED)).forEach(c::accept);
        String text = SummaryTable.render(c.finish(4_000_000).withActivePeriod(0, 2_000_000));
        assertThat(text).containsPattern("(?m)^a +2 +2 +0")
                .contains("mean TIME-WAIT: over 1s-2s, the second half of the workload's active period");
    }
}
