package io.tcpemu.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatTest {

    @Test
    void decimals_are_short_and_round_trip_at_six_significant_digits() {
        assertThat(Format.decimal(1 - 100.0 / 125)).isEqualTo("0.2"); // 0.19999999999999996
        assertThat(Format.decimal(1.0 / 3)).isEqualTo("0.333333");
        assertThat(Format.decimal(0)).isEqualTo("0");
        assertThat(Format.decimal(1)).isEqualTo("1");
        assertThat(Format.decimal(0.5)).isEqualTo("0.5");
        assertThat(Format.decimal(1234567.0)).isEqualTo("1234570");
        assertThat(Format.decimal(0.000012345678)).isEqualTo("0.0000123457");
        assertThat(Format.decimal(Double.NaN)).isEqualTo("NaN");
    }
}
