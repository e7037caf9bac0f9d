package io.tcpemu.workload;

import io.tcpemu.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Sweeps over the arrival rate (and TIME-WAIT): the measured knee lies where Little's law puts it. */
class SweepTest {
    /** 100 client ports, TIME-WAIT 1 s: the analytic knee is 100 connections per second. */
    private static final String PORTS = WorkloadFixture.BASE + """
            hosts.a.ports = "40000-40099"
            duration = 4s
            workload.connections = 0
            sweep { parameter = "workload.arrival.rate", values = [40, 60, 80, 90, 110, 120, 140] }
            """;

    @Test
    void a_sweep_over_rates_finds_the_knee_near_ports_over_time_wait() {
        SweepResult r = Sweep.run(Sweep.text(PORTS, "ports.conf"), List.of());

        assertThat(r.parameters()).containsExactly("workload.arrival.rate");
        assertThat(r.rows()).extracting(row -> row.values().get(0)).containsExactly("40", "60", "80", "90", "110", "120", "140");
        SweepResult.Knee knee = r.knees().get(0);
        assertThat(knee.predicted()).isEqualTo(100.0);
        assertThat(knee.lastClean()).isEqualTo(90.0);
        assertThat(knee.firstExhausted()).isEqualTo(110.0);
        assertThat(knee.measured()).isCloseTo(knee.predicted(), within(10.0));

        // below the knee TIME-WAIT settles where Little's law says (rate × 1 s)
        SweepResult.Row at80 = r.rows().get(2);
        assertThat(at80.predictedTimeWait()).isEqualTo(80.0);
        assertThat(at80.meanTimeWait()).isCloseTo(80.0, within(4.0));
        assertThat(at80.workload().addrNotAvail()).isZero();
        // above it, connects fail for want of a port, and TIME-WAIT is capped by the port range
        SweepResult.Row at140 = r.rows().get(6);
        assertThat(at140.workload().addrNotAvail()).isGreaterThan(0);
        assertThat(at140.maxTimeWait()).isLessThanOrEqualTo(100);
        assertThat(r.render()).contains("workload.arrival.rate", "addr-not-avail", "ports run out between workload.arrival.rate = 90 and 110");
        assertThat(r.csv().lines().count()).isEqualTo(8);
    }

    @Test
    void a_second_parameter_moves_the_knee() {
        String twoAxes = PORTS + "sweep { values = [20, 40, 60, 90, 110], parameter-2 = \"hosts.a.tcp.time-wait\", values-2 = [1s, 2s] }\n";
        SweepResult r = Sweep.run(Sweep.text(twoAxes, "two.conf"), List.of());

        assertThat(r.rows()).hasSize(10);
        assertThat(r.rows().get(0).values()).containsExactly("20", "1s");
        assertThat(r.rows().get(1).values()).containsExactly("20", "2s");
        assertThat(r.knees()).extracting(SweepResult.Knee::other).containsExactly("1s", "2s");
        assertThat(r.knees()).extracting(SweepResult.Knee::predicted).containsExactly(100.0, 50.0);
        assertThat(r.knees()).extracting(SweepResult.Knee::lastClean).containsExactly(90.0, 40.0);
        assertThat(r.knees()).extracting(SweepResult.Knee::firstExhausted).containsExactly(110.0, 60.0);
    }

    @Test
    void a_point_with_an_invalid_value_is_refused_before_anything_runs() {
        String bad = PORTS + "sweep.values = [50, -5]\n";
        assertThatThrownBy(() -> Sweep.run(Sweep.text(bad, "bad.conf"), List.of()))
                .isInstanceOf(ConfigLoader.InvalidConfigException.class)
                .hasMessageContaining("sweep.values").hasMessageContaining("-5");
    }

    @Test
    void points_are_every_combination_first_parameter_outermost() {
        var axes = List.of(new io.tcpemu.config.SweepSettings.Axis("x", List.of("1", "2")),
                new io.tcpemu.config.SweepSettings.Axis("y", List.of("a", "b", "c")));
        assertThat(Sweep.points(axes)).containsExactly(List.of("1", "a"), List.of("1", "b"), List.of("1", "c"),
                List.of("2", "a"), List.of("2", "b"), List.of("2", "c"));
        assertThat(Sweep.points(List.of())).containsExactly(List.of());
    }
}
