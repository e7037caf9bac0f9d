package io.tcpemu.workload;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.Settings;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceRecorder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Scenario settings from HOCON text, and what a recorded trace says about the connections. */
final class WorkloadFixture {
    /** Client a, server b:80, 1 ms each way, TIME-WAIT 1 s; a workload of 20 requests at 100/s. */
    static final String BASE = """
            seed = 7
            duration = 30s
            hosts {
              a { tcp.time-wait = 1s }
              b { tcp.time-wait = 1s }
            }
            links = [ { between = [a, b], delay = 1ms } ]
            workload {
              clients = [a]
              server = "b:80"
              arrival { process = constant, rate = 100 }
              connections = 20
              request-size = 100
              response-size = 3000
            }
            """;

    private WorkloadFixture() {}

    static Settings settings(String text, String... overrides) {
        ConfigLoader.Result result = ConfigLoader.parse(text, "test.conf", List.of(overrides));
        if (result instanceof ConfigLoader.Invalid invalid) throw new AssertionError(invalid.message());
        return ((ConfigLoader.Loaded) result).settings();
    }

    static Settings base(String... overrides) { return settings(BASE, overrides); }

    /** Each connection's last state on a host (by connection id). */
    static Map<Long, State> finalStates(TraceRecorder trace, String host) {
        Map<Long, State> last = new HashMap<>();
        for (TraceEvent.StateChanged e : trace.ofType(TraceEvent.StateChanged.class)) {
            if (e.host().equals(host)) last.put(e.connId(), e.to());
        }
        return last;
    }

    /** How many times the host's connections changed from one state to another. */
    static long transitions(TraceRecorder trace, String host, State from, State to) {
        return trace.ofType(TraceEvent.StateChanged.class).stream()
                .filter(e -> e.host().equals(host) && e.from() == from && e.to() == to).count();
    }

    /** The most connections a host had open at once (from SYN-SENT until TIME-WAIT or CLOSED). */
    static int maxOpen(TraceRecorder trace, String host) {
        int open = 0, max = 0;
        for (TraceEvent.StateChanged e : trace.ofType(TraceEvent.StateChanged.class)) {
            if (!e.host().equals(host)) continue;
            if (e.to() == State.SYN_SENT) open++;
            else if (e.to() == State.TIME_WAIT || (e.to() == State.CLOSED && e.from() != State.TIME_WAIT)) open--;
            max = Math.max(max, open);
        }
        return max;
    }
}
