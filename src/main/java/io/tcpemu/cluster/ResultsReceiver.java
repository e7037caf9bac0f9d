package io.tcpemu.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes the results folder's files as a node sends them, never outside the folder. */
final class ResultsReceiver {
    private final Path dir;

    ResultsReceiver(Path dir) { this.dir = dir.toAbsolutePath().normalize(); }

    void write(RunEvent.FileChunk c) {
        Path f = dir.resolve(c.path()).normalize();
        if (!f.startsWith(dir) || f.equals(dir)) throw new IllegalArgumentException("a node sent a file outside the results folder: " + c.path());
        try {
            Files.createDirectories(f.getParent());
            if (c.first()) Files.write(f, c.bytes());
            else Files.write(f, c.bytes(), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + f + ": " + e.getMessage(), e);
        }
    }

    /** A note of why the run ended early, beside the points it finished. */
    void failure(String line) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("cluster-failure.txt"), line + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir + ": " + e.getMessage(), e);
        }
    }
}
