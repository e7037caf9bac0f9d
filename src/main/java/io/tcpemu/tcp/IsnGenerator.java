package io.tcpemu.tcp;

/**
 * Initial sequence numbers per RFC 6528: ISN = M + F(localip, localport, remoteip, remoteport, key),
 * with M a 4-microsecond clock and F a keyed hash (SKELETON — body being written). Deterministic
 * for a given key, so a seeded run is reproducible.
 */
public final class IsnGenerator {
    public IsnGenerator(long key) {}

    public int next(FourTuple tuple, long now) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
