package io.tcpemu.workload;

import io.tcpemu.config.WorkloadSettings.Process;
import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ArrivalsTest {
    @Test
    void constant_arrivals_are_evenly_spaced_and_rounding_never_drifts() {
        Arrivals a = new Arrivals(Process.CONSTANT, 3, 1_000, 1);
        assertThat(LongStream.generate(a::next).limit(4)).containsExactly(1_000L, 334_333L, 667_667L, 1_001_000L);
        Arrivals many = new Arrivals(Process.CONSTANT, 3, 0, 1);
        long last = 0;
        for (int i = 0; i <= 3_000; i++) last = many.next();
        assertThat(last).isEqualTo(1_000_000_000L); // the 3000th gap ends exactly at 1000 s
    }

    @Test
    void poisson_arrivals_repeat_with_the_seed_and_have_the_rate_as_their_mean() {
        Arrivals a = new Arrivals(Process.POISSON, 1_000, 0, 42);
        Arrivals b = new Arrivals(Process.POISSON, 1_000, 0, 42);
        Arrivals c = new Arrivals(Process.POISSON, 1_000, 0, 43);
        long[] first = LongStream.generate(a::next).limit(100_000).toArray();
        assertThat(LongStream.generate(b::next).limit(100_000).toArray()).isEqualTo(first);
        assertThat(LongStream.generate(c::next).limit(100_000).toArray()).isNotEqualTo(first);
        // 100,000 arrivals at 1000/s take about 100 s; the exponential gaps' spread is as large as their mean
        assertThat(first[first.length - 1] / 1e6).isCloseTo(100.0, within(1.5));
        long shortGaps = LongStream.range(1, first.length).filter(i -> first[(int) i] - first[(int) i - 1] < 100).count();
        assertThat(shortGaps / (double) first.length).isCloseTo(1 - Math.exp(-0.1), within(0.01));
    }
}
