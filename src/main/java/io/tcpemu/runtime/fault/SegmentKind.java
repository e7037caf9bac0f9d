package io.tcpemu.runtime.fault;

import io.tcpemu.tcp.Flags;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The words a rule uses for kinds of segments, and the flags each one means. */
enum SegmentKind {
    /** An opening SYN, not the SYN-ACK. */
    SYN("syn", Flags.SYN, Flags.ACK | Flags.RST, SegmentPattern.Payload.ANY),
    SYN_ACK("syn-ack", Flags.SYN | Flags.ACK, Flags.RST, SegmentPattern.Payload.ANY),
    /** A pure ACK: no SYN, FIN, RST and no data (the final ACK of a close is one). */
    ACK("ack", Flags.ACK, Flags.SYN | Flags.FIN | Flags.RST, SegmentPattern.Payload.EMPTY),
    FIN("fin", Flags.FIN, Flags.SYN | Flags.RST, SegmentPattern.Payload.ANY),
    FIN_ACK("fin-ack", Flags.FIN | Flags.ACK, Flags.SYN | Flags.RST, SegmentPattern.Payload.ANY),
    RST("rst", Flags.RST, 0, SegmentPattern.Payload.ANY),
    /** Any segment carrying payload bytes. */
    DATA("data", 0, Flags.SYN | Flags.RST, SegmentPattern.Payload.DATA),
    ANY("any", 0, 0, SegmentPattern.Payload.ANY);

    final String word;
    final int mustSet;
    final int mustClear;
    final SegmentPattern.Payload payload;

    SegmentKind(String word, int mustSet, int mustClear, SegmentPattern.Payload payload) {
        this.word = word;
        this.mustSet = mustSet;
        this.mustClear = mustClear;
        this.payload = payload;
    }

    /** The kind a word names ("syn-ack", "synack", "segment"), or null. */
    static SegmentKind byWord(String token) {
        String w = token.toLowerCase(Locale.ROOT).replace('_', '-');
        if (w.endsWith("s")) w = w.substring(0, w.length() - 1);
        switch (w) {
            case "synack" -> { return SYN_ACK; }
            case "finack" -> { return FIN_ACK; }
            case "segment", "all", "packet" -> { return ANY; }
            default -> { }
        }
        for (SegmentKind k : values()) if (k.word.equals(w)) return k;
        return null;
    }

    static String allWords() {
        return Arrays.stream(values()).map(k -> k.word).collect(Collectors.joining(", "));
    }
}
