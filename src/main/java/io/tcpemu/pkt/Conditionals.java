package io.tcpemu.pkt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code #ifdef NAME} / {@code #ifndef NAME} / {@code #else} / {@code #endif} in a script, with the
 * names given by {@code --define}: the lines left out become empty, so every line keeps its number.
 */
final class Conditionals {
    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*#\\s*(ifdef|ifndef|else|endif)\\b\\s*(\\S*)\\s*$");

    /** One open #ifdef: where it is, whether its lines are kept, whether #else was seen. */
    private record Open(int line, boolean parentKeeps, boolean condition, boolean inElse) {
        boolean keeps() { return parentKeeps && (inElse != condition); }
    }

    private Conditionals() {}

    static String apply(String file, String source, Set<String> defines) {
        if (source.indexOf('#') < 0) return source;
        String[] lines = source.split("\n", -1);
        Deque<Open> open = new ArrayDeque<>();
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            boolean keeps = open.isEmpty() || open.peek().keeps();
            Matcher m = DIRECTIVE.matcher(lines[i]);
            if (!m.find()) {
                if (!keeps) lines[i] = "";
                continue;
            }
            String name = m.group(2);
            switch (m.group(1)) {
                case "ifdef", "ifndef" -> {
                    if (name.isEmpty()) throw new PktSyntaxException(file, line, "expected a name after #" + m.group(1));
                    open.push(new Open(line, keeps, defines.contains(name) == m.group(1).equals("ifdef"), false));
                }
                case "else" -> {
                    if (open.isEmpty()) throw new PktSyntaxException(file, line, "unexpected #else: no #ifdef is open");
                    if (open.peek().inElse()) throw new PktSyntaxException(file, line, "unexpected second #else for the #ifdef of line " + open.peek().line());
                    Open o = open.pop();
                    open.push(new Open(o.line(), o.parentKeeps(), o.condition(), true));
                }
                default -> {
                    if (open.isEmpty()) throw new PktSyntaxException(file, line, "unexpected #endif: no #ifdef is open");
                    open.pop();
                }
            }
            lines[i] = "";
        }
        if (!open.isEmpty()) throw new PktSyntaxException(file, open.peek().line(), "unterminated #ifdef: expected an #endif to close it");
        return String.join("\n", lines);
    }
}
