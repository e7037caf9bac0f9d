package io.tcpemu.tcp.pair;

import io.tcpemu.tcp.Seq;

/**
 * How a trace prints sequence numbers: relative, as in the RFC's figures, where A's ISN is 100
 * and B's is 300 whatever the real RFC 6528 values. Each end's space is anchored once, by default
 * at the first SYN it sends; a test may anchor it elsewhere ({@link CorePair#showSeqAs}).
 */
final class Numbering {
    private final Anchor[] anchors = {new Anchor(100), new Anchor(300)};

    private static final class Anchor {
        boolean set;
        int raw;
        long shown;

        Anchor(long shown) { this.shown = shown; }
    }

    /** Sequence numbers sent in direction {@code dir} belong to the sender's space. */
    long shown(Dir dir, int raw) {
        Anchor anchor = anchors[dir.ordinal()];
        if (!anchor.set) return Seq.unsigned(raw);
        return anchor.shown + Seq.diff(raw, anchor.raw);
    }

    void anchorIfUnset(Dir dir, int raw) {
        Anchor anchor = anchors[dir.ordinal()];
        if (anchor.set) return;
        anchor.set = true;
        anchor.raw = raw;
    }

    void anchor(Dir dir, int raw, long shown) {
        Anchor anchor = anchors[dir.ordinal()];
        anchor.set = true;
        anchor.raw = raw;
        anchor.shown = shown;
    }
}
