package io.tcpemu.workload;

import io.tcpemu.metrics.Percentiles;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyHistogramTest {
    @Test
    void values_below_a_millisecond_are_exact_and_ranks_are_nearest_rank() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100; v++) h.record(v * 10);
        assertThat(h.percentiles()).isEqualTo(new Percentiles(100, 500, 900, 990, 1000));
    }

    @Test
    void larger_values_read_back_within_a_fifth_of_a_percent_below() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            long v = random.nextLong(1_024, Long.MAX_VALUE / 2);
            long read = LatencyHistogram.lowerBound(LatencyHistogram.index(v));
            assertThat(read).isLessThanOrEqualTo(v).isGreaterThanOrEqualTo(v - v / 512);
        }
    }

    @Test
    void merged_histograms_count_everything_and_keep_the_exact_maximum() {
        LatencyHistogram a = new LatencyHistogram(), b = new LatencyHistogram();
        a.record(2_000);
        a.record(60_000_123);
        b.record(3_000);
        a.addAll(b);
        Percentiles p = a.percentiles();
        assertThat(p.count()).isEqualTo(3);
        assertThat(p.p50()).isEqualTo(3_000);
        assertThat(p.max()).isEqualTo(60_000_123);
        assertThat(new LatencyHistogram().percentiles()).isEqualTo(Percentiles.NONE);
    }
}
