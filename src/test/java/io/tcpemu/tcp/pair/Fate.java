package io.tcpemu.tcp.pair;

/**
 * What the link of a {@link CorePair} does with one chosen segment, beyond the usual one-way delay.
 *
 * @param kind       deliver, drop, or deliver twice
 * @param extraDelay added to the one-way delay, microseconds (for {@link Kind#DELIVER})
 */
public record Fate(Kind kind, long extraDelay) {
    public enum Kind { DELIVER, DROP, DUPLICATE }

    public static final Fate DROP = new Fate(Kind.DROP, 0);
    public static final Fate DUPLICATE = new Fate(Kind.DUPLICATE, 0);

    /** Deliver {@code extra} microseconds later than the link's delay. */
    public static Fate delay(long extra) { return new Fate(Kind.DELIVER, extra); }
}
