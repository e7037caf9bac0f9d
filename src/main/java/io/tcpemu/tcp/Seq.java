package io.tcpemu.tcp;

/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4). Sequence numbers are Java
 * {@code int}s holding the unsigned 32-bit value; comparisons use the signed difference,
 * so they stay correct across wrap-around as long as the two numbers are less than 2^31 apart.
 */
public final class Seq {
    private Seq() {}

    public static int add(int seq, long n) { return (int) (seq + n); }

    /** Distance from {@code from} forward to {@code to}, as a signed value. */
    public static int diff(int to, int from) { return to - from; }

    public static boolean lt(int a, int b) { return a - b < 0; }
    public static boolean le(int a, int b) { return a - b <= 0; }
    public static boolean gt(int a, int b) { return a - b > 0; }
    public static boolean ge(int a, int b) { return a - b >= 0; }

    /** {@code lo <= x < hi} modulo 2^32. */
    public static boolean inWindow(int x, int lo, int hi) { return le(lo, x) && lt(x, hi); }

    /** The unsigned value, for printing and for pcap. */
    public static long unsigned(int seq) { return seq & 0xFFFF_FFFFL; }
}
