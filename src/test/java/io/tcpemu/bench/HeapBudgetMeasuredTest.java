package io.tcpemu.bench;

import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.workload.HeapBudget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap budget's figures for a connection end and a TIME-WAIT entry against what each costs, measured as
 * {@code bench --concurrent} does: on the safe side, and not so far off that a run that fits is
 * refused (2,048 bytes, the figure of when each end was an actor, was over three times the cost).
 */
class HeapBudgetMeasuredTest {

    @Test
    void an_established_connection_costs_what_the_budget_plans_for_its_two_ends() {
        HoldRun.Result r = HoldRun.run(50_000, 100_000);
        assertThat(r.failed()).isZero();
        assertThat(r.held()).isEqualTo(50_000);
        double perEnd = (double) r.heap() / r.held() / 2;
        assertThat((double) HeapBudget.BYTES_PER_END).as("measured %.0f bytes per end", perEnd)
                .isGreaterThanOrEqualTo(perEnd).isLessThan(1.5 * perEnd);
    }

    @Test
    void a_time_wait_entry_costs_what_the_budget_plans_for_it() {
        long n = 50_000;
        ScenarioRun.Result r = ScenarioRun.run(new StandardScenario(n, 100_000, 3_600 * TcpConfig.SECOND, 1_000, 1,
                StandardScenario.clientsFor(n)), true, false);
        assertThat(r.failed()).isZero();
        assertThat(r.peakTimeWait()).isEqualTo(n);
        double perEntry = (double) r.heapAtPeak() / r.peakTimeWait();
        assertThat((double) HeapBudget.BYTES_PER_TIME_WAIT).as("measured %.0f bytes per TIME-WAIT entry", perEntry)
                .isGreaterThanOrEqualTo(perEntry).isLessThan(1.5 * perEntry);
    }
}
