package io.tcpemu.oracle;

/**
 * Student's t, worked out here from its density (numerically integrated) rather than from a table,
 * so the oracle's confidence intervals share nothing with the ones tcpemu prints.
 */
final class Student {
    private Student() {}

    /** The 97.5% quantile with {@code df} degrees of freedom: where the distribution function reaches 0.975. */
    static double quantile975(int df) {
        double lo = 0;
        double hi = 100;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (cdf(mid, df) < 0.975) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }

    /** P(T ≤ t) for t ≥ 0: one half plus Simpson's rule over the density from 0 to t. */
    static double cdf(double t, int df) {
        int steps = 20_000;
        double h = t / steps;
        double sum = density(0, df) + density(t, df);
        for (int i = 1; i < steps; i++) sum += (i % 2 == 1 ? 4 : 2) * density(i * h, df);
        return 0.5 + sum * h / 3;
    }

    private static double density(double x, int df) {
        double v = df;
        double logNorm = logGamma((v + 1) / 2) - logGamma(v / 2) - 0.5 * Math.log(v * Math.PI);
        return Math.exp(logNorm - (v + 1) / 2 * Math.log1p(x * x / v));
    }

    /** ln Γ(x) for x > 0 by Stirling's series after shifting x above 10. */
    private static double logGamma(double x) {
        double shift = 0;
        while (x < 10) {
            shift -= Math.log(x);
            x += 1;
        }
        double series = 1 / (12 * x) - 1 / (360 * x * x * x) + 1 / (1260 * Math.pow(x, 5)) - 1 / (1680 * Math.pow(x, 7));
        return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series;
    }

    /** Mean and half the 95% interval of {@code values} (NaN for one value): the oracle's own arithmetic. */
    static double[] meanAndHalfWidth(long[] counts) {
        double[] v = new double[counts.length];
        for (int i = 0; i < v.length; i++) v[i] = counts[i];
        return meanAndHalfWidth(v);
    }

    static double[] meanAndHalfWidth(double[] v) {
        int n = v.length;
        double sum = 0;
        for (double x : v) sum += x;
        double mean = sum / n;
        if (n < 2) return new double[] {mean, Double.NaN};
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        return new double[] {mean, quantile975(n - 1) * Math.sqrt(ss / (n - 1)) / Math.sqrt(n)};
    }
}
