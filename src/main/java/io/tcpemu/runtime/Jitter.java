package io.tcpemu.runtime;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Extra delay added to a link's fixed delay, drawn from a named distribution. Samples are never
 * negative and are capped, so a link's delay stays within a bound one can state:
 * <ul>
 *   <li>{@code none}: 0</li>
 *   <li>{@code uniform}: uniform in [0, amount]</li>
 *   <li>{@code normal}: |N(0, amount)| (half-normal), at most 4·amount</li>
 *   <li>{@code exponential}: mean amount, at most 10·amount</li>
 *   <li>{@code pareto}: shape 2, mean amount (heavy tail), at most 20·amount</li>
 * </ul>
 *
 * @param amount the distribution's scale, emulated microseconds
 */
public record Jitter(Distribution distribution, long amount) {

    public enum Distribution {
        NONE, UNIFORM, NORMAL, EXPONENTIAL, PARETO;

        /** Reads "uniform", "Normal" ...; a clear error listing the names otherwise. */
        public static Distribution parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown jitter distribution '" + name
                        + "': expected none, uniform, normal, exponential or pareto");
            }
        }

        /** The largest sample as a multiple of the amount. */
        public double capFactor() {
            return switch (this) {
                case NONE -> 0;
                case UNIFORM -> 1;
                case NORMAL -> 4;
                case EXPONENTIAL -> 10;
                case PARETO -> 20;
            };
        }

        @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
    }

    public static final Jitter NONE = new Jitter(Distribution.NONE, 0);

    public Jitter {
        if (distribution == null) distribution = Distribution.NONE;
        if (amount < 0) throw new IllegalArgumentException("jitter amount must be ≥ 0 µs, got " + amount);
    }

    /** The largest jitter this can add, microseconds. */
    public long max() { return Math.round(amount * distribution.capFactor()); }

    /** One sample in microseconds. */
    public long sample(SplittableRandom rnd) {
        if (amount == 0) return 0;
        double x = switch (distribution) {
            case NONE -> 0;
            case UNIFORM -> rnd.nextDouble() * amount;
            case NORMAL -> Math.abs(gaussian(rnd)) * amount;
            case EXPONENTIAL -> -Math.log(1 - rnd.nextDouble()) * amount;
            case PARETO -> amount * (Math.pow(1 - rnd.nextDouble(), -1 / 2.0) - 1);
        };
        return Math.min(Math.round(x), max());
    }

    /** Box–Muller from the link's own generator, so a seed fixes every sample. */
    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
