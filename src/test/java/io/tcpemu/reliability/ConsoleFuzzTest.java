package io.tcpemu.reliability;

import io.tcpemu.console.CommandLanguage;
import io.tcpemu.console.Session;
import io.tcpemu.emulation.Emulation;
import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.Topology;
import io.tcpemu.tcp.Profile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterProperty;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of console lines built from the real command names and the words users type next to
 * them (hosts, addresses, connection names, durations, options, numbers, quotes) in random order
 * and number, on one live session with connections in it: no line ends the session, and every
 * failure is one line that is not a stack trace or an internal exception.
 */
class ConsoleFuzzTest {
    /** Commands that write files or start long runs are left out: a fuzzer must not touch the disk. */
    private static final List<String> LEFT_OUT = List.of("pcap", "load", "workload");
    private static final List<String> WORDS = List.of(
            "a", "b", "c", "zz", "b:80", "b:0", "b:99999", "10.0.0.2:80", "10.0.0.300:80", ":80", "a:",
            "c1", "c2", "c99", "b.conn1", "as", "is", "until", "idle", "for", "ESTABLISHED", "FIN-WAIT-3", "time-wait",
            "10ms", "0s", "-1s", "1e9h", "5 ms", "abc", "--max", "--loss", "--delay", "--flags", "--seq", "--bytes",
            "--backlog", "--ip", "--profile", "--on", "--reuseaddr", "--help", "-h", "-1", "0", "1", "2.5",
            "99999999999999999999", "NaN", "\"", "\"quoted words\"", "'", "drop", "fin", "syn", "from", "every",
            "a->b", "b->a", "a->q", "S", "R.", "F.", "SO_LINGER", "off", "linux", "rfc9293", "bsd", "hello", "#", "=", "%s");

    private final Session session = new Session(Emulation.virtual(Topology.builder().seed(3)
            .host(HostSpec.of("a", "10.0.0.1", Profile.LINUX.config()))
            .host(HostSpec.of("b", "10.0.0.2", Profile.LINUX.config()))
            .link("a", "b", 5_000).build(), 3), line -> { });
    private final CommandLanguage language = new CommandLanguage(session);
    private boolean started;

    @AfterProperty
    void stop() { session.close(); }

    @Property(tries = 3_000, shrinking = ShrinkingMode.OFF)
    void no_line_ends_the_session_and_every_failure_is_one_line(@ForAll("lines") String line) {
        if (!started) {
            started = true;
            for (String setup : List.of("listen b:80", "connect a b:80", "step 20ms")) assertThat(language.execute(setup).ok()).isTrue();
        }
        CommandLanguage.Result r = language.execute(line);
        assertThat(r.output()).as("output of '" + line + "'").doesNotContain("\tat ");
        if (!r.ok()) {
            assertThat(r.error()).as("error of '" + line + "'").isNotBlank().doesNotContain("\n").doesNotContain("\tat ")
                    .doesNotContain("Exception").doesNotContain("Error:");
        }
        assertThat(language.execute("now").output()).as("the session answers after '" + line + "'").startsWith("now ");
    }

    @Provide
    Arbitrary<String> lines() {
        List<String> commands = language.commandNames().stream().filter(c -> !LEFT_OUT.contains(c)).toList();
        Arbitrary<String> command = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.of(commands)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(commands).map(ConsoleFuzzTest::typo)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("abcxyz019:->\"' -.#%=\\").ofMinLength(1).ofMaxLength(10)));
        Arbitrary<List<String>> args = Arbitraries.of(WORDS).list().ofMaxSize(5);
        return net.jqwik.api.Combinators.combine(command, args).as((c, a) -> a.isEmpty() ? c : c + " " + String.join(" ", a));
    }

    /** One letter off: dropped, doubled or swapped with the next. */
    private static String typo(String word) {
        int at = Math.floorMod(word.hashCode(), word.length());
        return switch (word.length() % 3) {
            case 0 -> word.substring(0, at) + word.substring(at + 1);
            case 1 -> word.substring(0, at + 1) + word.charAt(at) + word.substring(at + 1);
            default -> at + 1 < word.length()
                    ? word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2) : word + "x";
        };
    }
}
