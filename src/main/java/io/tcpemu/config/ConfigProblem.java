package io.tcpemu.config;

/**
 * One thing wrong with a scenario's settings, found before anything runs.
 *
 * @param file    the file the user wrote (or "--set" for a command-line override)
 * @param line    the line in that file, or 0 when unknown
 * @param key     the setting, relative to the root key {@code tcpemu} ("hosts.a.tcp.msl"), or "" for
 *                a syntax error
 * @param message what was expected and what was found
 */
public record ConfigProblem(String file, int line, String key, String message) {

    /** {@code conf/x.conf:12: hosts.a.tcp.msl: expected a duration such as 30s, got "fast"}. */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) sb.append(':').append(line);
        sb.append(": ");
        if (!key.isEmpty()) sb.append(key).append(": ");
        // one line per problem, whatever line breaks the user's text (an override, a quoted token) held
        return sb.append(message).toString().replace("\r", "\\r").replace("\n", "\\n");
    }
}
