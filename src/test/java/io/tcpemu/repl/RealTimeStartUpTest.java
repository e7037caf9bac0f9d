package io.tcpemu.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in real time starts quietly: SLF4J's "replayed" warnings appeared when loggers were
 * first used from several threads at once during start-up. SLF4J prints them once per JVM, so
 * only a fresh JVM can show them: the test starts one.
 */
class RealTimeStartUpTest {

    @Test
    void a_real_time_console_prints_no_logging_noise_at_start_up(@TempDir Path dir) throws IOException, InterruptedException {
        Path script = Files.writeString(dir.resolve("s.txt"), "listen b:80\nconnect a b:80\nstep 50ms\n");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.tcpemu.cli.Main",
                "repl", "--real-time", "10", "--script", script.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the console ended").isTrue();

        assertThat(out).as("the script ran").contains("c1 SYN-SENT -> ESTABLISHED");
        assertThat(out).doesNotContain("SLF4J").doesNotContain("replayed");
    }
}
