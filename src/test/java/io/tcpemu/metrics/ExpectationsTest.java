package io.tcpemu.metrics;

import io.tcpemu.config.ExpectSettings;
import io.tcpemu.tcp.State;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectationsTest {
    private static Metrics twoInTimeWait() {
        MetricsCollector c = new MetricsCollector(1_000);
        c.accept(Trace.state(0, "a", 1, State.CLOSED, State.SYN_SENT));
        c.accept(Trace.state(10, "a", 1, State.SYN_SENT, State.ESTABLISHED));
        c.accept(Trace.state(20, "a", 1, State.ESTABLISHED, State.TIME_WAIT));
        c.accept(Trace.state(30, "a", 2, State.FIN_WAIT_2, State.TIME_WAIT));
        return c.finish(1_000);
    }

    @Test
    void counts_that_hold_give_no_failures() {
        assertThat(Expectations.check(twoInTimeWait(), Map.of("established", 1L, "stale-bytes", 0L, "max-time-wait", 5L))).isEmpty();
    }

    @Test
    void each_failed_count_is_one_line() {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("established", 2L);
        expected.put("max-time-wait", 1L);
        expected.put("refused", 0L);
        expected.put("bogus", 1L);
        assertThat(Expectations.check(twoInTimeWait(), expected)).containsExactly(
                "established: expected 2, measured 1",
                "max-time-wait: expected at most 1, measured 2",
                "bogus: not a counter");
    }

    @Test
    void every_count_a_scenario_may_expect_is_a_counter() {
        for (String name : ExpectSettings.COUNTERS) assertThat(Counter.byLabel(name)).as(name).isNotNull();
    }
}
