package io.tcpemu.reliability;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.Settings;
import io.tcpemu.workload.HeapBudget;
import io.tcpemu.workload.WorkloadRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A workload larger than the heap allows fails before it starts, saying how many connections fit. */
class ResourceLimitTest {
    /** 1000 client ports, TIME-WAIT 60 s on the client (Linux): at 50/s the ports bound TIME-WAIT at 1000. */
    private static final String SMALL = """
            duration = 2m
            hosts { client { ports = "40000-40999" }, server {} }
            links = [ { between = [client, server], delay = 1ms } ]
            workload {
              clients = [client], server = "server:80", connections = 0
              arrival { process = constant, rate = 50 }, close = client-first
            }
            """;

    private static Settings settings(String text, String... overrides) {
        ConfigLoader.Result r = ConfigLoader.parse(text, "limits.conf", List.of(overrides));
        assertThat(r).as(r.toString()).isInstanceOf(ConfigLoader.Loaded.class);
        return ((ConfigLoader.Loaded) r).settings();
    }

    @Test
    void a_small_workload_fits_and_its_time_wait_is_bounded_by_the_client_ports() {
        Settings s = settings(SMALL);
        HeapBudget.Estimate e = HeapBudget.estimate(s);
        assertThat(e.openAtOnce()).isEqualTo(50);       // 50/s for about a second each
        assertThat(e.timeWaitEntries()).isEqualTo(1000); // 50/s × 60 s = 3000, but only 1000 ports
        HeapBudget.require(s, HeapBudget.available());   // no exception
    }

    @Test
    void a_workload_too_large_for_a_small_heap_says_how_many_connections_fit() {
        Settings s = settings(SMALL, "workload.arrival.rate=200000", "workload.request-size=16KiB", "workload.response-size=16KiB");
        HeapBudget.Estimate e = HeapBudget.estimate(s);
        long available = 64L << 20;
        long fit = e.connectionsThatFit(available);
        assertThat(fit).isPositive().isLessThan(e.openAtOnce());
        assertThatThrownBy(() -> HeapBudget.require(s, available))
                .isInstanceOf(HeapBudget.TooLarge.class)
                .hasMessageContaining(String.format("about %,d connections fit at once", fit))
                .hasMessageContaining("workload.concurrency-limit to " + fit + " or less")
                .satisfies(t -> assertThat(((HeapBudget.TooLarge) t).connectionsThatFit()).isEqualTo(fit));
    }

    @Test
    void the_concurrency_limit_it_suggests_makes_the_workload_fit() {
        Settings big = settings(SMALL, "workload.arrival.rate=200000", "workload.request-size=16KiB");
        long available = 64L << 20;
        long fit = HeapBudget.estimate(big).connectionsThatFit(available);
        Settings limited = settings(SMALL, "workload.arrival.rate=200000", "workload.request-size=16KiB",
                "workload.concurrency-limit=" + fit);
        HeapBudget.require(limited, available); // no exception
    }

    @Test
    void an_endless_workload_at_an_enormous_rate_is_counted_without_wrapping() {
        // console 'workload start --rate 1e12' (no end) said "and -2 in TIME-WAIT": twice Long.MAX_VALUE connections
        for (String close : List.of("client-first", "simultaneous")) {
            Settings s = settings(SMALL, "workload.arrival.rate=1e300", "workload.close=" + close, "duration=36500d");
            HeapBudget.Estimate e = HeapBudget.estimate(s);
            assertThat(e.timeWaitEntries()).as(close).isPositive();
            assertThat(e.bytesNeeded()).as(close).isPositive();
            assertThatThrownBy(() -> HeapBudget.require(s, 64L << 20)).as(close)
                    .hasMessageNotContaining(" -").hasMessageContaining("connections fit at once");
        }
    }

    @Test
    void starting_an_impossible_workload_fails_at_once_instead_of_running_out_of_memory() {
        Settings s = settings(SMALL, "workload.arrival.rate=100000000", "duration=1h", "hosts.client.ports=\"1024-65535\"");
        assertThatThrownBy(() -> WorkloadRun.start(s))
                .isInstanceOf(HeapBudget.TooLarge.class)
                .hasMessageContaining("connections fit at once")
                .hasMessageNotContaining("Exception");
    }
}
