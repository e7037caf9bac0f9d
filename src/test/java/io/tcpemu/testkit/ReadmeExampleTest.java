package io.tcpemu.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's scenario test is the one the build compiles and runs from a project of its own
 * (src/it/testkit-user, against the installed jar), so the example a user copies is known to work.
 */
class ReadmeExampleTest {
    @Test
    void the_readmes_scenario_test_is_src_it_testkit_users_word_for_word() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("## Writing your own scenario test");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String example = readme.substring(start, readme.indexOf("```", start));

        List<String> tested = Files.readAllLines(Path.of("src/it/testkit-user/src/test/java/example/LostFinalAckTest.java"))
                .stream().filter(l -> !l.startsWith("package ") && !l.startsWith("/** ")).toList();
        assertThat(lines(example)).isEqualTo(lines(String.join("\n", tested)));
    }

    private static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }
}
