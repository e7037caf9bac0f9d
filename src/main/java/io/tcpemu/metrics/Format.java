package io.tcpemu.metrics;

import java.util.Locale;

/** Number formats for people: durations from microseconds, and rates. {@code tcpemu run} and the console share them. */
public final class Format {
    private Format() {}

    /** 850us, 12.5ms, 3.2s. */
    public static String micros(long us) {
        if (us < 1_000) return us + "us";
        if (us < 1_000_000) return trim(us / 1_000.0) + "ms";
        return trim(us / 1_000_000.0) + "s";
    }

    static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
