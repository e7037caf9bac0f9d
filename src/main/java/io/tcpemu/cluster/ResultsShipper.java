package io.tcpemu.cluster;

import io.tcpemu.run.ResultsCleanup;
import org.apache.pekko.actor.typed.ActorRef;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/** Sends the files of a results folder to the submitter as they are finished, each once, in chunks. */
final class ResultsShipper {
    /** Well below Artery's 256 KiB frame, with room for the envelope. */
    static final int CHUNK = 64 * 1024;

    private final Path dir;
    private final ActorRef<RunEvent> to;
    private final Set<Path> shipped = new HashSet<>();

    ResultsShipper(Path dir, ActorRef<RunEvent> to) {
        this.dir = dir;
        this.to = to;
    }

    /** Ships every file of the folder not shipped yet, in name order (the manifest stays: the submitter keeps its own). */
    void shipNew() {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                if (f.getFileName().toString().equals(ResultsCleanup.MANIFEST) || !shipped.add(f)) continue;
                ship(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the results folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private void ship(Path f) throws IOException {
        String name = dir.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
        try (InputStream in = Files.newInputStream(f)) {
            boolean first = true;
            byte[] chunk;
            while ((chunk = in.readNBytes(CHUNK)).length > 0 || first) {
                to.tell(new RunEvent.FileChunk(name, chunk, first));
                first = false;
                if (chunk.length < CHUNK) break;
            }
        }
    }
}
