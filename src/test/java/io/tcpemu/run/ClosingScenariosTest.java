package io.tcpemu.run;

import io.tcpemu.metrics.Counter;
import io.tcpemu.tcp.State;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tcpemu.run.ScenarioTesting.run;
import static io.tcpemu.run.ScenarioTesting.single;
import static org.assertj.core.api.Assertions.assertThat;

/** The shipped scenarios about closing: half-close, simultaneous close, lost final ACK, wandering duplicates, close race. */
class ClosingScenariosTest {

    @Test
    void the_server_keeps_sending_after_the_clients_half_close() {
        RunResult r = single("close");
        assertThat(r.passed()).as(r.verdict()).isTrue();
        var m = r.metrics();
        assertThat(m.transitions(State.ESTABLISHED, State.FIN_WAIT_1)).isEqualTo(1);
        assertThat(m.transitions(State.FIN_WAIT_1, State.FIN_WAIT_2)).isEqualTo(1);
        assertThat(m.transitions(State.FIN_WAIT_2, State.TIME_WAIT)).isEqualTo(1);
        assertThat(m.transitions(State.TIME_WAIT, State.CLOSED)).isEqualTo(1);
        assertThat(m.transitions(State.ESTABLISHED, State.CLOSE_WAIT)).isEqualTo(1);
        assertThat(m.transitions(State.CLOSE_WAIT, State.LAST_ACK)).isEqualTo(1);
        assertThat(m.transitions(State.LAST_ACK, State.CLOSED)).isEqualTo(1);
        assertThat(r.connection("c1").bytesAfterClose()).isEqualTo(5000);
        assertThat(r.connection("s1").bytesReceived()).isEqualTo(100);
        assertThat(r.count(Counter.RSTS_SENT)).isZero();
    }

    @Test
    void both_ends_closing_at_once_go_through_closing() {
        RunResult r = single("simultaneous-close");
        assertThat(r.passed()).as(r.verdict()).isTrue();
        assertThat(r.metrics().transitions(State.FIN_WAIT_1, State.CLOSING)).isEqualTo(2);
        assertThat(r.metrics().transitions(State.CLOSING, State.TIME_WAIT)).isEqualTo(2);
        assertThat(r.count(Counter.MAX_TIME_WAIT)).isEqualTo(2);
    }

    @Test
    void time_wait_answers_the_repeated_fin_and_without_it_the_peer_gets_rst() {
        List<RunResult> runs = run("lost-final-ack");
        RunResult withTw = runs.get(0), without = runs.get(1);
        assertThat(runs).allSatisfy(r -> assertThat(r.passed()).as(r.verdict()).isTrue());
        assertThat(withTw.count(Counter.SEGMENTS_DROPPED)).isEqualTo(1);
        assertThat(withTw.count(Counter.RETRANSMISSIONS)).isEqualTo(1);
        assertThat(withTw.count(Counter.RSTS_SENT)).isZero();
        assertThat(without.count(Counter.RSTS_SENT)).isEqualTo(1);
        assertThat(withTw.metrics().transitions(State.LAST_ACK, State.CLOSED)).isEqualTo(1);
        assertThat(without.metrics().transitions(State.LAST_ACK, State.CLOSED)).isEqualTo(1);
    }

    @Test
    void a_short_time_wait_lets_old_data_into_the_new_incarnation() {
        List<RunResult> runs = run("wandering-duplicates");
        RunResult twoMsl = runs.get(0), shortened = runs.get(1);
        assertThat(twoMsl.label()).isEqualTo("1-two-msl");
        assertThat(RunSummary.sweep(runs)).contains("1-two-msl").endsWith(RunSummary.SWEEP_LEGEND)
                .contains("no-port = connect() failed with EADDRNOTAVAIL");
        assertThat(runs).allSatisfy(r -> assertThat(r.passed()).as(r.verdict()).isTrue());
        assertThat(twoMsl.count(Counter.STALE_BYTES)).isZero();
        assertThat(twoMsl.connection("c2").error()).contains("EADDRNOTAVAIL");
        assertThat(shortened.count(Counter.STALE_BYTES)).isPositive();
        assertThat(shortened.connection("c2").finalState()).isEqualTo(State.ESTABLISHED);
        assertThat(shortened.connection("s2").bytesReceived()).isEqualTo(shortened.count(Counter.STALE_BYTES));
    }

    @Test
    void a_close_race_sends_some_connections_through_closing() {
        RunResult r = single("close-race", "workload.connections=300", "expect.established=300");
        assertThat(r.passed()).as(r.verdict()).isTrue();
        long closing = r.metrics().transitions(State.FIN_WAIT_1, State.CLOSING);
        long ordinary = r.metrics().transitions(State.FIN_WAIT_1, State.FIN_WAIT_2)
                + r.metrics().transitions(State.FIN_WAIT_1, State.TIME_WAIT);
        assertThat(closing).isPositive();
        assertThat(ordinary).isPositive();
        // every connection has two ends, and each end closes once: actively (FIN-WAIT-1) or passively
        assertThat(r.metrics().transitions(State.ESTABLISHED, State.FIN_WAIT_1)
                + r.metrics().transitions(State.ESTABLISHED, State.CLOSE_WAIT)).isEqualTo(600);
        assertThat(RunSummary.closePaths(r)).contains(closing + " through CLOSING");
    }
}
