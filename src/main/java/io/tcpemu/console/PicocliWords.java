package io.tcpemu.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picocli's message for a word outside a fixed set, as the rest of tcpemu words a bad value:
 * "Invalid value for positional parameter at index 0 (WHAT): expected one of [conns, host]
 * (case-insensitive) but was 'c1'" is "bad WHAT 'c1': expected one of conns, host".
 */
public final class PicocliWords {
    private PicocliWords() {}

    private static final Pattern NOT_ONE_OF = Pattern.compile(
            "Invalid value for (?:positional parameter at index \\d+ \\((.+?)\\)|option '(.+?)'): "
                    + "expected one of \\[(.*)] \\(case-(?:in)?sensitive\\) but was '(.*)'", Pattern.DOTALL);

    /** {@code message} in tcpemu's words if it is picocli's "expected one of", else as it is. */
    public static String plain(String message) {
        Matcher m = NOT_ONE_OF.matcher(message.strip());
        if (!m.matches()) return message;
        String what = m.group(1) != null ? m.group(1) : m.group(2);
        return "bad " + what + " '" + m.group(4) + "': expected one of " + m.group(3);
    }
}
