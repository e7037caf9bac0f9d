package io.tcpemu.workload;

import io.tcpemu.trace.TraceBus;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A scenario's {@code servers = [...]} shares the connections round-robin. */
class SeveralServersTest {
    @Test
    void connections_alternate_between_the_servers() {
        var settings = WorkloadFixture.settings("""
                seed = 3
                duration = 10s
                hosts { a {}, b {}, c {} }
                links = [ { between = [a, b], delay = 1ms }, { between = [a, c], delay = 1ms } ]
                workload {
                  clients = [a]
                  servers = ["b:80", "c:8080"]
                  arrival { process = constant, rate = 100 }
                  connections = 10
                }
                """);
        TraceBus bus = new TraceBus();
        TraceRecorder trace = TraceRecorder.on(bus);
        try (WorkloadRun run = WorkloadRun.start(settings, bus)) {
            WorkloadResult w = run.awaitResult();
            assertThat(w.requestsCompleted()).isEqualTo(10);
            assertThat(w.accepted()).isEqualTo(10);
        }
        var established = trace.ofType(TraceEvent.StateChanged.class).stream()
                .filter(e -> e.to() == io.tcpemu.tcp.State.ESTABLISHED && !e.host().equals("a")).toList();
        assertThat(established).filteredOn(e -> e.host().equals("b")).hasSize(5)
                .allSatisfy(e -> assertThat(e.tuple().local().port()).isEqualTo(80));
        assertThat(established).filteredOn(e -> e.host().equals("c")).hasSize(5)
                .allSatisfy(e -> assertThat(e.tuple().local().port()).isEqualTo(8080));
    }
}
