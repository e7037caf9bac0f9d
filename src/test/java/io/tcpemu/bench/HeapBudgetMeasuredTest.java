package io.tcpemu.bench;

import io.tcpemu.workload.HeapBudget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap budget's figure for a connection end against what one costs, measured as
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
}
