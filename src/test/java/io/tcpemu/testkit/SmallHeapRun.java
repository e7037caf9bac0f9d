package io.tcpemu.testkit;

import io.tcpemu.cli.Main;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tcpemu run} in a child JVM with a 96 MiB heap (issue 22's memory tests): it must end by
 * itself, with status 0, no OutOfMemoryError and no stack trace. Returns what it printed.
 */
public final class SmallHeapRun {
    private SmallHeapRun() {}

    public static String run(Path tmp, String conf, String... options) throws IOException, InterruptedException {
        Path file = Files.writeString(tmp.resolve("small-heap.conf"), conf);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", file.toString(), "--out", tmp.resolve("results").toString()));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        boolean ended = p.waitFor(10, TimeUnit.MINUTES);   // a guard against a hang, not a measurement
        if (!ended) p.destroyForcibly();
        String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);

        assertThat(ended).as(out).isTrue();
        assertThat(out).doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
