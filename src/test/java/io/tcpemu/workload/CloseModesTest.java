package io.tcpemu.workload;

import io.tcpemu.metrics.Counter;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceBus;
import io.tcpemu.trace.TraceRecorder;
import io.tcpemu.workload.WorkloadResult.End;
import org.junit.jupiter.api.Test;

import static io.tcpemu.tcp.State.CLOSED;
import static io.tcpemu.tcp.State.CLOSE_WAIT;
import static io.tcpemu.tcp.State.CLOSING;
import static io.tcpemu.tcp.State.ESTABLISHED;
import static io.tcpemu.tcp.State.FIN_WAIT_1;
import static io.tcpemu.tcp.State.FIN_WAIT_2;
import static io.tcpemu.tcp.State.LAST_ACK;
import static io.tcpemu.tcp.State.TIME_WAIT;
import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/** A small constant-rate workload in each close mode: who ends in TIME-WAIT, and that every connection ends. */
class CloseModesTest {
    private final TraceBus bus = new TraceBus();
    private final TraceRecorder trace = TraceRecorder.on(bus);

    /** Runs the workload to its end, then two more TIME-WAIT lengths, so every connection reaches CLOSED. */
    private WorkloadRun.Outcome run(String close, String... more) {
        String[] overrides = java.util.stream.Stream.concat(java.util.stream.Stream.of("workload.close=" + close),
                java.util.Arrays.stream(more)).toArray(String[]::new);
        try (WorkloadRun run = WorkloadRun.start(WorkloadFixture.base(overrides), bus)) {
            WorkloadResult result = run.awaitResult();
            assertThat(result.end()).isEqualTo(End.COMPLETED);
            run.clock().advanceBy(3 * SECOND);
            return run.finish();
        }
    }

    private void assertAllCompletedAndClosed(WorkloadResult w) {
        assertThat(w.requestsIssued()).isEqualTo(20);
        assertThat(w.requestsCompleted()).isEqualTo(20);
        assertThat(w.requestsFailed()).isZero();
        assertThat(w.connectAttempts()).isEqualTo(20);
        assertThat(w.established()).isEqualTo(20);
        assertThat(w.accepted()).isEqualTo(20);
        assertThat(w.requestsServed()).isEqualTo(20);
        assertThat(w.connectionsClosed()).isEqualTo(20);
        assertThat(WorkloadFixture.finalStates(trace, "a")).hasSize(20).allSatisfy((id, s) -> assertThat(s).isEqualTo(CLOSED));
        assertThat(WorkloadFixture.finalStates(trace, "b").values()).filteredOn(s -> s != State.LISTEN).hasSize(20).containsOnly(CLOSED);
    }

    /** The closer goes FIN-WAIT-1 … TIME-WAIT … CLOSED, the other end CLOSE-WAIT → LAST-ACK and never TIME-WAIT. */
    private void assertClosedActivelyBy(String closer, String other) {
        assertThat(WorkloadFixture.transitions(trace, closer, ESTABLISHED, FIN_WAIT_1)).isEqualTo(20);
        assertThat(WorkloadFixture.transitions(trace, closer, TIME_WAIT, CLOSED)).isEqualTo(20);
        assertThat(WorkloadFixture.transitions(trace, other, CLOSE_WAIT, LAST_ACK)).isEqualTo(20);
        assertThat(WorkloadFixture.transitions(trace, other, TIME_WAIT, CLOSED)).isZero();
    }

    @Test
    void client_first_leaves_time_wait_on_the_client() {
        WorkloadRun.Outcome o = run("client-first");
        assertAllCompletedAndClosed(o.workload());
        assertClosedActivelyBy("a", "b");
        // the server closes as soon as it reads end of stream: its FIN carries the delayed ACK (three segments)
        assertThat(WorkloadFixture.transitions(trace, "a", FIN_WAIT_1, TIME_WAIT)).isEqualTo(20);
        // the response (3000 bytes, three segments) comes back a round trip after the request
        assertThat(o.workload().requestLatency().p50()).isEqualTo(2_000);
        assertThat(o.metrics().count(Counter.ESTABLISHED)).isEqualTo(20);
    }

    @Test
    void server_first_leaves_time_wait_on_the_server() {
        assertAllCompletedAndClosed(run("server-first").workload());
        assertClosedActivelyBy("b", "a");
    }

    @Test
    void simultaneous_close_goes_through_closing_on_both_ends() {
        WorkloadRun.Outcome o = run("simultaneous");
        assertAllCompletedAndClosed(o.workload());
        assertThat(WorkloadFixture.transitions(trace, "a", FIN_WAIT_1, CLOSING)).isEqualTo(20);
        assertThat(WorkloadFixture.transitions(trace, "b", FIN_WAIT_1, CLOSING)).isEqualTo(20);
        assertThat(WorkloadFixture.transitions(trace, "a", TIME_WAIT, CLOSED)).isEqualTo(20);
        assertThat(WorkloadFixture.transitions(trace, "b", TIME_WAIT, CLOSED)).isEqualTo(20);
    }

    /** The server closes up to 2 ms after the client, whose FIN takes 1 ms: only some FINs cross. */
    @Test
    void a_close_skew_makes_a_race_some_connections_win_and_some_lose() {
        WorkloadRun.Outcome o = run("simultaneous", "workload.close-skew=2ms");
        assertAllCompletedAndClosed(o.workload());
        long crossed = WorkloadFixture.transitions(trace, "a", FIN_WAIT_1, CLOSING);
        long ordinary = WorkloadFixture.transitions(trace, "b", ESTABLISHED, CLOSE_WAIT);
        assertThat(crossed).isPositive();
        assertThat(ordinary).isPositive();
        // every connection took one of the two paths on the server: its FIN crossed the client's, or came after it
        assertThat(WorkloadFixture.transitions(trace, "b", ESTABLISHED, FIN_WAIT_1) + ordinary).isEqualTo(20);
        assertThat(WorkloadFixture.transitions(trace, "a", TIME_WAIT, CLOSED)).isEqualTo(20);
    }

    @Test
    void abort_sends_rsts_and_leaves_no_time_wait() {
        WorkloadRun.Outcome o = run("abort");
        WorkloadResult w = o.workload();
        assertThat(w.requestsCompleted()).isEqualTo(20);
        assertThat(w.serverResets()).isEqualTo(20);
        assertThat(w.reset()).as("the client's own abort is no ECONNRESET").isZero();
        assertThat(w.requestsFailed()).isZero();
        assertThat(o.metrics().count(Counter.RSTS_SENT)).isEqualTo(20);
        assertThat(o.metrics().count(Counter.MAX_TIME_WAIT)).isZero();
        assertThat(WorkloadFixture.transitions(trace, "a", ESTABLISHED, CLOSED)).isEqualTo(20);
        assertThat(WorkloadFixture.finalStates(trace, "a").values()).hasSize(20).containsOnly(CLOSED);
    }
}
