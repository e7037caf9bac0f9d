package io.tcpemu.tcp;

/** SplitMix64's finaliser, the one mixer for keyed hashes (ISNs, ephemeral ports, NAT ports). */
public final class SplitMix {
    private SplitMix() {}

    /** Every input bit flips about half the output bits; spreads a small seed (0, 1, 2...) over all 64. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
