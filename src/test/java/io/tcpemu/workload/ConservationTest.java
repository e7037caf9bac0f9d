package io.tcpemu.workload;

import io.tcpemu.workload.WorkloadResult.End;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In every close mode, with and without a pool, on a clean and on a lossy link: the run ends, and
 * nothing is lost from the books: every request completes or fails, every connection that was
 * established ends, every completed request was served.
 */
class ConservationTest {
    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String close : List.of("client-first", "server-first", "simultaneous", "abort"))
            for (String pool : List.of("0", "3"))
                for (String loss : List.of("0", "0.05")) cases.add(Arguments.of(close, pool, loss));
        return cases.stream();
    }

    @ParameterizedTest(name = "close={0} pool={1} loss={2}")
    @MethodSource("cases")
    void every_request_and_connection_is_accounted_for(String close, String pool, String loss) {
        WorkloadResult w = WorkloadRun.run(WorkloadFixture.base("workload.close=" + close, "workload.pool.size=" + pool,
                "link-defaults.loss=" + loss, "workload.arrival.process=poisson", "workload.connections=60",
                "workload.think-time=3ms", "workload.pool.requests-per-connection=7")).workload();

        assertThat(w.end()).isEqualTo(End.COMPLETED);
        assertThat(w.requestsIssued()).isEqualTo(60);
        assertThat(w.requestsCompleted() + w.requestsFailed()).isEqualTo(60);
        assertThat(w.connectionsClosed()).isEqualTo(w.established());
        assertThat(w.established() + w.addrNotAvail() + w.refused() + w.timedOut()).isEqualTo(w.connectAttempts());
        assertThat(w.requestsServed()).isGreaterThanOrEqualTo(w.requestsCompleted());
        if (loss.equals("0")) assertThat(w.requestsCompleted()).isEqualTo(60);
    }
}
