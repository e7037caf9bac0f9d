package io.tcpemu.runtime.fault;

import io.tcpemu.tcp.TimeHorizon;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads short durations such as "3s", "200ms", "500us", "1.5s", "2m", "1h", "2d" into emulated microseconds (the config's units). */
public final class Durations {
    private Durations() {}

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|µs|ms|s|m|min|h|d)");

    /** True when {@code token} looks like a duration, so a parser can tell it from a word. */
    public static boolean looksLikeDuration(String token) {
        return DURATION.matcher(token.toLowerCase(Locale.ROOT)).matches();
    }

    /** The duration in microseconds, or a {@link RuleSyntaxException} naming the token (also beyond the {@link TimeHorizon}). */
    public static long parseMicros(String token) {
        Matcher m = DURATION.matcher(token.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new RuleSyntaxException("'" + token + "' is not a duration: expected a number and a unit, e.g. 500us, 200ms, 3s, 2m, 1h, 2d");
        }
        double amount = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2)) {
            case "us", "µs" -> 1L;
            case "ms" -> 1_000L;
            case "s" -> 1_000_000L;
            case "h" -> 3_600_000_000L;
            case "d" -> 86_400_000_000L;
            default -> 60_000_000L;
        };
        long micros = TimeHorizon.ofAmount(amount, unit);
        if (micros < 0) {
            throw new RuleSyntaxException("'" + token + "' is too long: expected a duration of at most " + TimeHorizon.TEXT);
        }
        return micros;
    }

    /** The shortest readable form: 1500000 → "1.5s", 2000 → "2ms", 7 → "7us", 7200000000 → "2h". */
    public static String format(long micros) {
        if (micros != 0 && micros % 3_600_000_000L == 0) return micros / 3_600_000_000L + "h";
        if (micros != 0 && micros % 60_000_000L == 0) return micros / 60_000_000L + "m";
        if (micros >= 1_000_000L) return trim(micros / 1e6) + "s";
        if (micros >= 1_000L) return trim(micros / 1e3) + "ms";
        return micros + "us";
    }

    private static String trim(double value) {
        String s = String.format(Locale.ROOT, "%.6f", value);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
