package io.tcpemu.reliability;

import io.tcpemu.config.ConfigLoader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's config mistake must cost them one clear message per problem, never a run and never a
 * stack trace. Loads every file of the malformed-config corpus, broken files of other kinds, and
 * random mutations of a good file and of --set overrides, the way {@code tcpemu run} will
 * ({@link ConfigLoader#load}, then print {@code Invalid.message()}).
 */
class BadConfigInputTest {
    private static final Path CORPUS = Path.of("src/test/resources/bad-config");
    /** What a stack trace or a leaked exception looks like in printed text. */
    private static final Pattern TRACE = Pattern.compile("^\\s+at |\\.java:\\d+\\)|Exception|\\bCaused by\\b|@[0-9a-f]{6,}");
    /** Every problem line starts with where it is: "file:line: ", "file: " or "--set ...: ". */
    private static final Pattern LOCATED = Pattern.compile("^(--set .*?|\\S+\\.conf(:\\d+)?): \\S.*", Pattern.DOTALL);

    /** The kinds of mistake the corpus must hold, each recognised by the words of its message. */
    enum Kind {
        SYNTAX("syntax error|Could not resolve substitution"),
        UNKNOWN_KEY("unknown key"),
        WRONG_TYPE("expected (a duration such as|a whole number, got|true or false|an object|a list|a string|a size such as)"),
        OUT_OF_RANGE("from 0 to 1|of 0 or more|above 0|from 1 to 65535|from 0 to 65535"),
        UNDEFINED_HOST("expected a host defined under hosts|a host name or a link"),
        CONTRADICTION("not both|rto-min <= rto-initial|lo <= hi|other than the server|of its own|two different hosts|one link per direction|links both ways");

        final Pattern pattern;

        Kind(String regex) { this.pattern = Pattern.compile(regex); }
    }

    @Test
    void the_corpus_covers_every_kind_of_mistake() throws IOException {
        Map<Kind, TreeSet<String>> files = new EnumMap<>(Kind.class);
        for (Path file : corpus()) {
            String message = invalid(file, List.of()).message();
            for (Kind k : Kind.values()) {
                if (k.pattern.matcher(message).find()) files.computeIfAbsent(k, x -> new TreeSet<>()).add(file.getFileName().toString());
            }
        }
        for (Kind k : Kind.values()) {
            assertThat(files.getOrDefault(k, new TreeSet<>())).as(k + " files in the corpus").hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void no_corpus_file_prints_a_stack_trace_on_the_run_path() throws IOException {
        for (Path file : corpus()) {
            String printed = printedWhile(() -> invalid(file, List.of()).message());
            assertOneClearLinePerProblem(printed, file.toString());
        }
    }

    @Test
    void files_that_are_not_configs_at_all_get_one_clear_line(@TempDir Path dir) throws IOException {
        Path binary = Files.write(dir.resolve("binary.conf"), new byte[] {0, (byte) 0xFF, (byte) 0xFE, 7, '{', 0, '"'});
        Path latin1 = Files.write(dir.resolve("latin1.conf"), "hosts { caf\u00e9 { address = 1 } }".getBytes(StandardCharsets.ISO_8859_1));
        Path onlyBrace = Files.writeString(dir.resolve("brace.conf"), "{");
        Path deep = Files.writeString(dir.resolve("deep.conf"), "a = " + "[".repeat(200_000) + "]".repeat(200_000));
        for (Path file : List.of(binary, latin1, onlyBrace, deep, dir.resolve("missing.conf"), dir)) {
            String printed = printedWhile(() -> invalid(file, List.of()).message());
            assertOneClearLinePerProblem(printed, file.toString());
        }
    }

    /** Random edits of a good scenario: loading answers Loaded or one located line per problem, nothing else. */
    @Property(tries = 400)
    void a_mangled_file_never_costs_a_stack_trace(@ForAll("mangled") String text) throws IOException {
        assertLoadsOrOneClearLinePerProblem(text, List.of());
    }

    @Property(tries = 300)
    void a_bad_override_never_costs_a_stack_trace(@ForAll("overrides") String override) throws IOException {
        assertLoadsOrOneClearLinePerProblem(GOOD, List.of(override));
    }

    /** Writes {@code text} to a file and loads it as the CLI will: Loaded, or one located line per problem. */
    private static void assertLoadsOrOneClearLinePerProblem(String text, List<String> overrides) throws IOException {
        Path file = Files.createTempFile("fuzzed", ".conf");
        try {
            Files.writeString(file, text);
            String printed = printedWhile(() -> {
                ConfigLoader.Result r = ConfigLoader.load(file, overrides);
                return r instanceof ConfigLoader.Invalid i ? i.message() : "";
            });
            if (!printed.isEmpty()) assertOneClearLinePerProblem(printed, file.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    // ---- inputs -------------------------------------------------------------------------------

    static final String GOOD = """
            hosts {
              a { address = "10.0.0.1" }
              b { profile = rfc9293, tcp { msl = 1s } }
            }
            links = [ { between = [a, b], delay = 5ms, loss = 0.1, rules = ["drop fin from b"] } ]
            script = [
              { at = 0ms,  do = "listen b:80" }
              { at = 10ms, do = "connect a b:80 as c1" }
              { at = 1s,   do = "close c1" }
            ]
            expect { established = 1, final-states { c1 = CLOSED } }
            """;

    @Provide
    Arbitrary<String> mangled() {
        Arbitrary<Character> junk = Arbitraries.of('{', '}', '[', ']', '"', ':', '=', ',', '$', '\n', '#', '\\', 'x', '0', '-', ' ');
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, GOOD.length() - 1), Arbitraries.integers().between(1, 40),
                junk.map(c -> (int) c)).as((kind, at, len, c) -> new int[] {kind, at, len, c});
        return edit.list().ofMinSize(1).ofMaxSize(4).map(edits -> {
            StringBuilder sb = new StringBuilder(GOOD);
            for (int[] e : edits) {
                int at = Math.min(e[1], sb.length());
                int end = Math.min(at + e[2], sb.length());
                switch (e[0]) {
                    case 0 -> sb.delete(at, end);                          // lose a piece
                    case 1 -> sb.insert(at, (char) e[3]);                  // a stray character
                    case 2 -> sb.insert(at, sb.substring(at, end));        // a piece twice
                    default -> sb.replace(at, end, String.valueOf((char) e[3]).repeat(end - at)); // overwritten
                }
            }
            return sb.toString();
        });
    }

    @Provide
    Arbitrary<String> overrides() {
        Arbitrary<String> keys = Arbitraries.of("seed", "duration", "hosts.a.tcp.msl", "hosts.a.ports", "hosts.b.profile",
                "links", "links[0].loss", "workload.arrival.rate", "workload.server", "time.mode", "hosts", "hosts.a",
                "hosts.zz.tcp.mss", "", "=", "a..b", "hosts.a.tcp", "expect.final-states.c1", "sweep.values");
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("", "-1", "1e400", "NaN", "{", "[1,", "\"", "${nope}", "null", "true", "70000", "-5ms",
                        "b:0", "b:", ":80", "1 minute ago", "[]", "{}", "0x10", "9999999999999999999999"),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> sep = Arbitraries.of("=", "", "==", " = ", ":");
        return Combinators.combine(keys, sep, values).as((k, s, v) -> k + s + v);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static List<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
    }

    private static ConfigLoader.Invalid invalid(Path file, List<String> overrides) {
        ConfigLoader.Result r = ConfigLoader.load(file, overrides);
        assertThat(r).as(file + " is refused").isInstanceOf(ConfigLoader.Invalid.class);
        return (ConfigLoader.Invalid) r;
    }

    /** Runs the load as the CLI will and returns what it would print: the message plus anything written to stdout/stderr. */
    private static String printedWhile(Supplier<String> load) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        String message;
        try {
            System.setOut(capture);
            System.setErr(capture);
            message = load.get();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8) + message;
    }

    private static void assertOneClearLinePerProblem(String printed, String file) {
        assertThat(printed).as("something is said").isNotBlank();
        for (String line : printed.replace(file, "x.conf").split("\n")) {
            assertThat(line).as("no stack trace in:\n" + printed).doesNotContainPattern(TRACE);
            assertThat(line).as("each line says where the problem is").matches(LOCATED);
        }
    }
}
