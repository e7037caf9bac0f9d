package io.tcpemu.config;

import com.typesafe.config.ConfigOrigin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one load, so the user sees them all at once. */
final class Problems {
    private final List<ConfigProblem> list = new ArrayList<>();
    private final String defaultFile;

    Problems(String defaultFile) { this.defaultFile = defaultFile; }

    void add(ConfigOrigin origin, String key, String message) {
        list.add(new ConfigProblem(fileOf(origin), lineOf(origin), key, message));
    }

    /** "conf/x.conf:12", or just the file when the line is unknown. */
    String where(ConfigOrigin origin) {
        int line = lineOf(origin);
        return line > 0 ? fileOf(origin) + ":" + line : fileOf(origin);
    }

    void add(ConfigProblem problem) { list.add(problem); }

    int count() { return list.size(); }

    boolean isEmpty() { return list.isEmpty(); }

    /** In the order of the files' lines, so the user can fix them from the top. */
    List<ConfigProblem> list() {
        List<ConfigProblem> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparing(ConfigProblem::file).thenComparingInt(ConfigProblem::line));
        return List.copyOf(sorted);
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
