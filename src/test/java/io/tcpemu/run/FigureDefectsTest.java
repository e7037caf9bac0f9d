package io.tcpemu.run;

import io.tcpemu.metrics.Counter;
import io.tcpemu.metrics.HostSeries;
import io.tcpemu.metrics.Metrics;
import io.tcpemu.tcp.State;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wrong figures issue 15 found in the shipped scenarios, each pinned at the number that is
 * true by construction of the scenario.
 */
class FigureDefectsTest {

    /** One connection, ESTABLISHED from 20 ms; the run ends at 25 ms, between two 100 ms samples. */
    @Test
    void handshake_the_client_holds_one_port_and_the_last_sample_shows_both_ends_established() {
        Metrics m = ScenarioTesting.single("handshake").metrics();
        HostSeries client = m.host("client");
        assertThat(client.maxPortsInUse()).isEqualTo(1);
        assertThat(client.max(State.ESTABLISHED)).isEqualTo(1);
        int last = client.samples() - 1;
        assertThat(client.time(last)).isEqualTo(m.endTime());
        assertThat(client.inState(last, State.ESTABLISHED)).isEqualTo(1);
        assertThat(m.host("server").inState(last, State.ESTABLISHED)).isEqualTo(1);
    }

    /** With TIME-WAIT 0 the client's end leaves TIME-WAIT at the instant it enters it: none is ever held. */
    @Test
    void lost_final_ack_without_time_wait_holds_none_in_the_table_and_per_host_alike() {
        RunResult zero = ScenarioTesting.run("lost-final-ack").stream()
                .filter(r -> r.label().endsWith("=0s")).findFirst().orElseThrow();
        assertThat(zero.metrics().transitions(State.FIN_WAIT_2, State.TIME_WAIT)).isEqualTo(1);
        assertThat(zero.count(Counter.MAX_TIME_WAIT)).isZero();
        assertThat(zero.metrics().host("client").max(State.TIME_WAIT)).isZero();
    }

    /** max-tw-buckets = 100: the host never holds a 101st entry, though the 101st end traces its way in. */
    @Test
    void a_time_wait_cap_of_100_is_a_maximum_of_100() {
        Map<String, RunResult> v = byLabel(ScenarioTesting.run("time-wait-remedies", "duration=3s"));
        RunResult cap = v.get("6-time-wait-cap");
        assertThat(cap.metrics().hostEvents()).containsKey("time-wait-cap");
        assertThat(cap.count(Counter.MAX_TIME_WAIT)).isEqualTo(100);
        assertThat(cap.metrics().host("client").max(State.TIME_WAIT)).isEqualTo(100);
    }

    /** The server listens once and accepts every connection: passive OPEN once, LISTEN → SYN-RECEIVED per connection. */
    @Test
    void close_race_counts_one_passive_open_per_listen_call() {
        RunResult r = ScenarioTesting.single("close-race", "workload.connections=400");
        assertThat(r.count(Counter.LISTENS)).isEqualTo(1);
        assertThat(r.metrics().transitions(State.LISTEN, State.SYN_RECEIVED)).isEqualTo(400);
        var graph = io.tcpemu.report.StateGraph.of(Map.of(
                new io.tcpemu.report.StateGraph.Transition(State.CLOSED, State.LISTEN),
                r.metrics().transitions(State.CLOSED, State.LISTEN)), r.count(Counter.LISTENS));
        assertThat(graph.count(State.CLOSED, State.LISTEN)).isEqualTo(1);
    }

    /**
     * 400 connections at 200/s: the workload is active for about 2 s, then its TIME-WAIT (2 s)
     * drains; the steady window is the second half of the active period and leaves the drain out.
     */
    @Test
    void close_race_the_steady_window_ends_with_the_workload_not_after_the_drain() {
        Metrics m = ScenarioTesting.single("close-race", "workload.connections=400").metrics();
        assertThat(m.activeUntil()).isLessThan(m.endTime() - 1_900_000);
        assertThat(m.steadyFrom()).isEqualTo(m.activeFrom() + (m.activeUntil() - m.activeFrom()) / 2);
        assertThat(m.steadyUntil()).isEqualTo(m.activeUntil());
    }

    /** The ghost, c1 and s1 each went ESTABLISHED → CLOSED: three lifetimes, whichever handshake opened them. */
    @Test
    void two_way_handshake_every_connection_that_closed_has_a_lifetime() {
        RunResult twoWay = byLabel(ScenarioTesting.run("two-way-handshake")).get("2-two-way");
        long opened = twoWay.metrics().transitions(State.CLOSED, State.SYN_SENT)
                + twoWay.metrics().transitions(State.LISTEN, State.SYN_RECEIVED)
                + twoWay.metrics().transitions(State.LISTEN, State.ESTABLISHED);
        assertThat(twoWay.metrics().transitions(State.LISTEN, State.ESTABLISHED)).isPositive();
        assertThat(twoWay.metrics().lifetime().count()).isEqualTo(opened).isEqualTo(3);
    }

    private static Map<String, RunResult> byLabel(List<RunResult> runs) {
        return runs.stream().collect(Collectors.toMap(RunResult::label, Function.identity()));
    }
}
