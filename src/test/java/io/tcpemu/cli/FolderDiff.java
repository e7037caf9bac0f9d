package io.tcpemu.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Two results folders compared file by file, byte by byte: the differences, named. */
final class FolderDiff {
    private FolderDiff() {}

    static List<String> between(Path a, Path b) throws IOException {
        TreeSet<String> names = new TreeSet<>(files(a));
        names.addAll(files(b));
        List<String> diffs = new ArrayList<>();
        for (String n : names) {
            Path fa = a.resolve(n), fb = b.resolve(n);
            if (!Files.exists(fa) || !Files.exists(fb)) diffs.add(n + ": only in " + (Files.exists(fa) ? a : b));
            else if (!Arrays.equals(Files.readAllBytes(fa), Files.readAllBytes(fb))) diffs.add(n + ": differs");
        }
        return diffs;
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
