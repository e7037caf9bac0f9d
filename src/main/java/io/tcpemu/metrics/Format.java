package io.tcpemu.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Number formats for people: durations from microseconds, rates, and decimals for CSV. */
public final class Format {
    private static final MathContext SIX_DIGITS = new MathContext(6);

    private Format() {}

    /** 850us, 12.5ms, 3.2s. */
    static String micros(long us) {
        if (us < 1_000) return us + "us";
        if (us < 1_000_000) return trim(us / 1_000.0) + "ms";
        return trim(us / 1_000_000.0) + "s";
    }

    static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /**
     * A decimal for files people and programs read: at most six significant digits, no exponent,
     * no trailing zeros (0.2, not 0.19999999999999996; 0.333333; 1).
     */
    public static String decimal(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return String.valueOf(v);
        if (v == 0) return "0";
        return new BigDecimal(v).round(SIX_DIGITS).stripTrailingZeros().toPlainString();
    }
}
