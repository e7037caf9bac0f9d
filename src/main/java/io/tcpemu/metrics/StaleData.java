package io.tcpemu.metrics;

/**
 * The detail of a {@code HostEvent("stale-data", detail)}, as agreed with the runtime: space-separated
 * {@code key=value} pairs, of which {@code bytes=<n>} is required, e.g.
 * {@code "bytes=100 conn=7 origin=3 seq=1000"} (conn: the connection that accepted them; origin: the
 * incarnation that sent them).
 */
public final class StaleData {
    private StaleData() {}

    /** Formats a detail string the metrics can read. */
    public static String detail(int bytes, long connId, long origin, long seq) {
        return "bytes=" + bytes + " conn=" + connId + " origin=" + origin + " seq=" + seq;
    }

    /** The byte count of a detail string, or 0 if it has none. */
    static long bytes(String detail) {
        int at;
        if (detail.startsWith("bytes=")) {
            at = 0;
        } else {
            int space = detail.indexOf(" bytes=");
            if (space < 0) return 0;
            at = space + 1;
        }
        long n = 0;
        for (int i = at + "bytes=".length(); i < detail.length() && Character.isDigit(detail.charAt(i)); i++) {
            n = n * 10 + (detail.charAt(i) - '0');
        }
        return n;
    }
}
