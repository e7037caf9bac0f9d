package io.tcpemu.tcp;

/**
 * One end of one TCP connection: the RFC 9293 state machine (SKELETON — the public API is
 * agreed; the bodies are being written).
 *
 * <p>Inputs: the user calls below and {@link #handleSegment}, {@link #handleTimer}, each with
 * {@code now} in microseconds. Outputs go to the {@link Effects} given at construction.
 */
public final class Connection {

    /**
     * @param id      this incarnation's id, stamped as {@link Segment#origin()} on every segment sent
     * @param config  protocol parameters and policies
     * @param isn     initial sequence numbers (RFC 6528)
     * @param effects where outputs go
     */
    public Connection(long id, TcpConfig config, IsnGenerator isn, Effects effects) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    // ---- user calls -------------------------------------------------------------------

    /** Passive open: CLOSED → LISTEN on {@code local}. A listening connection accepts one SYN. */
    public void listen(SockAddr local) { throw new UnsupportedOperationException(); }

    /** Active open: CLOSED → SYN-SENT, sends SYN. */
    public void connect(SockAddr local, SockAddr remote, long now) { throw new UnsupportedOperationException(); }

    /** Queues bytes for sending; returns how many fit in the send buffer (0 when full). */
    public int send(byte[] data, int offset, int length, long now) { throw new UnsupportedOperationException(); }

    /** Takes up to {@code max} received in-order bytes (an empty array if none). */
    public byte[] receive(int max, long now) { throw new UnsupportedOperationException(); }

    /** Half-close: a FIN follows the queued data; receiving goes on. */
    public void shutdown(long now) { throw new UnsupportedOperationException(); }

    /** Full close: like shutdown, but a RST instead when unread data is pending and the policy says so. */
    public void close(long now) { throw new UnsupportedOperationException(); }

    /** Abort: send RST (if synchronized) and go to CLOSED at once. Also SO_LINGER with zero timeout. */
    public void abort(long now) { throw new UnsupportedOperationException(); }

    // ---- network and timers -----------------------------------------------------------

    /** A segment addressed to this connection arrived. */
    public void handleSegment(Segment segment, long now) { throw new UnsupportedOperationException(); }

    /** A timer armed through {@link Effects#armTimer} fired. Stale firings are ignored. */
    public void handleTimer(TimerKind kind, long now) { throw new UnsupportedOperationException(); }

    // ---- queries ----------------------------------------------------------------------

    public long id() { throw new UnsupportedOperationException(); }
    public State state() { throw new UnsupportedOperationException(); }
    /** Local and remote address; remote is null while LISTEN. */
    public FourTuple tuple() { throw new UnsupportedOperationException(); }
    /** True if this connection began with a passive open (so RST in SYN-RECEIVED returns it to LISTEN). */
    public boolean passive() { throw new UnsupportedOperationException(); }
    /** Received in-order bytes not yet taken by {@link #receive}. */
    public int readable() { throw new UnsupportedOperationException(); }
    /** True once the user has called close() or abort() (no one will read any more). */
    public boolean orphaned() { throw new UnsupportedOperationException(); }

    /** In TIME-WAIT: the compact record a host can keep instead of this object. */
    public TimeWaitEntry timeWaitEntry() { throw new UnsupportedOperationException(); }
}
