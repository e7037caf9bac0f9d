package io.tcpemu.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Mean ± t(0.975, n-1)·s/√n, checked against values worked by hand and published t quantiles. */
class ConfidenceIntervalTest {

    @Test
    void fiveValuesGiveTheirMeanAndStudentsInterval() {
        ConfidenceInterval ci = ConfidenceInterval.of(new double[] {1, 2, 3, 4, 5});
        assertThat(ci.n()).isEqualTo(5);
        assertThat(ci.mean()).isEqualTo(3.0);
        // s = sqrt(10/4) = 1.58114; t(0.975, 4) = 2.77645; 2.77645 * 1.58114 / sqrt(5) = 1.96324
        assertThat(ci.halfWidth()).isCloseTo(1.96324, within(1e-4));
        assertThat(ci.shown("%.1f")).isEqualTo("3.0 ± 2.0");
    }

    @Test
    void oneRunHasNoIntervalAndEqualRunsAZeroWideOne() {
        ConfidenceInterval one = ConfidenceInterval.of(new double[] {7});
        assertThat(one.hasInterval()).isFalse();
        assertThat(one.halfWidth()).isNaN();
        assertThat(one.shown("%.1f")).isEqualTo("7.0");
        assertThat(ConfidenceIntervalTest.csvOf(one.halfWidth())).isEmpty();
        assertThat(ConfidenceInterval.of(new double[] {4, 4, 4}).halfWidth()).isZero();
    }

    @Test
    void theQuantileFollowsPublishedTablesBeyondItsOwn() {
        assertThat(ConfidenceInterval.t975(1)).isEqualTo(12.7062);
        assertThat(ConfidenceInterval.t975(30)).isEqualTo(2.0423);
        // published t(0.975) for 40, 60, 120 degrees of freedom
        assertThat(ConfidenceInterval.t975(40)).isCloseTo(2.0211, within(2e-4));
        assertThat(ConfidenceInterval.t975(60)).isCloseTo(2.0003, within(2e-4));
        assertThat(ConfidenceInterval.t975(120)).isCloseTo(1.9799, within(2e-4));
        assertThat(ConfidenceInterval.t975(31)).isLessThan(ConfidenceInterval.t975(30));
    }

    private static String csvOf(double v) { return ConfidenceInterval.csv(v); }
}
