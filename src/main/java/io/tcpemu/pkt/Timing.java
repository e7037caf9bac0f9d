package io.tcpemu.pkt;

/**
 * When an event happens, as written in the script. Times are microseconds.
 *
 * @param kind  how to read {@code start} and {@code end}
 * @param start the time (or the start of the range); for RELATIVE kinds, after the previous event
 * @param end   the end of a range; equal to {@code start} when not a range
 */
public record Timing(Kind kind, long start, long end) {

    public enum Kind {
        /** {@code 0.100}: since the script started. */
        ABSOLUTE,
        /** {@code +.1}: after the previous event. */
        RELATIVE,
        /** {@code *}: any time (outbound packets only). */
        ANY,
        /** {@code 0.1~0.2} (outbound packets only). */
        ABSOLUTE_RANGE,
        /** {@code +0.1~+0.2} (outbound packets only). */
        RELATIVE_RANGE,
        /** No time was written (a command before the first event). */
        NONE
    }

    public static final Timing NONE = new Timing(Kind.NONE, 0, 0);
    public static final Timing ANY = new Timing(Kind.ANY, 0, 0);

    public static Timing absolute(long micros) { return new Timing(Kind.ABSOLUTE, micros, micros); }
    public static Timing relative(long micros) { return new Timing(Kind.RELATIVE, micros, micros); }

    public boolean isRange() { return kind == Kind.ABSOLUTE_RANGE || kind == Kind.RELATIVE_RANGE; }
    public boolean isRelative() { return kind == Kind.RELATIVE || kind == Kind.RELATIVE_RANGE; }

    /** As packetdrill writes it: {@code 0.1}, {@code +0}, {@code *}, {@code 0.1~0.2}, {@code +0.1~+0.2}. */
    @Override public String toString() {
        return switch (kind) {
            case ABSOLUTE -> seconds(start);
            case RELATIVE -> "+" + seconds(start);
            case ANY -> "*";
            case ABSOLUTE_RANGE -> seconds(start) + "~" + seconds(end);
            case RELATIVE_RANGE -> "+" + seconds(start) + "~+" + seconds(end);
            case NONE -> "";
        };
    }

    /** Microseconds as seconds with no trailing zeros: 100000 → "0.1", 2000000 → "2". */
    public static String seconds(long micros) {
        String whole = Long.toString(micros / 1_000_000);
        long frac = micros % 1_000_000;
        if (frac == 0) return whole;
        return whole + "." + String.format("%06d", frac).replaceAll("0+$", "");
    }
}
