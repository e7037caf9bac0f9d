package io.tcpemu.pkt;

import io.tcpemu.tcp.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Our own packetdrill scripts, each run against an emulated host (Linux profile) in virtual time. */
class PktScriptsTest {
    private static final Path DIR = Path.of("src/test/resources/pkt");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "handshake-passive.pkt",
            "handshake-active.pkt",
            "handshake-blocking-connect.pkt",
            "simultaneous-open.pkt",
            "connect-refused.pkt",
            "rst-states.pkt",
            "close-active.pkt",
            "close-passive.pkt",
            "close-simultaneous.pkt",
            "time-wait.pkt",
            "time-wait-rst.pkt",
            "linger-zero.pkt",
            "half-close.pkt",
            "nonblocking-calls.pkt",
    })
    void script_passes(String name) throws IOException {
        Script script = PktParser.parse(DIR.resolve(name));
        PktResult result = new PktRunner().run(script, Profile.LINUX, List.of(), 1);
        assertThat(result.passed()).as(result.format()).isTrue();
        assertThat(result.checked()).isEqualTo(script.events().size() - script.skipped().size());
    }

    private static final String SYN_ACK_WITH = """
            0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
            +0 bind(3, ..., ...) = 0
            +0 listen(3, 1) = 0
            +0 < S 0:0(0) win 32792 <mss 1000>
            +0 > S. 0:0(0) ack 1 win 65535 <OPTIONS>
            """;

    @Test
    void strict_comparison_checks_the_modelled_options_and_window() {
        PktRunner strict = new PktRunner(Conventions.DEFAULT.withComparisons(true, true));

        PktResult ok = strict.run(PktParser.parse("o.pkt", SYN_ACK_WITH.replace("OPTIONS", "mss 1460")), Profile.RFC9293.config(), 1);
        assertThat(ok.passed()).as(ok.format()).isTrue();

        PktResult mss = strict.run(PktParser.parse("o.pkt", SYN_ACK_WITH.replace("OPTIONS", "mss 1000")), Profile.RFC9293.config(), 1);
        assertThat(mss.failure().actual()).endsWith("mss 1460 instead of 1000");

        PktResult ts = strict.run(PktParser.parse("o.pkt", SYN_ACK_WITH.replace("OPTIONS", "mss 1460,TS val 1 ecr 0")), Profile.RFC9293.config(), 1);
        assertThat(ts.failure().actual()).endsWith("TS option missing");

        PktResult lax = new PktRunner().run(PktParser.parse("o.pkt", SYN_ACK_WITH.replace("OPTIONS", "mss 1000")), Profile.RFC9293.config(), 1);
        assertThat(lax.passed()).isTrue();
        assertThat(lax.notes()).containsExactly(
                "line 5: win 65535 not compared (--strict-window compares it)",
                "line 5: TCP options not compared (--strict-options compares mss and timestamps)");
    }
}
