package io.tcpemu.workload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The remedies for port exhaustion, each against the same load: 200 connections a second from a
 * client with 100 ports, whose TIME-WAIT of 3 s would need 600. Closing first from the client runs
 * out; every remedy keeps the client's ports free.
 */
class RemediesTest {
    private static final String[] LOAD = {"hosts.a.ports=\"40000-40099\"", "hosts.a.tcp.time-wait=3s",
            "workload.arrival.rate=200", "workload.connections=1000"};

    private static WorkloadResult run(String... remedy) {
        String[] overrides = Arrays.copyOf(LOAD, LOAD.length + remedy.length);
        System.arraycopy(remedy, 0, overrides, LOAD.length, remedy.length);
        return WorkloadRun.run(WorkloadFixture.base(overrides)).workload();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "workload.close=server-first     | the server keeps TIME-WAIT, the client holds no port after CLOSED",
            "workload.close=abort            | RST instead of FIN: no TIME-WAIT at all",
            "workload.pool.size=2            | two kept connections serve every request",
            "hosts.a.tcp.time-wait=400ms     | a shorter TIME-WAIT: 200/s × 0.4 s = 80 ports",
            "hosts.a.max-tw-buckets=50       | past 50 entries, closing connections skip TIME-WAIT",
    })
    void a_remedy_keeps_ports_free(String remedy, String why) {
        WorkloadResult w = run(remedy);
        assertThat(w.addrNotAvail()).as(why).isZero();
        assertThat(w.requestsCompleted()).as(why).isEqualTo(1000);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "workload.close=client-first     | each closed connection holds a port for 3 s",
            "workload.close=simultaneous     | both ends go through TIME-WAIT, the client's holds its port",
    })
    void without_a_remedy_ports_run_out(String closeMode, String why) {
        WorkloadResult w = run(closeMode);
        assertThat(w.addrNotAvail()).as(why).isGreaterThan(500);
        assertThat(w.requestsCompleted() + w.addrNotAvail()).isEqualTo(1000);
    }

    @Test
    void tw_reuse_lets_a_connect_take_a_time_wait_port_older_than_a_second() {
        // 80/s: TIME-WAIT would hold 240 ports, but with tw_reuse only the last second's 80 are off limits
        WorkloadResult without = run("workload.arrival.rate=80");
        WorkloadResult with = run("hosts.a.tw-reuse=true", "workload.arrival.rate=80");
        assertThat(without.addrNotAvail()).isGreaterThan(0);
        assertThat(with.addrNotAvail()).isZero();
        assertThat(with.requestsCompleted()).isEqualTo(1000);
    }
}
