package io.tcpemu.reliability;

import io.tcpemu.pkt.PktParser;
import io.tcpemu.pkt.PktSyntaxException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The inputs of issue 22 that made tcpemu lie, hang or die, each named: every one now gives a
 * correct result or one clear line. (Durations through every entry point: {@link ExtremeDurationsTest}.)
 */
class ExtremeInputTest {

    // ---- packetdrill scripts ----------------------------------------------------------------

    @Test
    void a_pkt_time_beyond_the_horizon_is_refused_not_wrapped() {
        String script = "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+99999999999999999 close(3) = 0\n";
        assertThatThrownBy(() -> PktParser.parse("wrap.pkt", script))
                .isInstanceOf(PktSyntaxException.class)
                .hasMessage("wrap.pkt:2: expected a time of at most 100 years (3153600000 s), got 99999999999999999");
    }

    @Test
    void a_thousand_nested_braces_in_a_pkt_are_one_line_not_a_stack_overflow() {
        String script = "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 setsockopt(3, SOL_SOCKET, SO_LINGER, "
                + "{".repeat(1_000) + "}".repeat(1_000) + ", 8) = 0\n";
        assertThatThrownBy(() -> PktParser.parse("deep.pkt", script))
                .isInstanceOf(PktSyntaxException.class)
                .hasMessageStartingWith("deep.pkt:2: ");
    }
}
