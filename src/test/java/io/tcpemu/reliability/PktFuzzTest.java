package io.tcpemu.reliability;

import io.tcpemu.pkt.PktParser;
import io.tcpemu.pkt.PktSyntaxException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our packetdrill scripts, broken at random — a line lost, doubled or cut short, a token replaced
 * by a plausible wrong one, a stray character — are either still valid or rejected with a
 * {@link PktSyntaxException} that names a line of the script and says what was expected;
 * never any other exception.
 */
class PktFuzzTest {
    private static final Path SCRIPTS = Path.of("src/test/resources/pkt");
    private static final List<String> TOKENS = List.of("<", ">", "S", "S.", ".", "F.", "R", "P.", "0:0(0)", "1:11(10)",
            "0:10(5)", "ack", "win", "65536", "-1", "4294967296", "<mss", "1460>", "<...>", "...", "=", "(", ")", ",",
            "socket(", "accept(3,", "close(3)", "+0", "+.1", "*", "0.2~0.1", "\"", "`", "/*", "%{", "}%", "--tolerance_usecs=9",
            "SO_LINGER", "{onoff=1,", "linger=0}", "[1]", "EINPROGRESS", "-1 EAGAIN", "@", "\t", "");

    record Mutation(int kind, int line, int token, int word) {}

    @Property(tries = 2_000)
    void a_broken_script_is_valid_or_names_its_line_and_what_was_expected(@ForAll("scripts") Path script,
                                                                           @ForAll("mutations") List<Mutation> mutations) {
        List<String> lines = new ArrayList<>(read(script));
        for (Mutation m : mutations) mutate(lines, m);
        String source = String.join("\n", lines) + "\n";
        String name = script.getFileName().toString();
        try {
            PktParser.parse(name, source);
            Statistics.collect("still valid");
        } catch (PktSyntaxException e) {
            Statistics.collect("rejected");
            assertThat(e.file()).isEqualTo(name);
            assertThat(e.line()).as("a line of the script: " + e.getMessage()).isBetween(1, lines.size() + 1);
            assertThat(e.getMessage()).startsWith(name + ":" + e.line() + ": ").doesNotContain("\n")
                    .containsPattern("expected|unexpected|unterminated|out of range|inconsistent|can only|backwards|must|unknown|not supported");
        }
        Statistics.coverage(c -> c.check("rejected").percentage(p -> p > 30)); // the mutations do break scripts
    }

    private static void mutate(List<String> lines, Mutation m) {
        if (lines.isEmpty()) return;
        int at = Math.floorMod(m.line(), lines.size());
        String line = lines.get(at);
        String[] words = line.trim().split("\\s+");
        int w = Math.floorMod(m.word(), Math.max(1, words.length));
        String token = TOKENS.get(Math.floorMod(m.token(), TOKENS.size()));
        switch (m.kind()) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(at, line);
            case 2 -> lines.set(at, line.substring(0, Math.floorMod(m.word(), line.length() + 1)));
            case 3 -> { words[w] = token; lines.set(at, String.join(" ", words)); }
            case 4 -> { words[w] = words[w] + token; lines.set(at, String.join(" ", words)); }
            default -> lines.add(at, token);
        }
    }

    @Provide
    Arbitrary<Path> scripts() {
        try (Stream<Path> files = Stream.concat(Files.list(SCRIPTS), Files.list(SCRIPTS.resolve("parse")))) {
            return Arbitraries.of(files.filter(p -> p.toString().endsWith(".pkt")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers(), Arbitraries.integers(),
                Arbitraries.integers()).as(Mutation::new).list().ofMinSize(1).ofMaxSize(3);
    }

    private static List<String> read(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
