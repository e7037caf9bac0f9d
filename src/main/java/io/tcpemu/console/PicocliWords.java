package io.tcpemu.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picocli's message for a word outside a fixed set, as the rest of tcpemu words a bad value:
 * "Invalid value for positional parameter at index 0 (WHAT): expected one of [conns, host]
 * (case-insensitive) but was 'c1'" is "bad WHAT 'c1': expected one of conns, host", and "'x' is
 * not an int" is "bad --jobs 'x': expected a whole number".
 */
public final class PicocliWords {
    private PicocliWords() {}

    private static final Pattern NOT_ONE_OF = Pattern.compile(
            "Invalid value for (?:positional parameter at index \\d+ \\((.+?)\\)|option '(.+?)'): "
                    + "expected one of \\[(.*)] \\(case-(?:in)?sensitive\\) but was '(.*)'", Pattern.DOTALL);

    /** Picocli's "Invalid value for option '--jobs': 'x' is not an int": Java's type names are not the user's. */
    private static final Pattern NOT_A_NUMBER = Pattern.compile(
            "Invalid value for (?:positional parameter at index \\d+ \\((.+?)\\)|option '(.+?)'): '(.*)' is not an? (int|long|short|byte|float|double)",
            Pattern.DOTALL);

    /** {@code message} in tcpemu's words if it is picocli's "expected one of" or "is not an int", else as it is. */
    public static String plain(String message) {
        Matcher m = NOT_ONE_OF.matcher(message.strip());
        if (m.matches()) return "bad " + what(m) + " '" + m.group(4) + "': expected one of " + m.group(3);
        m = NOT_A_NUMBER.matcher(message.strip());
        if (m.matches()) {
            boolean whole = !m.group(4).equals("float") && !m.group(4).equals("double");
            return "bad " + what(m) + " '" + m.group(3) + "': expected " + (whole ? "a whole number" : "a number");
        }
        return message;
    }

    /** The parameter's label or the option's name. */
    private static String what(Matcher m) { return m.group(1) != null ? m.group(1) : m.group(2); }
}
