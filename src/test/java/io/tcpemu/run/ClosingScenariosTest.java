package io.tcpemu.run;

import io.tcpemu.metrics.Counter;
import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
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
    void under_linux_a_prompt_close_takes_three_segments_and_a_later_one_four() {
        RunResult r = single("linux-close");
        assertThat(r.passed()).as(r.verdict()).isTrue();
        // c1's server closed 1 ms after the FIN: its FIN carried the delayed ACK.
        assertThat(closingSegments(r, "c1")).containsExactly("client F.", "server F.", "client .");
        // c2's server closed 500 ms later: the ACK went alone after Linux's 40 ms ACK timeout.
        assertThat(closingSegments(r, "c2")).containsExactly("client F.", "server .", "server F.", "client .");
        assertThat(ackDelay(r, "c2")).isEqualTo(40 * io.tcpemu.tcp.TcpConfig.MILLISECOND);
        var m = r.metrics();
        assertThat(m.transitions(State.FIN_WAIT_1, State.TIME_WAIT)).isEqualTo(1);
        assertThat(m.transitions(State.FIN_WAIT_1, State.FIN_WAIT_2)).isEqualTo(1);
        assertThat(m.transitions(State.FIN_WAIT_2, State.TIME_WAIT)).isEqualTo(1);
        assertThat(r.count(Counter.RSTS_SENT)).isZero();
    }

    /** "host flags" of each segment of the connection sent from the client's FIN on. */
    private static List<String> closingSegments(RunResult r, String name) {
        List<TraceEvent.SegmentEvent> sent = sentOn(r, name);
        int fin = 0;
        while (!sent.get(fin).segment().isFin()) fin++;
        return sent.subList(fin, sent.size()).stream()
                .map(e -> e.where() + " " + Flags.tcpdump(e.segment().flags())).toList();
    }

    /** From the client's FIN arriving to the server's lone ACK of it being sent. */
    private static long ackDelay(RunResult r, String name) {
        List<TraceEvent.SegmentEvent> sent = sentOn(r, name);
        TraceEvent.SegmentEvent fin = sent.stream().filter(e -> e.segment().isFin()).findFirst().orElseThrow();
        TraceEvent.SegmentEvent ack = sent.get(sent.indexOf(fin) + 1);
        return ack.time() - (fin.time() + 5 * io.tcpemu.tcp.TcpConfig.MILLISECOND); // the link's 5 ms
    }

    private static List<TraceEvent.SegmentEvent> sentOn(RunResult r, String name) {
        var tuple = r.connection(name).tuple();
        return r.events().stream().filter(e -> e instanceof TraceEvent.SegmentEvent s && s.action() == TraceEvent.SegmentAction.SENT
                        && (FourTuple.ofArriving(s.segment()).equals(tuple.reversed()) || FourTuple.ofArriving(s.segment()).equals(tuple)))
                .map(e -> (TraceEvent.SegmentEvent) e).toList();
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
