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
        assertThat(LittlesLaw.held(500, 60)).isEqualTo(30_000.0);
        assertThat(LittlesLaw.knee(60999 - 32768 + 1, 60)).isCloseTo(470.53, within(0.01));
    }

    @Test
    void evenly_spaced_connects_above_the_knee_get_the_ports_once_per_hold_time() {
        // 500 ports held 5 s, 200/s for 20 s: 500 in each 5 s, 2000 of 4000
        assertThat(LittlesLaw.successesEvenlySpaced(200, 20, 500, 5)).isEqualTo(2000.0);
        // 12.5 s: two whole hold times and the ports again in the half one
        assertThat(LittlesLaw.successesEvenlySpaced(200, 12.5, 500, 5)).isEqualTo(1500.0);
        // below the knee all of them; a short run uses only what it asks for
        assertThat(LittlesLaw.successesEvenlySpaced(80, 20, 500, 5)).isEqualTo(1600.0);
        assertThat(LittlesLaw.successesEvenlySpaced(200, 2, 500, 5)).isEqualTo(400.0);
    }

    @Test
    void erlang_b_is_the_telephone_textbook_figure() {
        assertThat(LittlesLaw.erlangB(1, 1)).isEqualTo(0.5);
        assertThat(LittlesLaw.erlangB(10, 5)).isCloseTo(0.01838, within(1e-5));
        assertThat(LittlesLaw.erlangB(500, 1000)).isCloseTo(0.5, within(0.01));
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
        assertThat(m.host("a").mean(State.TIME_WAIT, 2 * SECOND)).isCloseTo(LittlesLaw.held(10, 1), within(0.5));
    }
}
