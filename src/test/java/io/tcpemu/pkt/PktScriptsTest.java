package io.tcpemu.pkt;

import io.tcpemu.tcp.Profile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;

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
            "syn-retransmit.pkt",
            "rst-states.pkt",
            "close-active.pkt",
            "close-passive.pkt",
            "close-simultaneous.pkt",
            "time-wait.pkt",
            "linger-zero.pkt",
            "half-close.pkt",
    })
    void script_passes(String name) throws IOException {
        Script script = PktParser.parse(DIR.resolve(name));
        PktResult result = new PktRunner().run(script, Profile.LINUX.config(), 1);
        assertThat(result.passed()).as(result.format()).isTrue();
        assertThat(result.checked()).isEqualTo(script.events().size() - script.skipped().size());
    }
}
