package io.tcpemu.tcp;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Saturating time arithmetic over the whole range of longs: never a wrapped value. */
class TimeHorizonTest {

    @Property
    void plus_never_wraps(@ForAll long a, @ForAll long b) {
        long sum = TimeHorizon.plus(a, b);
        java.math.BigInteger exact = java.math.BigInteger.valueOf(a).add(java.math.BigInteger.valueOf(b));
        java.math.BigInteger clamped = exact.max(java.math.BigInteger.valueOf(Long.MIN_VALUE)).min(java.math.BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(sum).isEqualTo(clamped.longValueExact());
    }

    @Property
    void doubled_is_monotone_capped_and_never_negative(@ForAll long micros, @ForAll @IntRange(min = 0, max = 200) int doublings) {
        long cap = TimeHorizon.MICROS;
        long d = TimeHorizon.doubled(micros, doublings, cap);
        assertThat(d).isBetween(0L, cap);
        if (micros > 0) {
            assertThat(d).isGreaterThanOrEqualTo(Math.min(micros, cap));
            assertThat(TimeHorizon.doubled(micros, doublings + 1, cap)).isGreaterThanOrEqualTo(d);
        }
    }

    @Test
    void extreme_amounts_are_refused_not_wrapped() {
        assertThat(TimeHorizon.ofAmount(0, 1)).isZero();
        assertThat(TimeHorizon.ofAmount(1, 60_000_000L)).isEqualTo(60_000_000L);
        assertThat(TimeHorizon.ofAmount(99999999999999999999.0, 60_000_000L)).isEqualTo(-1);
        assertThat(TimeHorizon.ofAmount(-1, 1)).isEqualTo(-1);
        assertThat(TimeHorizon.ofAmount(Double.NaN, 1)).isEqualTo(-1);
        assertThat(TimeHorizon.ofAmount(Double.POSITIVE_INFINITY, 1)).isEqualTo(-1);
        assertThat(TimeHorizon.ofAmount(100 * 365 * 24 * 60, 60_000_000L)).isEqualTo(TimeHorizon.MICROS);
        assertThat(TimeHorizon.contains(TimeHorizon.MICROS + 1)).isFalse();
        assertThat(TimeHorizon.contains(Long.MAX_VALUE)).isFalse();
        assertThat(TimeHorizon.contains(-1)).isFalse();
    }
}
