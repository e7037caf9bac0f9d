package io.tcpemu.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tcpemu node}: what it refuses, in one line, before it joins anything. */
class NodeCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int node(String... args) {
        return new CommandLine(new NodeCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)))
                .execute(args);
    }

    @Test void aSeedThatIsNotHostPortIsRefused() {
        assertThat(node("--seed-nodes", "127.0.0.1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("tcpemu node: --seed-nodes: expected host:port such as 127.0.0.1:2551, got \"127.0.0.1\"" + System.lineSeparator());
        assertThat(out.size()).isZero();
    }

    @Test void aPortInUseIsRefusedInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThat(node("--port", Integer.toString(port))).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                    .startsWith("tcpemu node: cannot listen on 127.0.0.1:" + port + " (").endsWith("); give a free --port, or --address with an address of this machine");
        }
    }

    @Test void aPortOutOfRangeIsRefused() {
        assertThat(node("--port", "70000")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo("tcpemu node: --port 70000: expected 0-65535");
    }
}
