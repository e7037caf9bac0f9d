package io.tcpemu.runtime;

import io.tcpemu.tcp.TimerKind;
import io.tcpemu.trace.TraceEvent.TimerAction;
import io.tcpemu.trace.TraceEvent.TimerEvent;
import org.junit.jupiter.api.Test;

import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Issue 3: an endpoint reports the timers it arms, fires and cancels to the trace, with their deadlines. */
class EndpointTraceTest extends TwoHostTest {

    @Test
    void a_lost_syn_shows_its_retransmission_timer_armed_fired_rearmed_and_cancelled() {
        start(a(), b(), "drop first syn");
        fx.await(sockets.listen("b", 80, 8, false));
        long start = fx.clock.now();
        fx.await(sockets.connect("a", SERVER));

        assertThat(fx.events(TimerEvent.class)).filteredOn(e -> e.host().equals("a") && e.kind() == TimerKind.RETRANSMIT)
                .extracting(TimerEvent::action, e -> e.time() - start, e -> e.deadline() < 0 ? -1 : e.deadline() - start)
                .startsWith(
                        tuple(TimerAction.ARMED, 0L, 1 * SECOND),            // the SYN, initial RTO 1 s
                        tuple(TimerAction.FIRED, 1 * SECOND, 1 * SECOND),    // lost: fires
                        tuple(TimerAction.ARMED, 1 * SECOND, 2 * SECOND),    // still 1 s: Linux's tcp_syn_linear_timeouts
                        tuple(TimerAction.CANCELLED, 1 * SECOND + 2_000, -1L)); // the SYN-ACK, one RTT later
    }
}
