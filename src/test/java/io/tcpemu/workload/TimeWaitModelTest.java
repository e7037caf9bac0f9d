package io.tcpemu.workload;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.Settings;
import io.tcpemu.metrics.Counter;
import io.tcpemu.metrics.Predictions;
import io.tcpemu.tcp.State;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The analytic model pinned for every variant of conf/time-wait-remedies.conf (150 connections/s
 * against 300 ports and a 4 s TIME-WAIT, 12 s) and for a client talking to two servers; the
 * figures are what those runs measure (the runs themselves are checked in LoadScenariosTest and below).
 */
class TimeWaitModelTest {

    private static Predictions remedy(String... overrides) {
        ConfigLoader.Result r = ConfigLoader.load(Path.of("conf/time-wait-remedies.conf"), List.of(overrides));
        if (r instanceof ConfigLoader.Invalid i) throw new AssertionError(i.message());
        return TimeWaitModel.of(((ConfigLoader.Loaded) r).settings());
    }

    private static String cells(Predictions p, String host) {
        var h = p.hosts().get(host);
        return h.timeWait().text("") + " | " + (h.portsRunOutAbove() == null ? "-" : h.portsRunOutAbove().text("/s"));
    }

    @Test
    void baseline_the_client_holds_every_port_and_half_the_connects_fail() {
        Predictions p = remedy();
        assertThat(cells(p, "client")).isEqualTo("300 (capped by 300 ports) | 75/s");
        assertThat(cells(p, "server")).isEqualTo("0 (the client closes first) | -");
        assertThat(p.expectedFailureRate().value()).isEqualTo(0.5);
    }

    @Test
    void a_shorter_time_wait_moves_the_knee_above_the_load() {
        Predictions p = remedy("hosts.client.tcp.time-wait=1s");
        assertThat(cells(p, "client")).isEqualTo("150 | 300/s");
        assertThat(p.expectedFailureRate().value()).isZero();
    }

    @Test
    void when_the_server_closes_first_it_holds_time_wait_one_entry_per_4_tuple_and_no_connect_fails() {
        Predictions p = remedy("workload.close=server-first");
        assertThat(cells(p, "client")).isEqualTo("0 (the server closes first) | n/a (the server closes first)");
        assertThat(cells(p, "server")).isEqualTo("300 (one per 4-tuple: the clients reuse their ports) | -");
        assertThat(p.expectedFailureRate().value()).isZero();
    }

    @Test
    void a_pool_that_keeps_its_connections_opens_almost_none_and_nobody_holds_time_wait() {
        Predictions p = remedy("workload.pool.size=4");
        assertThat(cells(p, "client")).isEqualTo("0 (pooled connections stay open) | n/a (pooled connections stay open)");
        assertThat(p.expectedFailureRate().value()).isZero();
    }

    @Test
    void a_pool_that_closes_after_n_requests_divides_the_connection_rate_by_n() {
        Predictions p = remedy("workload.pool.size=4", "workload.pool.requests-per-connection=3");
        // 50 connections/s × 4 s = 200 in TIME-WAIT; 75 connections/s of 3 requests = 225 requests/s
        assertThat(cells(p, "client")).isEqualTo("200 | 225/s");
        assertThat(p.expectedFailureRate().value()).isZero();
    }

    @Test
    void tw_reuse_frees_a_port_after_one_second_so_the_knee_is_ports_per_second() {
        Predictions p = remedy("hosts.client.tw-reuse=true");
        assertThat(cells(p, "client")).isEqualTo("300 (capped by 300 ports) | 300/s (tw_reuse frees a port after 1 s)");
        assertThat(p.expectedFailureRate().value()).isZero();
    }

    @Test
    void tw_reuse_without_timestamps_does_nothing() {
        Predictions p = remedy("hosts.client.tw-reuse=true", "hosts.server.tcp.timestamps=false");
        assertThat(cells(p, "client")).isEqualTo("300 (capped by 300 ports) | 75/s");
        assertThat(p.expectedFailureRate().value()).isEqualTo(0.5);
    }

