package io.tcpemu.runtime;

import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.time.VirtualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3: ten simulated minutes of TIME-WAIT churn between real hosts on virtual time, asserted on
 * the emulation's own counters (the clock jumped from deadline to deadline; it never waited).
 */
class TimeWaitChurnTest {

    @Test
    void ten_simulated_minutes_of_connection_churn_run_on_virtual_time_with_time_wait_entries_expiring() {
        try (RuntimeFixture fx = new RuntimeFixture(5, false)) {
            fx.start(Topology.builder()
                    .host("c", "10.0.0.1", Profile.LINUX.config()) // TIME-WAIT 60 s
                    .host("s", "10.0.0.2", Profile.LINUX.config())
                    .link("c", "s", MILLISECOND)
                    .build());
            ChurnWorkload.start(fx, "s", SockAddr.of("10.0.0.2", 80), List.of("c"), Duration.ofMillis(500));
            long tenMinutes = 600 * SECOND;

            fx.clock.advanceTo(tenMinutes + 100 * MILLISECOND); // the last connect (at 600 s) completes too

            HostCounters.Snapshot client = fx.env.counters("c").snapshot();
            HostCounters.Snapshot server = fx.env.counters("s").snapshot();
            assertThat(client.connectsOk()).as("one lifecycle per 500 ms for 600 s").isEqualTo(1_200);
            assertThat(client.connections()).as("every connection closed").isZero();
            assertThat(server.connections()).isZero();
            assertThat(client.timeWaitCount()).as("only the last 60 s of closes are still in TIME-WAIT").isEqualTo(120);
            assertThat(server.timeWaitCount()).as("the passive closer has no TIME-WAIT").isZero();
            assertThat(client.connectsTimedOut() + client.connectsRefused() + client.connectsAddrNotAvail()).isZero();

            VirtualClock.Stats stats = fx.clock.stats();
            assertThat(stats.now()).isEqualTo(tenMinutes + 100 * MILLISECOND);
            assertThat(stats.clockJumps()).as("the clock jumped to each next deadline").isGreaterThanOrEqualTo(1_200);
            assertThat(stats.timersFired()).as("connect ticks, link deliveries, TIME-WAIT expiries")
                    .isGreaterThanOrEqualTo(1_200 + 1_080);
        }
    }
}
