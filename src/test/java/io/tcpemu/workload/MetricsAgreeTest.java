package io.tcpemu.workload;

import io.tcpemu.metrics.Counter;
import io.tcpemu.metrics.Metrics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace's metrics count connects as the workload's drivers do: every connect() call is an
 * attempt, including those still in their handshake when the run ends and those refused a port.
 */
class MetricsAgreeTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "clean: workload.connections=30",
            "ports run out: hosts.a.ports=\"40000-40004\" workload.connections=30 workload.arrival.rate=1000",
            "lossy, ends by duration mid-handshake: link-defaults.loss=0.4 workload.connections=0 duration=2s"})
    void connect_counts_agree(String variant) {
        String[] overrides = variant.substring(variant.indexOf(':') + 2).split(" ");
        WorkloadRun.Outcome o = WorkloadRun.run(WorkloadFixture.base(overrides));
        WorkloadResult w = o.workload();
        Metrics m = o.metrics();

        assertThat(m.count(Counter.CONNECT_ATTEMPTS)).isEqualTo(w.connectAttempts()).isPositive();
        assertThat(m.count(Counter.ESTABLISHED)).isEqualTo(w.established());
        assertThat(m.count(Counter.ADDR_NOT_AVAIL)).isEqualTo(w.addrNotAvail());
        assertThat(m.count(Counter.REFUSED)).isEqualTo(w.refused());
    }
}
