package io.tcpemu.docs;

import io.tcpemu.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every {@code ./tcpemu ...} command that README.md and docs/*.md show, in this JVM through
 * {@link Main}, against a fresh copy of conf/ with results in a temporary folder, checks its exit
 * status and compares the output shown under it (convention and placeholders: docs/executable-docs.md).
 * With {@code -Ddocs.update=true} it rewrites the shown output from the real one instead of failing.
 */
class ExecutableDocsTest {
    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final boolean UPDATE = Boolean.getBoolean("docs.update");

    @TempDir Path tmp;

    static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    @Test
    void every_command_the_docs_show_runs_and_prints_what_they_show() throws IOException {
        copy(REPO.resolve("conf"), tmp.resolve("conf"));
        List<String> problems = new ArrayList<>();
        int ran = 0;
        for (Path doc : docs()) {
            DocBlocks.Doc d = DocBlocks.read(doc);
            TreeMap<Integer, List<String>> edits = new TreeMap<>();
            for (DocBlocks.Command c : d.commands()) {
                if (c.notRun() != null) {
                    if (c.notRun().isBlank()) problems.add(c.where() + ": <!-- not run: --> needs a reason");
                    continue;
                }
                ran++;
                Result r = execute(c);
                if (r.exit() != c.exit()) {
                    problems.add(c.where() + ": " + c.text() + "\n  exit status " + r.exit() + ", the doc expects " + c.exit()
                            + "\n" + indent(r.output()));
                }
                if (c.output().isEmpty()) continue;
                OutputPattern shown = new OutputPattern(c.output());
                if (shown.matches(r.output())) continue;
                if (UPDATE) edits.put(c.from(), withEnd(c.to(), shown.updated(r.output())));
                else problems.add(c.where() + ": " + c.text() + "\n  shows:\n" + indent(c.output()) + "\n  but prints:\n" + indent(r.output()));
            }
            for (DocBlocks.FileBlock f : d.files()) {
                List<String> file = Files.readAllLines(f.file());
                if (file.equals(d.lines().subList(f.from(), f.to()))) continue;
                if (UPDATE) edits.put(f.from(), withEnd(f.to(), file));
                else problems.add(doc + ":" + f.line() + ": the block differs from " + f.file() + " (which the docs test runs)");
            }
            if (!edits.isEmpty()) rewrite(d, edits);
        }
        assertThat(ran).as("commands run").isGreaterThan(5);
        assertThat(problems).as("run with -Ddocs.update=true to rewrite the shown output from the real one").isEmpty();
    }

    @Test
    void every_block_that_shows_a_file_shows_one_that_exists() throws IOException {
        for (Path doc : docs()) {
            for (DocBlocks.FileBlock f : DocBlocks.read(doc).files()) assertThat(f.file()).as(doc + ":" + f.line()).isRegularFile();
        }
    }

    private record Result(int exit, List<String> output) {}

    /** Runs the command in this JVM: stdout then stderr, paths of the temporary folder and the repository made relative again. */
    private Result execute(DocBlocks.Command c) throws IOException {
        List<String> args = args(DocBlocks.words(c.text()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out, oldErr = System.err;
        InputStream oldIn = System.in;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(new byte[0]));
            exit = Main.commandLine().execute(args.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
        String text = (out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
                .replace(tmp.toAbsolutePath() + "/", "").replace(REPO + "/", "");
        List<String> lines = new ArrayList<>(text.lines().map(String::stripTrailing).toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
        return new Result(exit, lines);
    }

    /**
     * The words with paths made to work from here: conf/ and files the repository does not have
     * (outputs such as lost.pcap) go to the temporary folder, inputs such as docs/examples/ stay,
     * globs are expanded; a run writes its results folder under the temporary folder.
     */
    private List<String> args(List<String> words) throws IOException {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            if (w.startsWith("-") || w.contains("=") || !(w.contains("/") || w.matches(".*\\.(conf|pcap|pcapng|pkt|txt)"))) out.add(w);
            else if (w.contains("*")) out.addAll(glob(w));
            else out.add(place(w).toString());
        }
        if (!out.isEmpty() && out.get(0).equals("run") && !out.contains("--out")) {
            out.add("--set");
            out.add("output.dir=" + tmp.resolve("results"));
        }
        return out;
    }

    private Path place(String path) {
        return path.startsWith("conf/") || !Files.exists(REPO.resolve(path)) ? tmp.resolve(path) : REPO.resolve(path);
    }

    private List<String> glob(String pattern) throws IOException {
        Path dir = place(pattern.substring(0, pattern.lastIndexOf('/')));
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern.substring(pattern.lastIndexOf('/') + 1));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> m.matches(f.getFileName())).sorted().map(Path::toString).toList();
        }
    }

    private static List<String> withEnd(int to, List<String> lines) {
        List<String> edit = new ArrayList<>(List.of(Integer.toString(to)));
        edit.addAll(lines);
        return edit;
    }

    /** Replaces each edited range (from → [to, new lines...]), last first so the earlier indices hold. */
    private static void rewrite(DocBlocks.Doc d, TreeMap<Integer, List<String>> edits) throws IOException {
        List<String> lines = new ArrayList<>(d.lines());
        for (var e : edits.descendingMap().entrySet()) {
            int to = Integer.parseInt(e.getValue().get(0));
            List<String> range = lines.subList(e.getKey(), to);
            range.clear();
            range.addAll(e.getValue().subList(1, e.getValue().size()));
        }
        Files.writeString(d.path(), String.join("\n", lines) + "\n");
    }

    private static String indent(List<String> lines) {
        return String.join("\n", lines.stream().map(l -> "    | " + l).toList());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path f : all.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
    }
}
