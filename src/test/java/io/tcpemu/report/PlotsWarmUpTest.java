package io.tcpemu.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlotsWarmUpTest {
    @Test
    void theWarmUpDrawsARealChartSoItLoadsWhatTheRunsPlotsWillNeed() {
        assertThat(PlotsWarmUp.drawOne()).as("a warm-up that fails loads nothing, and Ctrl-C waits for Java2D again").isTrue();
    }
}
