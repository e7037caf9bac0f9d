package io.tcpemu.run;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * The mean of a figure over a point's repeats and its 95% confidence interval by Student's t:
 * mean ± t(0.975, n - 1) · s / √n, s the sample standard deviation. One run has no interval.
 *
 * @param n         how many runs
 * @param mean      their mean
 * @param halfWidth half the interval's width, NaN for n = 1
 */
public record ConfidenceInterval(int n, double mean, double halfWidth) {
    /** t(0.975, df) for df = 1..30 (standard tables, to 4 decimals). */
    private static final double[] T975 = {12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
            2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
            2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
    private static final double Z975 = 1.959963985;

    public static ConfidenceInterval of(double[] values) {
        int n = values.length;
        if (n == 0) throw new IllegalArgumentException("no values");
        double mean = 0;
        for (double v : values) mean += v;
        mean /= n;
        if (n == 1) return new ConfidenceInterval(1, mean, Double.NaN);
        double squares = 0;
        for (double v : values) squares += (v - mean) * (v - mean);
        double sd = Math.sqrt(squares / (n - 1));
        return new ConfidenceInterval(n, mean, t975(n - 1) * sd / Math.sqrt(n));
    }

    /**
     * The 97.5% quantile of Student's t with {@code df} degrees of freedom: the table up to 30, then
     * the Cornish-Fisher expansion around the normal quantile (within 1e-4 of the exact value there).
     */
    static double t975(int df) {
        if (df < 1) throw new IllegalArgumentException("degrees of freedom: " + df);
        if (df <= T975.length) return T975[df - 1];
        double z = Z975;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        double z7 = z5 * z * z;
        double v = df;
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
                + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v);
    }

    public boolean hasInterval() { return n > 1; }

    /** "12.3 ± 1.4" (one decimal, the way the tables show counts), or "12.0" for one run. */
    public String shown(String format) {
        String m = String.format(Locale.ROOT, format, mean);
        return hasInterval() ? m + " ± " + String.format(Locale.ROOT, format, halfWidth) : m;
    }

    /** A number for a CSV: 8 significant digits, no exponent; "" for a missing interval. */
    static String csv(double v) {
        if (Double.isNaN(v)) return "";
        return new BigDecimal(v).round(new MathContext(8)).stripTrailingZeros().toPlainString();
    }
}
