package io.tcpemu.workload;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The heap estimate with counts at the ends of their range: every sum and product holds at its ceiling, none wraps. */
class HeapBudgetTest {
    private static final String ENDLESS = """
            duration = 36500d
            hosts { client { ports = "40000-40999" }, server {} }
            links = [ { between = [client, server], delay = 1ms } ]
            workload {
              clients = [client], server = "server:80", connections = 0
              arrival { process = constant, rate = 1e300 }
            }
            """;

    private static Settings settings(String... overrides) {
        ConfigLoader.Result r = ConfigLoader.parse(ENDLESS, "endless.conf", List.of(overrides));
        assertThat(r).as(r.toString()).isInstanceOf(ConfigLoader.Loaded.class);
        return ((ConfigLoader.Loaded) r).settings();
    }

    @Test
    void a_pool_renewed_after_every_request_of_an_endless_workload_is_still_the_pool() {
        // about Long.MAX_VALUE connections opened plus the pool wrapped to a negative count, and the pool became 1
        HeapBudget.Estimate e = HeapBudget.estimate(settings("workload.pool.size=7", "workload.pool.requests-per-connection=1"));
        assertThat(e.openAtOnce()).isEqualTo(7);
        assertThat(e.bytesNeeded()).isPositive();
    }

    @Test
    void time_wait_beyond_counting_leaves_room_for_no_connection() {
        // both ends close: TIME-WAIT entries saturate, and 160 bytes each of them wrapped to "thousands fit"
        for (String close : List.of("simultaneous", "server-first")) {
            HeapBudget.Estimate e = HeapBudget.estimate(settings("workload.close=" + close));
            assertThat(e.timeWaitEntries()).as(close).isEqualTo(Long.MAX_VALUE / 2);
            assertThat(e.bytesNeeded()).as(close).isEqualTo(Long.MAX_VALUE / 2);
            assertThat(e.connectionsThatFit(64L << 20)).as(close).isZero();
            assertThat(e.connectionsThatFit(Long.MAX_VALUE)).as(close).isPositive();
        }
    }
}
