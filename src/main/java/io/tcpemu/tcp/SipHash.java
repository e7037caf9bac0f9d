package io.tcpemu.tcp;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012) over a few 64-bit words: the keyed hash F of
 * RFC 6528. Small and self-contained so the core needs no crypto provider.
 */
final class SipHash {
    private final long k0;
    private final long k1;

    SipHash(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** The 64-bit SipHash-2-4 of the message made of {@code words} in little-endian byte order. */
    long hash(long... words) {
        long[] v = {k0 ^ 0x736f6d6570736575L, k1 ^ 0x646f72616e646f6dL,
                    k0 ^ 0x6c7967656e657261L, k1 ^ 0x7465646279746573L};
        for (long m : words) {
            v[3] ^= m;
            rounds(v, 2);
            v[0] ^= m;
        }
        // Last block: no leftover bytes, only the message length in bytes in the top byte.
        long last = ((long) words.length * 8) << 56;
        v[3] ^= last;
        rounds(v, 2);
        v[0] ^= last;
        v[2] ^= 0xff;
        rounds(v, 4);
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void rounds(long[] v, int n) {
        for (int i = 0; i < n; i++) {
            v[0] += v[1]; v[1] = Long.rotateLeft(v[1], 13); v[1] ^= v[0]; v[0] = Long.rotateLeft(v[0], 32);
            v[2] += v[3]; v[3] = Long.rotateLeft(v[3], 16); v[3] ^= v[2];
            v[0] += v[3]; v[3] = Long.rotateLeft(v[3], 21); v[3] ^= v[0];
            v[2] += v[1]; v[1] = Long.rotateLeft(v[1], 17); v[1] ^= v[2]; v[2] = Long.rotateLeft(v[2], 32);
        }
    }
}
