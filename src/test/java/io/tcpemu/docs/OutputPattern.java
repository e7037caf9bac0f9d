package io.tcpemu.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An output block as the docs show it, matched against what a command really printed. The
 * placeholders (docs/executable-docs.md): a line {@code ...} stands for any number of lines (none
 * too); in a line, {@code <n>} stands for a number and {@code <*>} for any text; a run of spaces
 * matches any run of spaces, so a table may show placeholders in its aligned columns.
 */
final class OutputPattern {
    static final String ANY_LINES = "...";
    private static final String NUMBER = "-?\\d[\\d,]*(?:\\.\\d+)?";

    private final List<String> lines;
    private final List<Pattern> compiled = new ArrayList<>();

    OutputPattern(List<String> lines) {
        this.lines = List.copyOf(lines);
        for (String l : this.lines) compiled.add(l.strip().equals(ANY_LINES) ? null : compile(l));
    }

    static boolean hasPlaceholder(String line) {
        return line.strip().equals(ANY_LINES) || line.contains("<n>") || line.contains("<*>");
    }

    private static Pattern compile(String line) {
        StringBuilder re = new StringBuilder();
        String s = line.stripTrailing();
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("<n>", i)) {
                re.append(NUMBER);
                i += 3;
            } else if (s.startsWith("<*>", i)) {
                re.append(".*");
                i += 3;
            } else if (s.charAt(i) == ' ') {
                while (i < s.length() && s.charAt(i) == ' ') i++;
                re.append(" +");
            } else {
                int j = i;
                while (j < s.length() && s.charAt(j) != ' ' && !s.startsWith("<n>", j) && !s.startsWith("<*>", j)) j++;
                re.append(Pattern.quote(s.substring(i, j)));
                i = j;
            }
        }
        return Pattern.compile(re.toString());
    }

    private boolean lineMatches(int p, String actual) { return compiled.get(p).matcher(actual.stripTrailing()).matches(); }

    /** True if the actual lines are what the block shows. */
    boolean matches(List<String> actual) {
        // glob matching over lines: match[p][a] = pattern lines p.. match actual lines a..
        int np = lines.size(), na = actual.size();
        boolean[][] match = new boolean[np + 1][na + 1];
        match[np][na] = true;
        for (int p = np - 1; p >= 0; p--) {
            for (int a = na; a >= 0; a--) {
                if (compiled.get(p) == null) match[p][a] = match[p + 1][a] || (a < na && match[p][a + 1]);
                else match[p][a] = a < na && lineMatches(p, actual.get(a)) && match[p + 1][a + 1];
            }
        }
        return match[0][0];
    }

    /**
     * The block rewritten from the actual output, keeping the placeholders that still fit: a
     * {@code ...} line keeps its place (the lines before the first one are anchored at the start
     * of the output, those after the last at its end), and a line with {@code <n>} or {@code <*>}
     * stays wherever an actual line matches it. When they no longer fit, the whole output. Check the diff.
     */
    List<String> updated(List<String> actual) {
        if (matches(actual)) return lines;
        List<List<Integer>> segments = new ArrayList<>();
        List<Boolean> dotsBefore = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        boolean dots = false;
        for (int p = 0; p < lines.size(); p++) {
            if (compiled.get(p) == null) {
                if (!current.isEmpty()) {
                    segments.add(current);
                    dotsBefore.add(dots);
                    current = new ArrayList<>();
                }
                dots = true;
            }
            else current.add(p);
        }
        boolean dotsAtEnd = !lines.isEmpty() && compiled.get(lines.size() - 1) == null;
        if (!current.isEmpty()) {
            segments.add(current);
            dotsBefore.add(dots);
        }
        if (segments.isEmpty()) return lines;
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int k = 0; k < segments.size(); k++) {
            List<Integer> seg = segments.get(k);
            boolean last = k == segments.size() - 1;
            int start, end;
            if (!dotsBefore.get(k)) {
                start = from;
                end = last && !dotsAtEnd ? actual.size() : Math.min(actual.size(), from + seg.size());
            } else if (last && !dotsAtEnd) {
                start = Math.max(from, actual.size() - seg.size());
                end = actual.size();
            } else {
                start = find(seg.get(0), actual, from);
                if (start < 0) start = from;
                end = Math.min(actual.size(), start + seg.size());
            }
            if (dotsBefore.get(k)) out.add(ANY_LINES);
            out.addAll(templated(seg, actual.subList(start, end)));
            from = end;
        }
        if (dotsAtEnd) out.add(ANY_LINES);
        // placeholders that no longer fit the output's shape: show the whole output instead
        return new OutputPattern(out).matches(actual) ? out : actual.stream().map(String::stripTrailing).toList();
    }

    private int find(int p, List<String> actual, int from) {
        for (int a = from; a < actual.size(); a++) if (lineMatches(p, actual.get(a))) return a;
        return -1;
    }

    /** The actual lines, each replaced by the segment's placeholder line that matches it, in order. */
    private List<String> templated(List<Integer> seg, List<String> actual) {
        List<String> out = new ArrayList<>();
        int j = 0;
        for (String a : actual) {
            String line = a.stripTrailing();
            for (int k = j; k < seg.size(); k++) {
                int p = seg.get(k);
                if (hasPlaceholder(lines.get(p)) && lineMatches(p, a)) {
                    line = lines.get(p);
                    j = k + 1;
                    break;
                }
            }
            out.add(line);
        }
        return out;
    }
}
