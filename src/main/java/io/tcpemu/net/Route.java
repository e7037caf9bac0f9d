package io.tcpemu.net;

/**
 * A static route on a router: segments to addresses in {@code prefix/length} go to the
 * neighbour {@code via}. Length 0 is the default route; 32 names one address.
 *
 * @param where where the route was written ("file:line"), for error messages
 */
public record Route(int prefix, int length, String via, String where) {
    public Route {
        if (length < 0 || length > 32) throw new IllegalArgumentException("prefix length must be 0-32, got " + length);
        prefix &= mask(length);
    }

    public boolean matches(int ip) { return (ip & mask(length)) == prefix; }

    private static int mask(int length) { return length == 0 ? 0 : -1 << (32 - length); }
}
