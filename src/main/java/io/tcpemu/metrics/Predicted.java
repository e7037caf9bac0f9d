package io.tcpemu.metrics;


/**
 * One figure of the analytic model: a value with an optional qualifier ("capped by 300 ports"),
 * or no value ({@code NaN}) and the reason the model does not apply. Printed as {@code 75/s},
 * {@code 300 (capped by 300 ports)} or {@code n/a (why)}; never a number the model cannot stand by.
 *
 * @param value the prediction, NaN when the model does not apply
 * @param note  with a value: a qualifier, or ""; without one: why not
 */
public record Predicted(double value, String note) {

    public Predicted {
        if (note == null) note = "";
        if (Double.isNaN(value) && note.isEmpty()) throw new IllegalArgumentException("n/a needs a reason");
    }

    public static Predicted of(double value) { return new Predicted(value, ""); }

    public static Predicted of(double value, String note) { return new Predicted(value, note); }

    public static Predicted na(String why) { return new Predicted(Double.NaN, why); }

    /** True when the model gives a value. */
    public boolean known() { return !Double.isNaN(value); }

    /** Why there is no value ("" when there is one). */
    public String why() { return known() ? "" : note; }

    /** For the terminal: "75/s", "300 (capped by 300 ports)", "n/a (the server closes first)". */
    public String text(String unit) {
        if (!known()) return "n/a (" + note + ")";
        return Format.trim(value) + unit + (note.isEmpty() ? "" : " (" + note + ")");
    }

    /** For a file: the value rounded to 6 decimals (no 0.19999999999999996), "" when there is none. */
    public String csv() { return known() ? decimal(value) : ""; }

    /** For JSON: the rounded value, or null. */
    public String json() { return known() ? decimal(value) : "null"; }

    static String decimal(double v) {
        if (Double.isInfinite(v)) return v > 0 ? "1e308" : "-1e308";
        return Format.decimal(v);
    }
}
