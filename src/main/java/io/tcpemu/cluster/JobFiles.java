package io.tcpemu.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The files of a job on a node: the scenario to load, and a scratch folder removed afterwards. */
final class JobFiles {
    private JobFiles() {}

    /**
     * The scenario at the submitter's path if this node holds the very same text there (a shared
     * checkout: includes resolve beside it), else a copy of the text in {@code work}.
     */
    static Path scenario(Job job, Path work) {
        Path given = Path.of(job.scenarioPath());
        try {
            if (Files.isRegularFile(given) && Files.readString(given, StandardCharsets.UTF_8).equals(job.scenarioText())) return given;
            Path copy = work.resolve("scenario").resolve(given.getFileName().toString());
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, job.scenarioText(), StandardCharsets.UTF_8);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scenario " + job.scenarioPath() + " on this node: " + e.getMessage(), e);
        }
    }

    /** A line about the scenario, naming it by the submitter's path rather than this node's copy. */
    static String asSubmitted(String line, Path used, Job job) { return line.replace(used.toString(), job.scenarioPath()); }

    static Path scratch() {
        try {
            return Files.createTempDirectory("tcpemu-job");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch folder on this node: " + e.getMessage(), e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover in the temporary folder harms nobody
        }
    }
}
