package io.tcpemu.config;

import com.typesafe.config.ConfigOrigin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one load, so the user sees them all at once. */
final class Problems {
    /** A problem where it was found, and as the user is shown it (from the line that included its file). */
    private record Found(ConfigProblem at, ConfigProblem shown) {}

    private final List<Found> list = new ArrayList<>();
    private final String defaultFile;
    private final Includes includes;

    Problems(String defaultFile) { this(defaultFile, new Includes()); }

    /** @param includes the includes of the load, so a problem in an included file names the line that included it */
    Problems(String defaultFile, Includes includes) {
        this.defaultFile = defaultFile;
        this.includes = includes;
    }

    void add(ConfigOrigin origin, String key, String message) {
        add(new ConfigProblem(fileOf(origin), lineOf(origin), key, message));
    }

    /** "conf/x.conf:12", or just the file when the line is unknown; in an included file, from the including line. */
    String where(ConfigOrigin origin) { return includes.where(fileOf(origin), lineOf(origin)); }

    void add(ConfigProblem problem) { list.add(new Found(problem, includes.named(problem))); }

    int count() { return list.size(); }

    boolean isEmpty() { return list.isEmpty(); }

    /** In the order of the files' lines (an included file's own within its include's), so the user can fix them from the top. */
    List<ConfigProblem> list() {
        return list.stream()
                .sorted(Comparator.comparing((Found f) -> f.shown().file()).thenComparingInt(f -> f.shown().line())
                        .thenComparing(f -> f.at().file()).thenComparingInt(f -> f.at().line()))
                .map(Found::shown).toList();
    }

    private String fileOf(ConfigOrigin origin) {
        if (origin == null) return defaultFile;
        if (origin.filename() != null) return origin.filename();
        String d = origin.description();
        // Overrides are parsed with the description "--set key=value"; Typesafe appends ": <line>".
        int colon = d.lastIndexOf(": ");
        return colon > 0 && d.substring(colon + 2).chars().allMatch(Character::isDigit) ? d.substring(0, colon) : d;
    }

    private static int lineOf(ConfigOrigin origin) {
        if (origin == null) return 0;
        return Math.max(0, origin.lineNumber());
    }
}
