package io.tcpemu.workload;

import io.tcpemu.metrics.Counter;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceBus;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceRecorder;
import io.tcpemu.workload.WorkloadResult.End;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/** Port exhaustion, pooling, arrivals, stopping and supervision, all on virtual time. */
class WorkloadTest {
    private final TraceBus bus = new TraceBus();
    private final TraceRecorder trace = TraceRecorder.on(bus);

    /** 100 ephemeral ports and a 1 s TIME-WAIT: ports run out above 100 connections per second. */
    private static final String[] HUNDRED_PORTS = {"hosts.a.ports=\"40000-40099\"", "workload.connections=600"};

    private static String[] with(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void two_clients_share_the_requests_and_the_rate() {
        String twoClients = Scenario.BASE + """
                hosts.c { tcp.time-wait = 1s }
                links = [ { between = [a, b], delay = 1ms }, { between = [c, b], delay = 1ms } ]
                workload { clients = [a, c], connections = 21 }
                """;
        try (WorkloadRun run = WorkloadRun.start(Scenario.settings(twoClients), bus)) {
            WorkloadResult w = run.awaitResult();
            assertThat(w.requestsCompleted()).isEqualTo(21);
            assertThat(w.accepted()).isEqualTo(21);
            // 11 and 10, each client at 50/s: the last of a's eleven starts at 200 ms
            assertThat(Scenario.transitions(trace, "a", State.CLOSED, State.SYN_SENT)).isEqualTo(11);
            assertThat(Scenario.transitions(trace, "c", State.CLOSED, State.SYN_SENT)).isEqualTo(10);
            assertThat(synTimes()).last().isEqualTo(200 * MILLISECOND);
        }
    }

    @Test
    void a_rate_above_ports_over_time_wait_runs_out_of_ports() {
        WorkloadResult w = WorkloadRun.run(Scenario.base(with(HUNDRED_PORTS, "workload.arrival.rate=200"))).workload();
        assertThat(w.requestsIssued()).isEqualTo(600);
        assertThat(w.addrNotAvail()).isGreaterThan(100);
        assertThat(w.established() + w.addrNotAvail()).isEqualTo(600);
        assertThat(w.requestsFailed()).isEqualTo(w.addrNotAvail());
        // in steady state about 100 connects per second find a port, the rest fail
        assertThat(w.established()).isBetween(300L, 420L);
    }

    @Test
    void a_rate_below_ports_over_time_wait_never_runs_out() {
        WorkloadRun.Outcome o = WorkloadRun.run(Scenario.base(with(HUNDRED_PORTS, "workload.arrival.rate=80")));
        assertThat(o.workload().addrNotAvail()).isZero();
        assertThat(o.workload().requestsCompleted()).isEqualTo(600);
        // Little's law: 80/s × 1 s ≈ 80 in TIME-WAIT at once
        assertThat(o.metrics().host("a").max(State.TIME_WAIT)).isBetween(78, 82);
        assertThat(o.predictions().hosts().get("a").timeWait().value()).isEqualTo(80.0);
    }

    @Test
    void connects_that_find_no_listener_are_refused() {
        try (WorkloadRun run = WorkloadRun.start(Scenario.base())) {
            run.clock().advanceBy(95 * MILLISECOND);
            run.emulation().host("b").tell(new io.tcpemu.runtime.Host.Unlisten(80));
            WorkloadResult w = run.awaitResult();
            assertThat(w.requestsCompleted()).isEqualTo(10);
            assertThat(w.refused()).isEqualTo(10);
            assertThat(w.requestsFailed()).isEqualTo(10);
            assertThat(w.connectAttempts()).isEqualTo(20);
        }
    }

    @Test
    void connects_whose_syns_are_lost_time_out() {
        String lossy = Scenario.BASE.replace("links = [ { between = [a, b], delay = 1ms } ]",
                "links = [ { between = [a, b], delay = 1ms, rules = [\"drop syn\"] } ]");
        WorkloadResult w = WorkloadRun.run(Scenario.settings(lossy, "hosts.a.tcp.syn-retries=1", "workload.connections=5")).workload();
        assertThat(w.timedOut()).isEqualTo(5);
        assertThat(w.established()).isZero();
        assertThat(w.requestsFailed()).isEqualTo(5);
        assertThat(w.end()).isEqualTo(End.COMPLETED);
    }

    @Test
    void a_pool_serves_many_requests_over_few_connections() {
        String[] burst = {"workload.connections=200", "workload.arrival.rate=2000"};
        WorkloadRun.Outcome pooled = WorkloadRun.run(Scenario.base(with(burst, "workload.pool.size=4")));
        WorkloadRun.Outcome unpooled = WorkloadRun.run(Scenario.base(burst));

        assertThat(pooled.workload().requestsCompleted()).isEqualTo(200);
        assertThat(pooled.workload().connectAttempts()).isBetween(2L, 4L);
        assertThat(pooled.workload().established()).isEqualTo(pooled.workload().connectAttempts());
        assertThat(pooled.metrics().count(Counter.MAX_TIME_WAIT)).isLessThanOrEqualTo(4);

        assertThat(unpooled.workload().requestsCompleted()).isEqualTo(200);
        assertThat(unpooled.workload().connectAttempts()).isEqualTo(200);
        assertThat(unpooled.metrics().count(Counter.MAX_TIME_WAIT)).isEqualTo(200);
    }

    @Test
    void a_pooled_connection_closes_after_its_requests_per_connection() {
        WorkloadResult w = WorkloadRun.run(Scenario.base("workload.connections=100", "workload.pool.size=2",
                "workload.pool.requests-per-connection=10")).workload();
        assertThat(w.requestsCompleted()).isEqualTo(100);
        assertThat(w.connectAttempts()).isEqualTo(10);
        assertThat(w.connectionsClosed()).isEqualTo(10);
    }

    @Test
    void a_concurrency_limit_holds_requests_until_a_connection_ends() {
        // 20 requests at once, at most 2 connections, each request 2 ms of round trips plus 50 ms of thinking
        WorkloadRun.Outcome o;
        try (WorkloadRun run = WorkloadRun.start(Scenario.base("workload.arrival.rate=1000000", "workload.concurrency-limit=2",
                "workload.think-time=50ms"), bus)) {
            run.awaitResult();
            o = run.finish();
        }
        assertThat(o.workload().requestsCompleted()).isEqualTo(20);
        assertThat(Scenario.maxOpen(trace, "a")).isEqualTo(2);
        assertThat(o.workload().endedAt() - o.workload().startedAt()).isGreaterThan(10 * 50 * MILLISECOND);
    }

    private List<Long> synTimes() {
        return trace.ofType(TraceEvent.StateChanged.class).stream()
                .filter(e -> e.host().equals("a") && e.to() == State.SYN_SENT).map(TraceEvent.StateChanged::time).toList();
    }

    @Test
    void poisson_arrivals_repeat_with_the_seed_and_differ_without_it() {
        String[] poisson = {"workload.arrival.process=poisson", "workload.connections=50"};
        WorkloadResult first;
        try (WorkloadRun run = WorkloadRun.start(Scenario.base(with(poisson, "seed=3")), bus)) {
            first = run.awaitResult();
        }
        List<Long> firstTimes = List.copyOf(synTimes());
        trace.clear();
        try (WorkloadRun again = WorkloadRun.start(Scenario.base(with(poisson, "seed=3")), bus)) {
            assertThat(again.awaitResult()).isEqualTo(first);
        }
        List<Long> secondTimes = List.copyOf(synTimes());
        trace.clear();
        try (WorkloadRun other = WorkloadRun.start(Scenario.base(with(poisson, "seed=4")), bus)) {
            other.awaitResult();
        }

        assertThat(firstTimes).hasSize(50).isEqualTo(secondTimes);
        assertThat(synTimes()).hasSize(50).isNotEqualTo(firstTimes);
        // not evenly spaced: some gaps are far shorter than the mean of 10 ms, some far longer
        List<Long> gaps = java.util.stream.IntStream.range(1, 50).mapToObj(i -> firstTimes.get(i) - firstTimes.get(i - 1)).toList();
        assertThat(gaps).anyMatch(g -> g < 3 * MILLISECOND).anyMatch(g -> g > 20 * MILLISECOND);
    }

    @Test
    void the_same_workload_runs_in_real_time() {
        // emulated time 10× the wall clock: 20 requests at 100/s take 20 ms; only counts are checked
        WorkloadResult w = WorkloadRun.run(Scenario.base("time.mode=real", "time.scale=10")).workload();
        assertThat(w.end()).isEqualTo(End.COMPLETED);
        assertThat(w.requestsCompleted()).isEqualTo(20);
        assertThat(w.established()).isEqualTo(20);
    }

    @Test
    void a_run_ends_at_its_duration() {
        WorkloadResult w = WorkloadRun.run(Scenario.base("workload.connections=0", "duration=995ms")).workload();
        assertThat(w.end()).isEqualTo(End.DURATION);
        assertThat(w.endedAt() - w.startedAt()).isEqualTo(995 * MILLISECOND);
        assertThat(w.requestsIssued()).isEqualTo(100);
    }

    @Test
    void stop_ends_the_run_early_and_keeps_what_was_measured() {
        try (WorkloadRun run = WorkloadRun.start(Scenario.base("workload.connections=0"), bus)) {
            run.clock().advanceBy(1995 * MILLISECOND);
            WorkloadResult stopped = run.stop();
            assertThat(stopped.end()).isEqualTo(End.STOPPED);
            assertThat(stopped.requestsIssued()).isEqualTo(200);
            assertThat(stopped.requestsCompleted()).isEqualTo(200);

            run.clock().advanceBy(5 * SECOND);
            WorkloadRun.Outcome later = run.finish();
            assertThat(later.workload().end()).isEqualTo(End.STOPPED);
            assertThat(later.workload().requestsIssued()).isEqualTo(200);
            assertThat(later.metrics().count(Counter.ESTABLISHED)).isEqualTo(200);
        }
    }

    @Test
    void an_interrupt_while_waiting_ends_the_run_as_stop_does() {
        try (WorkloadRun run = WorkloadRun.start(Scenario.base("workload.connections=0", "duration=1h"))) {
            run.clock().advanceBy(995 * MILLISECOND);
            Thread.currentThread().interrupt(); // what the CLI's Ctrl-C handler does to the thread driving the run
            WorkloadResult w = run.awaitResult();
            assertThat(Thread.interrupted()).isFalse();
            assertThat(w.end()).isEqualTo(End.STOPPED);
            assertThat(w.endedAt()).isEqualTo(995 * MILLISECOND);
            assertThat(w.requestsIssued()).isEqualTo(100);
        }
    }

    /** A restarted client driver carries on from its counts; a restarted server app keeps its listener. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"client-a, a", "server-b-80, b"})
    void a_failing_driver_is_restarted_counted_and_traced(String driver, String host) {
        try (WorkloadRun run = WorkloadRun.start(Scenario.base(), bus)) {
            run.clock().advanceBy(95 * MILLISECOND);
            run.workload().tell(new Workload.CrashDriver(driver));
            WorkloadResult w = run.awaitResult();

            assertThat(w.driverFailures()).isEqualTo(1);
            assertThat(w.end()).isEqualTo(End.COMPLETED);
            assertThat(w.requestsIssued()).isEqualTo(20);
            assertThat(w.requestsCompleted()).isEqualTo(20);
            assertThat(trace.ofType(TraceEvent.HostEvent.class)).filteredOn(e -> e.kind().equals("failure"))
                    .singleElement().satisfies(e -> {
                        assertThat(e.host()).isEqualTo(host);
                        assertThat(e.detail()).contains(driver, "crash requested");
                    });
            assertThat(run.finish().metrics().hostEvents()).containsEntry("failure", 1L);
        }
    }
}