    @Test
    void a_time_wait_cap_below_the_ports_keeps_them_from_running_out() {
        Predictions p = remedy("hosts.client.max-tw-buckets=100");
        assertThat(cells(p, "client")).isEqualTo("100 (max-tw-buckets 100) | n/a (max-tw-buckets 100 < 300 ports: they never run out)");
        assertThat(p.expectedFailureRate().value()).isZero();
    }

    @Test
    void linger_zero_aborts_so_nobody_holds_time_wait() {
        Predictions p = remedy("workload.close=abort");
        assertThat(cells(p, "client")).isEqualTo("0 (SO_LINGER 0: RST, no TIME-WAIT) | n/a (SO_LINGER 0: RST, no TIME-WAIT)");
        assertThat(cells(p, "server")).isEqualTo("0 (SO_LINGER 0: RST, no TIME-WAIT) | -");
        assertThat(p.expectedFailureRate().value()).isZero();
    }

    @Test
    void where_the_model_does_not_apply_it_says_why_instead_of_a_number() {
        Predictions lossy = remedy("link-defaults.loss=0.01");
        assertThat(lossy.expectedFailureRate().known()).isFalse();
        assertThat(lossy.expectedFailureRate().why()).isEqualTo("the link to server loses segments: connections retry and live longer");
        Predictions short_ = remedy("duration=2s");
        assertThat(short_.hosts().get("client").timeWait().text(""))
                .isEqualTo("n/a (arrivals end after 2 s, within one TIME-WAIT: no steady state)");
        // 2 s at 150/s = 300 connects, exactly the ports: none fails although the rate is twice the knee
        assertThat(short_.expectedFailureRate().value()).isZero();
    }

    @Test
    void the_connects_that_fail_over_a_finite_run_count_the_first_time_wait_exactly() {
        // 12 s, 4 s TIME-WAIT: each 4 s lets 300 through (900 of 1800); 10 s: 300 + 300 + the 300 ports again = 900 of 1500
        assertThat(remedy("duration=10s").expectedFailureRate().value()).isCloseTo(0.4, within(1e-9));
        // Poisson arrivals: Erlang's loss formula after the first TIME-WAIT
        assertThat(remedy("workload.arrival.process=poisson").expectedFailureRate().value()).isCloseTo(0.5, within(0.01));
    }

    /** One client, 500 ports, 5 s TIME-WAIT, 200/s round-robin to two servers: 100/s each, the knee of each destination. */
    private static final String TWO_SERVERS = """
            seed = 1
            duration = 10s
            hosts {
              client { address = "10.0.0.1", ports = "40000-40499", tcp.time-wait = 5s }
              s1 { address = "10.0.0.2" }
              s2 { address = "10.0.0.3" }
            }
            links = [ { between = [client, s1], delay = 1ms }, { between = [client, s2], delay = 1ms } ]
            workload {
              clients = [client]
              servers = ["s1:80", "s2:80"]
              arrival { process = constant, rate = 200 }
              connections = 0
              close = client-first
            }
            """;

    @Test
    void ports_are_per_destination_so_two_servers_double_the_knee() {
        Predictions p = TimeWaitModel.of(Scenario.settings(TWO_SERVERS));
        assertThat(cells(p, "client")).isEqualTo("1000 | 200/s (2 destinations)");
        assertThat(p.expectedFailureRate().value()).isZero();
    }

    @Test
    void a_client_talking_to_two_servers_reuses_each_port_towards_both_and_counts_it_once() {
        Settings s = Scenario.settings(TWO_SERVERS);
        WorkloadRun.Outcome o = WorkloadRun.run(s);
        long attempts = o.metrics().count(Counter.CONNECT_ATTEMPTS);
        // at the knee exactly: the connections' own 6 ms beside the 5 s TIME-WAIT cost a few connects
        assertThat((double) o.metrics().count(Counter.ADDR_NOT_AVAIL) / attempts).isLessThan(0.005);
        assertThat(o.metrics().host("client").max(State.TIME_WAIT)).isBetween(990, 1000);
        assertThat(o.metrics().host("client").maxPortsInUse()).isEqualTo(500);
        assertThat(o.predictions().expectedFailureRate().value()).isZero();
    }
}
