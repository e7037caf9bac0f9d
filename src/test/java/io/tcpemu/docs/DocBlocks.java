package io.tcpemu.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable parts of a Markdown file (convention in docs/executable-docs.md): in a fenced
 * block, a line starting with {@code ./tcpemu } is a command and the lines under it, up to the
 * next command or the end of the block, are its output. HTML comments just before a block say
 * {@code <!-- not run: why -->}, {@code <!-- exit: N -->} or {@code <!-- file: path -->} (the
 * block shows that file of the repository).
 */
final class DocBlocks {
    private DocBlocks() {}

    static final String COMMAND = "./tcpemu ";
    private static final Pattern MARKER = Pattern.compile("<!--\\s*(not run|exit|file):\\s*(.*?)\\s*-->");

    /**
     * One command shown in a doc.
     *
     * @param line     its line in the doc (1-based)
     * @param output   the lines shown under it (empty: only its exit status is checked)
     * @param from     index (0-based) in the doc of the first output line; {@code to} one past the last
     * @param notRun   why it is not run, or null
     * @param exit     the exit status it must give
     */
    record Command(Path doc, int line, String text, List<String> output, int from, int to, String notRun, int exit) {
        String where() { return doc + ":" + line; }
    }

    /** A block that shows a file of the repository: lines {@code from} (0-based) to {@code to} (exclusive). */
    record FileBlock(Path doc, int line, Path file, int from, int to) {}

    record Doc(Path path, List<String> lines, List<Command> commands, List<FileBlock> files) {}

    static Doc read(Path doc) {
        List<String> lines;
        try {
            lines = Files.readAllLines(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Command> commands = new ArrayList<>();
        List<FileBlock> files = new ArrayList<>();
        String notRun = null, file = null;
        int exit = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = MARKER.matcher(line);
            if (m.find()) {
                switch (m.group(1)) {
                    case "not run" -> notRun = m.group(2);
                    case "exit" -> exit = Integer.parseInt(m.group(2));
                    default -> file = m.group(2);
                }
                continue;
            }
            if (line.startsWith("```")) {
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).startsWith("```")) end++;
                if (file != null) files.add(new FileBlock(doc, i + 1, Path.of(file), i + 1, end));
                commands(doc, lines, i + 1, end, notRun, exit, commands);
                notRun = file = null;
                exit = 0;
                i = end;
            } else if (!line.isBlank()) {
                notRun = file = null;
                exit = 0;
            }
        }
        return new Doc(doc, lines, commands, files);
    }

    private static void commands(Path doc, List<String> lines, int from, int to, String notRun, int exit, List<Command> out) {
        for (int i = from; i < to; i++) {
            if (!lines.get(i).startsWith(COMMAND)) continue;
            int end = i + 1;
            while (end < to && !lines.get(end).startsWith(COMMAND)) end++;
            int last = end;
            while (last > i + 1 && lines.get(last - 1).isBlank()) last--;
            out.add(new Command(doc, i + 1, lines.get(i), List.copyOf(lines.subList(i + 1, last)), i + 1, last, notRun, exit));
            i = end - 1;
        }
    }

    /**
     * The words of a command line as a shell would split them: quotes group, a {@code #} after a
     * space starts a comment, the leading {@code ./tcpemu} is dropped.
     */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else word.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                if (word == null) word = new StringBuilder();
            } else if (Character.isWhitespace(c)) {
                if (word != null) words.add(word.toString());
                word = null;
            } else if (c == '#' && word == null) {
                break;
            } else {
                if (word == null) word = new StringBuilder();
                word.append(c);
            }
        }
        if (word != null) words.add(word.toString());
        if (words.isEmpty() || !words.get(0).equals("./tcpemu")) throw new IllegalArgumentException("not a tcpemu command: " + command);
        return words.subList(1, words.size());
    }
}
