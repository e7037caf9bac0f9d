package io.tcpemu.report;

import java.util.Arrays;

/**
 * One named time series for a plot, in the neutral form metrics hand over: sample times in
 * emulated microseconds and the value at each.
 */
public record Series(String name, long[] timesMicros, double[] values) {
    public Series {
        if (timesMicros.length != values.length) {
            throw new IllegalArgumentException("series '" + name + "': " + timesMicros.length
                    + " times but " + values.length + " values");
        }
    }

    /** Times in seconds, the unit the plots' x axes use. */
    double[] timesSeconds() {
        return Arrays.stream(timesMicros).mapToDouble(t -> t / 1e6).toArray();
    }
}
