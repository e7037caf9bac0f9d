package io.tcpemu.tcp;

/**
 * Initial sequence numbers per RFC 6528: ISN = M + F(localip, localport, remoteip, remoteport, key),
 * with M a clock ticking every 4 microseconds (RFC 9293 §3.4.1) and F a keyed hash ({@link SipHash}).
 * F is fixed per 4-tuple, so a later incarnation of the same tuple starts further along the sequence
 * space than an earlier one; different tuples get unrelated offsets. Deterministic for a given key,
 * so a seeded run is reproducible.
 */
public final class IsnGenerator {
    /** The ISN clock ticks once per this many microseconds. */
    public static final long CLOCK_TICK_MICROS = 4;

    private final SipHash hash;

    /** @param key the run's seed; the two SipHash key halves are derived from it */
    public IsnGenerator(long key) {
        this.hash = new SipHash(SplitMix.mix(key), SplitMix.mix(key ^ 0x9E3779B97F4A7C15L));
    }

    public int next(FourTuple tuple, long now) {
        return (int) (now / CLOCK_TICK_MICROS) + offset(tuple);
    }

    /** F of RFC 6528: the secret per-tuple offset. */
    int offset(FourTuple tuple) {
        long local = ((long) tuple.local().ip() << 16) | tuple.local().port();
        long remote = ((long) tuple.remote().ip() << 16) | tuple.remote().port();
        return (int) hash.hash(local & 0xFFFF_FFFF_FFFFL, remote & 0xFFFF_FFFF_FFFFL);
    }

    /**
     * The random offset added to the timestamp clock of a connection between these two addresses, as
     * Linux's {@code secure_tcp_ts_off} (keyed on the addresses only, so every connection between two
     * hosts shares it and a peer's PAWS works across them); RFC 7323 recommends one.
     */
    public int timestampOffset(FourTuple tuple) {
        return (int) hash.hash(0x7473_6F66_6600_0000L | (tuple.local().ip() & 0xFFFF_FFFFL), tuple.remote().ip() & 0xFFFF_FFFFL);
    }
}
