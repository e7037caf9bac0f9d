package io.tcpemu.tcp.pair;

/** Which way a segment travels between the two ends of a {@link CorePair}. */
public enum Dir {
    A_TO_B("-->"),
    B_TO_A("<--");

    private final String arrow;

    Dir(String arrow) { this.arrow = arrow; }

    public Dir reverse() { return this == A_TO_B ? B_TO_A : A_TO_B; }

    /** The arrow of RFC 793's figures: {@code -->} for A to B. */
    public String arrow() { return arrow; }
}
