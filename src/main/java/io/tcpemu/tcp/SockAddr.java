package io.tcpemu.tcp;

/** An IPv4 address and a port. The address is the 32-bit value, e.g. 10.0.0.1 = 0x0A000001. */
public record SockAddr(int ip, int port) {
    public SockAddr {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range 0-65535: " + port);
    }

    public static SockAddr of(String dottedQuad, int port) { return new SockAddr(parseIp(dottedQuad), port); }

    public static int parseIp(String dottedQuad) {
        String[] parts = dottedQuad.split("\\.", -1);
        if (parts.length != 4) throw new IllegalArgumentException("not an IPv4 address: '" + dottedQuad + "'");
        int ip = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: '" + dottedQuad + "'");
            }
            if (octet < 0 || octet > 255) throw new IllegalArgumentException("not an IPv4 address: '" + dottedQuad + "'");
            ip = (ip << 8) | octet;
        }
        return ip;
    }

    public static String formatIp(int ip) {
        return ((ip >>> 24) & 255) + "." + ((ip >>> 16) & 255) + "." + ((ip >>> 8) & 255) + "." + (ip & 255);
    }

    /**
     * The record's equality, written out: every segment's 4-tuple is looked up in its host's maps,
     * and the generated one (through {@code Objects.equals} and a method handle) was not inlined
     * there (4% of the emulation thread). The hash code is the record's, written out: the same
     * numbers, so no hash map's order (some show in the trace) changes.
     */
    @Override public boolean equals(Object o) { return o instanceof SockAddr a && a.ip == ip && a.port == port; }

    @Override public int hashCode() { return 31 * ip + port; }

    @Override public String toString() { return formatIp(ip) + ":" + port; }
}
