package io.tcpemu.run;

import io.tcpemu.metrics.Counter;
import io.tcpemu.workload.TimeWaitModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.tcpemu.run.ScenarioTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The shipped scenarios with a workload: port exhaustion around its knee, and the TIME-WAIT remedies. */
class LoadScenariosTest {

    @Test
    void ports_run_out_above_the_knee_as_littles_law_predicts() {
        List<RunResult> runs = run("port-exhaustion", "sweep.values=[50, 200]", "duration=10s");
        RunResult below = runs.get(0), above = runs.get(1);
        assertThat(runs).allSatisfy(r -> assertThat(r.passed()).as(r.verdict()).isTrue());
        assertThat(below.count(Counter.ADDR_NOT_AVAIL)).isZero();
        assertThat(TimeWaitModel.of(below.settings()).expectedFailureRate().value()).isZero();
        // knee = 500 ports / 5 s = 100/s; at 200/s half the connects find no port
        assertThat(TimeWaitModel.of(above.settings()).hosts().get("client").portsRunOutAbove().value()).isEqualTo(100.0);
        assertThat(TimeWaitModel.of(above.settings()).expectedFailureRate().value()).isEqualTo(0.5);
        assertThat(SweepResults.failureRate(above)).isCloseTo(0.5, within(0.05));
        assertThat(above.count(Counter.MAX_TIME_WAIT)).isEqualTo(500);
    }

    @Test
    void each_remedy_removes_the_failures_its_own_way() {
        Map<String, RunResult> v = run("time-wait-remedies", "duration=6s").stream()
                .collect(Collectors.toMap(RunResult::label, r -> r));
        assertThat(v).containsOnlyKeys("1-baseline", "2-short-time-wait", "3-server-closes-first", "4-connection-pool",
                "5-tw-reuse", "6-time-wait-cap", "7-linger-zero");
        assertThat(v.get("1-baseline").count(Counter.ADDR_NOT_AVAIL)).isPositive();
        for (String remedy : List.of("2-short-time-wait", "3-server-closes-first", "4-connection-pool", "5-tw-reuse",
                "6-time-wait-cap", "7-linger-zero")) {
            assertThat(v.get(remedy).count(Counter.ADDR_NOT_AVAIL)).as(remedy).isZero();
            assertThat(v.get(remedy).requestsServed()).as(remedy).isGreaterThan(v.get("1-baseline").requestsServed());
        }
        assertThat(v.get("4-connection-pool").count(Counter.CONNECT_ATTEMPTS)).isLessThanOrEqualTo(4);
        assertThat(v.get("6-time-wait-cap").count(Counter.MAX_TIME_WAIT)).isLessThanOrEqualTo(101);
        assertThat(v.get("7-linger-zero").count(Counter.MAX_TIME_WAIT)).isZero();
        assertThat(v.get("7-linger-zero").count(Counter.RSTS_SENT)).isPositive();
        // server-first: the TIME-WAIT is the server's now, and the client's ports are free
        assertThat(v.get("3-server-closes-first").metrics().host("client").max(io.tcpemu.tcp.State.TIME_WAIT)).isZero();
        assertThat(v.get("3-server-closes-first").metrics().host("server").max(io.tcpemu.tcp.State.TIME_WAIT)).isPositive();
        // and every variant measures what the model predicts for it
        for (RunResult r : v.values()) {
            var model = TimeWaitModel.of(r.settings());
            assertThat(SweepResults.failureRate(r)).as(r.label()).isCloseTo(model.expectedFailureRate().value(), within(0.01));
            for (String host : List.of("client", "server")) {
                double predicted = model.hosts().get(host).timeWait().value();
                assertThat((double) r.metrics().host(host).max(io.tcpemu.tcp.State.TIME_WAIT)).as(r.label() + " " + host)
                        .isCloseTo(predicted, within(Math.max(2, 0.02 * predicted)));
            }
        }
    }
}
