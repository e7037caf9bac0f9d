package io.tcpemu.tcp;

/** A connection's identity as seen from one end: its own address and the peer's. */
public record FourTuple(SockAddr local, SockAddr remote) {
    /** The same connection as the peer sees it. */
    public FourTuple reversed() { return new FourTuple(remote, local); }

    /** The tuple under which the receiver of {@code seg} files it. */
    public static FourTuple ofArriving(Segment seg) { return new FourTuple(seg.dst(), seg.src()); }

    /** Written out for the same reason as {@link SockAddr#equals}; the hash code too, the record's numbers as there. */
    @Override public boolean equals(Object o) {
        return o instanceof FourTuple t && java.util.Objects.equals(local, t.local) && java.util.Objects.equals(remote, t.remote);   // a listener's tuple has no remote
    }

    @Override public int hashCode() { return 31 * java.util.Objects.hashCode(local) + java.util.Objects.hashCode(remote); }

    @Override public String toString() { return local + "<->" + remote; }
}
