package io.tcpemu.metrics;

import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LittlesLawTest {

    @Test
    void linux_defaults_run_out_of_ports_above_about_470_connections_per_second() {
        LittlesLaw law = new LittlesLaw(500, 60 * SECOND, 60999 - 32768 + 1);
        assertThat(law.steadyStateTimeWait()).isEqualTo(30_000.0);
        assertThat(law.exhaustionRate()).isCloseTo(470.53, within(0.01));
        assertThat(law.exhaustsPorts()).isTrue();
        assertThat(law.predictedTimeWait()).isEqualTo(28_232.0);
    }

    @Test
    void below_the_limit_ports_last() {
        LittlesLaw law = new LittlesLaw(100, 4 * 60 * SECOND, 28232);
        assertThat(law.steadyStateTimeWait()).isEqualTo(24_000.0);
        assertThat(law.exhaustsPorts()).isFalse();
        assertThat(law.predictedTimeWait()).isEqualTo(24_000.0);
    }

    @Test
    void the_measured_mean_after_warm_up_matches_the_prediction() {
        // 10 closes per second, each 1 s in TIME-WAIT: 10 in TIME-WAIT once the first ones expire
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long t = i * 100_000L;
            events.add(Trace.state(t, "a", i, State.FIN_WAIT_2, State.TIME_WAIT));
            events.add(Trace.state(t + SECOND, "a", i, State.TIME_WAIT, State.CLOSED));
        }
        events.sort(Comparator.comparingLong(TraceEvent::time));
        MetricsCollector c = new MetricsCollector(100_000);
        events.stream().filter(e -> e.time() <= 10 * SECOND).forEach(c::accept); // the run ends at 10 s
        Metrics m = c.finish(10 * SECOND);
        LittlesLaw law = new LittlesLaw(10, SECOND, 28232);
        assertThat(m.host("a").mean(State.TIME_WAIT, 2 * SECOND)).isCloseTo(law.steadyStateTimeWait(), within(0.5));
    }
}
