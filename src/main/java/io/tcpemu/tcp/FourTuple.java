package io.tcpemu.tcp;

/** A connection's identity as seen from one end: its own address and the peer's. */
public record FourTuple(SockAddr local, SockAddr remote) {
    /** The same connection as the peer sees it. */
    public FourTuple reversed() { return new FourTuple(remote, local); }

    /** The tuple under which the receiver of {@code seg} files it. */
    public static FourTuple ofArriving(Segment seg) { return new FourTuple(seg.dst(), seg.src()); }

    @Override public String toString() { return local + "<->" + remote; }
}
