package io.tcpemu.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which line included which file, for one load: a problem found in an included file is then
 * named from the line the user wrote in the file they ran, as a syntax error in it already is
 * ({@code a.conf:3: included "b.conf": /x/b.conf:5: seed: expected ...}).
 */
final class Includes {
    /** The line that included a file, and the name it gave. */
    private record Site(String file, int line, String name) {
        /** {@code inner} (a problem or a place in the included file) as seen from this including line. */
        ConfigProblem including(String inner) { return new ConfigProblem(file, line, "", "included \"" + name + "\": " + inner); }
    }

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
        for (Site site : chain(problem.file())) p = site.including(p.toString());
        return p;
    }

    /** "a.conf:3: included "b.conf": /x/b.conf:5", or {@code file:line} as it is outside any include. */
    String where(String file, int line) {
        String here = line > 0 ? file + ":" + line : file;
        for (Site site : chain(file)) here = site.including(here).toString();
        return here;
    }

    /** The lines that included {@code file}, its own including line first, the one in the file the user ran last. */
    private List<Site> chain(String file) {
        List<Site> sites = new ArrayList<>();
        for (Site s = byIncluded.get(file); s != null && sites.size() < MAX_DEPTH; s = byIncluded.get(s.file())) sites.add(s);
        return sites;
    }
}
