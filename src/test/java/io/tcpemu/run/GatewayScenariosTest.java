package io.tcpemu.run;

import io.tcpemu.metrics.Counter;
import io.tcpemu.metrics.GatewayTally;
import io.tcpemu.workload.TimeWaitModel;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static io.tcpemu.run.ScenarioTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The NAT gateway scenario: its ports run out at the analytic knee, and each remedy moves or removes the knee. */
class GatewayScenariosTest {

    @Test
    void the_gateway_drops_syns_once_conntrack_time_wait_holds_every_port_and_the_remedies_lift_the_knee() {
        Map<String, RunResult> v = run("nat-port-exhaustion", "duration=20s").stream()
                .collect(Collectors.toMap(RunResult::label, r -> r));
        RunResult base = v.get("1-baseline");
        assertThat(v.values()).allSatisfy(r -> assertThat(r.passed()).as(r.verdict()).isTrue());
        GatewayTally.Gateway gw = base.gateways().get("gw");
        // knee = 100 ports x 1 address x 1 destination / 10 s = 10 connections per second; offered 20
        assertThat(TimeWaitModel.gatewayKnee(base.settings(), "gw").value()).isEqualTo(10.0);
        assertThat(TimeWaitModel.gatewayTable(base.settings(), "gw").value()).isEqualTo(100.0);
        assertThat(gw.drops().get("nat: no free port")).isPositive();
        assertThat(gw.tableMax()).isEqualTo(100);               // every public port of the one destination held
        assertThat(gw.perDestinationMax()).containsEntry("10.0.1.1:443", 100L);
        assertThat((double) base.count(Counter.ESTABLISHED)).isCloseTo(10.0 * 20, within(12.0)); // the knee's rate over the run
        for (String remedy : new String[] {"2-two-public-addresses", "3-two-destinations", "4-short-conntrack-time-wait"}) {
            RunResult r = v.get(remedy);
            assertThat(r.gateways().get("gw").drops().getOrDefault("nat: no free port", 0L)).as(remedy)
                    .isLessThan(gw.drops().get("nat: no free port") / 10);
            assertThat(r.count(Counter.ESTABLISHED)).as(remedy).isGreaterThan(base.count(Counter.ESTABLISHED) * 3 / 2);
        }
        RunResult pool = v.get("5-keep-alive-pool");
        assertThat(pool.gateways().get("gw").allocations()).isLessThanOrEqualTo(10);
        assertThat(pool.gateways().get("gw").drops()).isEmpty();
    }
}
