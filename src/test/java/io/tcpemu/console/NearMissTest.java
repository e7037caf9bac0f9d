package io.tcpemu.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Hundreds of random and near-miss lines: none ends the session, each failure is one line without a stack trace. */
class NearMissTest {
    static final List<String> VALID = List.of(
            "listen b:80", "connect a b:80", "connect a b:80 as c9", "write c1 hello", "read c1", "shutdown c1",
            "close c1", "abort c1", "setopt c1 SO_LINGER 0", "rule add drop next fin from b", "rule list",
            "rule rm a->b 1", "link set a->b --loss 0.1", "link list", "host list", "inject c1 --flags R --seq 5",
            "show", "show host b", "show counters", "ladder c1", "step 10ms", "run until idle --max 1s",
            "run until c1 is ESTABLISHED --max 1s", "run for 5ms", "now", "quiet", "verbose", "normal", "help connect");
    static final String NOISE = "abcxyz019:->\"' -.#%=";

    final ConsoleFixture f = new ConsoleFixture();
    final Random random = new Random(20261124);

    @AfterEach void stop() { f.close(); }

    @Test
    void near_misses_never_end_the_session_and_fail_in_one_line() {
        f.ok("listen b:80");
        f.ok("connect a b:80");
        f.ok("step 20ms");
        int failures = 0;
        for (int i = 0; i < 400; i++) {
            String line = mutate(VALID.get(random.nextInt(VALID.size())));
            CommandLanguage.Result r = f.language.execute(line);
            if (!r.ok()) {
                failures++;
                assertThat(r.error()).as("error for '" + line + "'").doesNotContain("\n").doesNotContain("\tat ")
                        .doesNotContain("Exception").isNotBlank();
            }
            assertThat(r.output()).as("output of '" + line + "'").doesNotContain("\tat ");
        }
        assertThat(failures).as("most near misses are wrong").isGreaterThan(150);
        assertThat(f.ok("now")).startsWith("now ");
        assertThat(f.language.execute("connect a b:80 as survivor").ok()).isTrue();
    }

    @Test
    void random_garbage_is_an_unknown_command() {
        for (int i = 0; i < 200; i++) {
            StringBuilder sb = new StringBuilder("z");
            for (int n = random.nextInt(12); n > 0; n--) sb.append(NOISE.charAt(random.nextInt(NOISE.length())));
            String line = sb.toString();
            if (Args.words(line.replace("\"", "").replace("'", "")).isEmpty()) continue;
            CommandLanguage.Result r = f.language.execute(line);
            assertThat(r.ok()).as("'" + line + "'").isFalse();
            assertThat(r.error()).doesNotContain("\n").matches("unknown command .*|unterminated .*");
        }
    }

    private String mutate(String line) {
        StringBuilder sb = new StringBuilder(line);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(5)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                case 2 -> { if (at + 1 < sb.length()) { char c = sb.charAt(at); sb.setCharAt(at, sb.charAt(at + 1)); sb.setCharAt(at + 1, c); } }
                case 3 -> sb.setLength(at);
                default -> sb.append(' ').append(List.of("--x", "c77", "zz:1", "as", "is", "\"", "--max", "-1").get(random.nextInt(8)));
            }
        }
        return sb.toString();
    }
}
