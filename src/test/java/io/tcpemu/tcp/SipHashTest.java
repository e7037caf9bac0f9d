package io.tcpemu.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks against the reference vectors of the SipHash paper (key 00..0f, message 00, 01, 02...). */
class SipHashTest {
    private final SipHash reference = new SipHash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);

    @Test
    void empty_message() {
        assertThat(reference.hash()).isEqualTo(0x726fdb47dd0e0e31L);
    }

    @Test
    void eight_byte_message() {
        assertThat(reference.hash(0x0706050403020100L)).isEqualTo(0x93f5f5799a932462L);
    }

    @Test
    void sixteen_byte_message() {
        assertThat(reference.hash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L)).isEqualTo(0x3f2acc7f57c29bdbL);
    }
}
