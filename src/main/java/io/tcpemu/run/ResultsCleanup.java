package io.tcpemu.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A results folder holds one run's files only: before a run, the files the previous run wrote
 * there are removed (and nothing else: a folder given with --out may hold the user's own files).
 * A run lists what it wrote in {@value #MANIFEST}; a folder from a tcpemu that kept no list is
 * cleared of the names tcpemu writes, at the top and in its point folders.
 */
public final class ResultsCleanup {
    private ResultsCleanup() {}

    public static final String MANIFEST = ".tcpemu-files";

    /** What tcpemu has written into a results folder, for folders that have no list yet. */
    private static final Pattern KNOWN = Pattern.compile("summary\\.txt|counters\\.csv|states\\.csv|transitions\\.csv|latency\\.csv"
            + "|host-events\\.csv|metrics\\.json|effective\\.conf|ladder\\.(txt|svg|mmd)|state-graph\\.(svg|dot)|states-.+\\.(png|svg)"
            + "|report\\.html|plots-skipped\\.txt|run\\.pcap|sweep\\.(txt|csv)|sweep-failure-rate\\.(png|svg)");

    /** Removes the previous run's files; returns the files left, so {@link #record} lists only the new run's. */
    public static Set<Path> clear(Path dir) {
        if (!Files.isDirectory(dir)) return Set.of();
        try {
            Path manifest = dir.resolve(MANIFEST);
            Set<Path> emptied = new TreeSet<>(Comparator.reverseOrder()); // deepest first
            if (Files.isRegularFile(manifest)) {
                for (String line : Files.readAllLines(manifest)) {
                    if (line.isBlank()) continue;
                    Path f = dir.resolve(line).normalize();
                    if (f.startsWith(dir.normalize()) && !f.equals(dir.normalize()) && Files.deleteIfExists(f)) emptied.add(f.getParent());
                }
                Files.delete(manifest);
            } else {
                clearKnown(dir, emptied);
                try (Stream<Path> subs = Files.list(dir)) {
                    for (Path sub : subs.filter(Files::isDirectory).toList()) if (Files.isRegularFile(sub.resolve("summary.txt"))) clearKnown(sub, emptied);
                }
            }
            for (Path d : emptied) removeIfEmpty(d, dir);
            return files(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the results folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Lists the files the run wrote (all but {@code before}) for the next run to remove. */
    public static void record(Path dir, Set<Path> before) {
        if (!Files.isDirectory(dir)) return;
        try {
            List<String> written = new ArrayList<>();
            for (Path f : files(dir)) if (!before.contains(f)) written.add(dir.relativize(f).toString());
            Files.write(dir.resolve(MANIFEST), written);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(MANIFEST) + ": " + e.getMessage(), e);
        }
    }

    private static void clearKnown(Path dir, Set<Path> emptied) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (KNOWN.matcher(f.getFileName().toString()).matches()) {
                    Files.delete(f);
                    emptied.add(dir);
                }
            }
        }
    }

    /** A point folder the previous run made goes when nothing is left in it (the results folder itself stays). */
    private static void removeIfEmpty(Path d, Path top) throws IOException {
        if (d == null || d.normalize().equals(top.normalize()) || !Files.isDirectory(d)) return;
        try (Stream<Path> in = Files.list(d)) {
            if (in.findAny().isPresent()) return;
        }
        Files.delete(d);
    }

    private static Set<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(MANIFEST))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }
}
