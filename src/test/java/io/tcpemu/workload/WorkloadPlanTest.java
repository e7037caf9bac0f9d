package io.tcpemu.workload;

import io.tcpemu.config.WorkloadSettings.CloseMode;
import io.tcpemu.config.WorkloadSettings.Process;
import io.tcpemu.tcp.SockAddr;
import org.junit.jupiter.api.Test;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadPlanTest {
    @Test
    void a_plan_from_settings_has_addresses_and_microseconds() {
        WorkloadPlan p = WorkloadPlan.from(WorkloadFixture.base("workload.think-time=5ms", "workload.close=abort"));
        assertThat(p.clients()).containsExactly("a");
        assertThat(p.servers()).containsExactly(new WorkloadPlan.Server("b", SockAddr.of("10.0.0.2", 80), 128));
        assertThat(p.process()).isEqualTo(Process.CONSTANT);
        assertThat(p.requests()).isEqualTo(20);
        assertThat(p.thinkTime()).isEqualTo(5 * MILLISECOND);
        assertThat(p.duration()).isEqualTo(30 * SECOND);
        assertThat(p.close()).isEqualTo(CloseMode.ABORT);
        assertThat(p.pooled()).isFalse();
    }

    @Test
    void stop_after_connections_caps_the_requests() {
        assertThat(WorkloadPlan.from(WorkloadFixture.base("stop-after-connections=5")).requests()).isEqualTo(5);
        assertThat(WorkloadPlan.from(WorkloadFixture.base("stop-after-connections=50")).requests()).isEqualTo(20);
        assertThat(WorkloadPlan.from(WorkloadFixture.base("workload.connections=0", "stop-after-connections=7")).requests()).isEqualTo(7);
    }

    @Test
    void a_scenario_without_clients_or_with_empty_requests_is_refused_by_name() {
        assertThatThrownBy(() -> WorkloadPlan.from(WorkloadFixture.base("workload.clients=[]")))
                .hasMessageContaining("workload.clients is empty");
        assertThatThrownBy(() -> WorkloadPlan.from(WorkloadFixture.base("workload.request-size=0")))
                .hasMessage("workload.request-size: expected 1 byte to 2 GiB, got 0");
    }

    @Test
    void each_client_gets_an_even_part_and_the_first_ones_the_remainder() {
        assertThat(Workload.part(21, 2, 0, -1)).isEqualTo(11);
        assertThat(Workload.part(21, 2, 1, -1)).isEqualTo(10);
        assertThat(Workload.part(2, 3, 2, -1)).isZero();
        assertThat(Workload.part(0, 3, 1, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }
}
