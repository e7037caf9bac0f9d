package io.tcpemu.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The analytic failure rate as a continuous curve over a sweep's range, not only at its points,
 * with its knee: the parameter value where failures start (NaN if they never start in the range).
 */
record AnalyticCurve(double[] x, double[] y, double knee) {
    private static final int SAMPLES = 60;
    private static final int BISECTIONS = 16;

    /** The curve through the swept points only (those where the model applies), knee unknown. */
    static AnalyticCurve atPoints(double[] x, double[] y) {
        int[] known = java.util.stream.IntStream.range(0, y.length).filter(i -> !Double.isNaN(y[i])).toArray();
        return new AnalyticCurve(Arrays.stream(known).mapToDouble(i -> x[i]).toArray(),
                Arrays.stream(known).mapToDouble(i -> y[i]).toArray(), Double.NaN);
    }

    /** {@code f} at evenly spaced values over the swept range, plus the swept values and the knee itself. */
    static AnalyticCurve sample(double[] swept, DoubleUnaryOperator f) {
        double lo = Arrays.stream(swept).min().orElse(0);
        double hi = Arrays.stream(swept).max().orElse(0);
        List<Double> xs = new ArrayList<>();
        for (double v : swept) xs.add(v);
        for (int i = 0; i <= SAMPLES; i++) xs.add(lo + (hi - lo) * i / SAMPLES);
        double knee = knee(xs.stream().mapToDouble(Double::doubleValue).sorted().distinct().toArray(), f);
        if (!Double.isNaN(knee)) xs.add(knee);
        List<double[]> points = new ArrayList<>();
        for (double v : xs.stream().mapToDouble(Double::doubleValue).sorted().distinct().toArray()) {
            double y = f.applyAsDouble(v);
            if (!Double.isNaN(y)) points.add(new double[] {v, y});   // a value the parameter cannot take
        }
        return new AnalyticCurve(points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray(), knee);
    }

    /** The smallest value where {@code f} leaves zero, to within a bisection of the gap around it. */
    private static double knee(double[] x, DoubleUnaryOperator f) {
        if (x.length == 0 || f.applyAsDouble(x[0]) > 0) return Double.NaN;
        for (int i = 1; i < x.length; i++) {
            if (f.applyAsDouble(x[i]) <= 0) continue;
            double lo = x[i - 1];
            double hi = x[i];
            for (int k = 0; k < BISECTIONS; k++) {
                double mid = (lo + hi) / 2;
                if (f.applyAsDouble(mid) > 0) hi = mid;
                else lo = mid;
            }
            return lo;
        }
        return Double.NaN;
    }
}
