package io.tcpemu.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcpemu.trace.TraceEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The text and Mermaid ladders of three textbook stories, compared with golden files under
 * src/test/resources/io/tcpemu/report/golden. After a deliberate change of format, regenerate
 * them with {@code -Dgolden.update=true} and review the diff.
 */
class LadderGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/io/tcpemu/report/golden");

    @ParameterizedTest
    @CsvSource({"handshake-data-close", "lost-fin", "simultaneous-close"})
    void textLadderMatchesGoldenFile(String story) throws IOException {
        assertGolden(story + ".txt", render(story, LadderText::render));
    }

    @ParameterizedTest
    @CsvSource({"handshake-data-close", "lost-fin", "simultaneous-close"})
    void mermaidLadderMatchesGoldenFile(String story) throws IOException {
        assertGolden(story + ".mmd", render(story, LadderMermaid::render));
    }

    private static String render(String story, Function<Ladder, String> renderer) {
        Supplier<List<TraceEvent>> trace = switch (story) {
            case "handshake-data-close" -> Scenarios::handshakeDataClose;
            case "lost-fin" -> Scenarios::lostFin;
            case "simultaneous-close" -> Scenarios::simultaneousClose;
            default -> throw new IllegalArgumentException(story);
        };
        return renderer.apply(Ladder.of(trace.get(), Scenarios.CLIENT_VIEW));
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) Files.writeString(file, actual, StandardCharsets.UTF_8);
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
