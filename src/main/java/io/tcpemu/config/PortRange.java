package io.tcpemu.config;

/** A range of ports, both ends included, as written "32768-60999". */
public record PortRange(int lo, int hi) {

    public PortRange {
        if (lo < 1 || hi > 65535 || lo > hi) throw new IllegalArgumentException("bad port range " + lo + "-" + hi);
    }

    /** How many ports the range holds. */
    public int size() { return hi - lo + 1; }

    public boolean contains(int port) { return port >= lo && port <= hi; }

    static PortRange read(Reader r, String key) {
        int before = r.problems.count();
        String text = r.string(key).trim();
        if (r.problems.count() > before) return new PortRange(32768, 60999);
        String[] ends = text.split("\\s*-\\s*", -1);
        try {
            int lo = Integer.parseInt(ends[0]);
            int hi = ends.length == 1 ? lo : Integer.parseInt(ends[1]);
            if (ends.length > 2) throw new NumberFormatException();
            if (lo < 1 || lo > 65535 || hi < 1 || hi > 65535) {
                r.problem(key, "expected ports from 1 to 65535, got \"" + text + "\"");
            } else if (lo > hi) {
                r.problem(key, "expected a range \"lo-hi\" with lo <= hi, got \"" + text + "\"");
            } else {
                return new PortRange(lo, hi);
            }
        } catch (NumberFormatException e) {
            r.problem(key, "expected a port range such as \"32768-60999\", got \"" + text + "\"");
        }
        return new PortRange(32768, 60999);
    }

    @Override public String toString() { return lo + "-" + hi; }
}
