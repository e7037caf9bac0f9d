package io.tcpemu.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Which line included which file, for one load: a problem found in an included file is then
 * named from the line the user wrote in the file they ran, as a syntax error in it already is
 * ({@code a.conf:3: included "b.conf": /x/b.conf:5: seed: expected ...}).
 */
final class Includes {
    /** The line that included a file, and the name it gave. */
    private record Site(String file, int line, String name) {}

    /** Deeper than any scenario's includes; an include cycle fails in Typesafe before this matters. */
    private static final int MAX_DEPTH = 64;

    private final Map<String, Site> byIncluded = new HashMap<>();

    /** {@code included} (as its values' origins name it) was included by {@code name} at {@code file:line}. */
    void record(String included, String file, int line, String name) {
        byIncluded.putIfAbsent(included, new Site(file, line, name));
    }

    /**
     * {@code problem} as the user should see it: unchanged in the file they ran, and located at
     * the outermost including line, the chain of includes in its message, in an included file.
     */
    ConfigProblem named(ConfigProblem problem) {
        ConfigProblem p = problem;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            Site site = byIncluded.get(p.file());
            if (site == null) break;
            p = new ConfigProblem(site.file(), site.line(), "", "included \"" + site.name() + "\": " + p);
        }
        return p;
    }

    /** "a.conf:3: included "b.conf": /x/b.conf:5", or {@code file:line} as it is outside any include. */
    String where(String file, int line) {
        String here = line > 0 ? file + ":" + line : file;
        ConfigProblem p = named(new ConfigProblem(file, line, "", "-"));
        if (p.file().equals(file)) return here;
        String shown = p.toString();
        return shown.substring(0, shown.length() - ": -".length());
    }
}
