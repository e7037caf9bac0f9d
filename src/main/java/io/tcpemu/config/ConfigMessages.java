package io.tcpemu.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typesafe Config's exceptions as the one-line problems a user reads: what was expected, what was found. */
final class ConfigMessages {
    private ConfigMessages() {}

    /** Typesafe's "Key 'vm' may not be followed by token: X": a word that is neither key = value nor key { }. */
    private static final Pattern KEY_WITHOUT_VALUE = Pattern.compile("^Key '(.*)' may not be followed by token: (.*?)(; put .*)?$");

    /** Typesafe wraps what an includer throws; the refusal itself knows the including file and line. */
    static ConfigException refusedInclude(ConfigException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileIncluder.Refused r) return r;
        }
        return e;
    }

    /**
     * Where a parse problem is: for a key without a value, the line of the key itself (Typesafe
     * points at the token after it, which for /etc/hostname's one word is the line after the end).
     */
    static ConfigOrigin origin(ConfigException e) {
        ConfigOrigin origin = e.origin();
        Matcher key = KEY_WITHOUT_VALUE.matcher(message(e));
        if (origin == null || origin.filename() == null || origin.lineNumber() < 1 || !key.matches()) return origin;
        try {
            List<String> lines = Files.readAllLines(Path.of(origin.filename()));
            for (int i = Math.min(origin.lineNumber(), lines.size()); i >= 1; i--) {
                String line = lines.get(i - 1).strip();   // a comment between the key and what follows it is not the key
                if (!line.startsWith("#") && !line.startsWith("//") && line.contains(key.group(1))) return origin.withLineNumber(i);
            }
        } catch (IOException | RuntimeException unreadable) {
            // Typesafe's line then: near enough
        }
        return origin;
    }

    /** The problem of a file that could not be parsed. */
    static String syntax(ConfigException e) {
        String m = message(e);
        if (e instanceof FileIncluder.Refused) return m;
        if (e instanceof ConfigException.IO) return "cannot read the file: " + m;
        Matcher key = KEY_WITHOUT_VALUE.matcher(m);
        if (key.matches()) {
            String found = key.group(2).equals("end of file") ? "the file ends" : "got " + key.group(2);
            return "syntax error: expected key = value or key { ... }, but '" + key.group(1) + "' has no value: " + found;
        }
        if (m.contains("end of file")) return "syntax error: the file ends before every { and [ is closed";
        return "syntax error: " + m;
    }

    /** Typesafe's message without the origin it starts with (we print that ourselves) and without its hint about .properties files. */
    static String message(ConfigException e) {
        // a token quoted in the message may hold a line break from the file: keep the problem on one line
        String m = e.getMessage().replace("\r", "\\r").replace("\n", "\\n");
        if (e.origin() != null && m.startsWith(e.origin().description())) m = m.substring(e.origin().description().length());
        return m.replaceFirst("^:\\s*", "")
                .replaceFirst("\\s*\\(if you intended ('[:=,+#@*&!?^`$\\\\]') to be part of a key or string value.*\\)$",
                        "; put a key or value containing $1 in double quotes")
                .replaceFirst("\\s*\\(if you intended .* to be part of a key or string value.*\\)$", "");
    }
}
