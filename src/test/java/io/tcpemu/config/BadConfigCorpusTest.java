package io.tcpemu.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file in bad-config/ is a scenario a user might get wrong. Its first lines say, one
 * "# error: " line each, exactly what the user must see (file name in place of the path).
 */
class BadConfigCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/bad-config");
    private static final String MARK = "# error: ";

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".conf")).sorted().toList().stream();
        }
    }

    @Test
    void the_corpus_covers_at_least_thirty_mistakes() throws IOException {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void each_bad_file_reports_exactly_its_expected_problems(Path file) throws IOException {
        // Latin-1 reads every byte: some files of the corpus are not UTF-8 on purpose
        List<String> expected = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).lines()
                .takeWhile(line -> line.startsWith(MARK))
                .map(line -> line.substring(MARK.length()))
                .toList();
        assertThat(expected).as("the file's first lines say what to expect").isNotEmpty();

        ConfigLoader.Result result = ConfigLoader.load(file, List.of());

        assertThat(result).isInstanceOf(ConfigLoader.Invalid.class);
        List<String> actual = ((ConfigLoader.Invalid) result).problems().stream()
                .map(p -> p.toString().replace(file.toString(), file.getFileName().toString()))
                .toList();
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
