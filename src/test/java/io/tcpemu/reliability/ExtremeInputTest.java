package io.tcpemu.reliability;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.pkt.PktParser;
import io.tcpemu.pkt.PktSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    // ---- includes ---------------------------------------------------------------------------

    @Test
    void an_include_resolves_beside_the_real_file_not_beside_a_link_to_it(@TempDir Path tmp) throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Files.writeString(real.resolve("a.conf"), "include \"b.conf\"\nhosts { a {}, b {} }\n");
        Files.writeString(real.resolve("b.conf"), "seed = 42\n");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(elsewhere.resolve("a.conf"), real.resolve("a.conf"));

        assertThat(ConfigLoader.loadOrThrow(link).run().seed()).isEqualTo(42);
    }

    @Test
    void an_include_that_is_missing_a_folder_a_device_or_on_the_network_is_one_located_line(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("folder"));
        Files.createSymbolicLink(tmp.resolve("zero.conf"), Path.of("/dev/zero"));
        String[][] cases = {
                {"include \"nope.conf\"", "cannot include \"nope.conf\": there is no such file"},
                {"include required(\"/nonexistent\")", "cannot include \"/nonexistent\": there is no such file"},
                {"include \"folder\"", "is a folder, expected a file"},
                {"include \"zero.conf\"", "is not a regular file"},
                {"include url(\"http://example.com/x.conf\")", "url(...) includes are not allowed"},
        };
        for (String[] c : cases) {
            Path file = Files.writeString(tmp.resolve("s.conf"), "hosts { a {}, b {} }\n" + c[0] + "\n");
            ConfigLoader.Result r = ConfigLoader.load(file, List.of());
            assertThat(r).as(c[0]).isInstanceOf(ConfigLoader.Invalid.class);
            String message = ((ConfigLoader.Invalid) r).message();
            assertThat(message).as(c[0]).startsWith(file + ":2: ").contains(c[1]).doesNotContain("\n");
        }
    }

    @Test
    void a_fifo_as_the_scenario_is_refused_without_blocking(@TempDir Path tmp) throws Exception {
        Path fifo = tmp.resolve("pipe.conf");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        ConfigLoader.Result r = ConfigLoader.load(fifo, List.of());
        assertThat(((ConfigLoader.Invalid) r).message()).isEqualTo(fifo + ": expected a config file, but " + fifo
                + " is not a regular file (a device, FIFO or socket), expected a file");
    }
}
