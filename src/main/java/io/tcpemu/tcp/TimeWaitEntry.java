package io.tcpemu.tcp;

/**
 * All a host must remember of a connection in TIME-WAIT (as Linux's inet_timewait_sock):
 * enough to answer a retransmitted FIN, judge a new SYN on the same 4-tuple, and expire.
 *
 * @param tuple     the connection, from this end
 * @param sndNxt    our next sequence number (our FIN has been sent and acknowledged)
 * @param rcvNxt    the next sequence number we expect (just past the peer's FIN)
 * @param tsRecent  the peer's last timestamp value, or {@link Segment#NO_TIMESTAMP}
 * @param enteredAt when TIME-WAIT began (microseconds)
 * @param expiresAt when TIME-WAIT ends (microseconds)
 * @param origin    the id of the incarnation that is waiting
 * @param tsOffset  the connection's timestamp offset (see {@link IsnGenerator#timestampOffset}), for its ACKs' TSval
 * @param window    the window field its ACKs carry (what was left of the window offered, scaled), or -1: the
 *                  configured receive window
 * @param lastOowAck when it last sent an ACK that Linux's rate limit counts ({@link TimeWait}), or -1 for never
 */
public record TimeWaitEntry(FourTuple tuple, int sndNxt, int rcvNxt, long tsRecent,
                            long enteredAt, long expiresAt, long origin, int tsOffset, int window, long lastOowAck) {
    /** Not rate limited yet. */
    public TimeWaitEntry(FourTuple tuple, int sndNxt, int rcvNxt, long tsRecent, long enteredAt, long expiresAt, long origin,
                         int tsOffset, int window) {
        this(tuple, sndNxt, rcvNxt, tsRecent, enteredAt, expiresAt, origin, tsOffset, window, -1);
    }

    /** The same entry as seen from another local address (a shared one). */
    public TimeWaitEntry withTuple(FourTuple other) {
        return new TimeWaitEntry(other, sndNxt, rcvNxt, tsRecent, enteredAt, expiresAt, origin, tsOffset, window, lastOowAck);
    }

    /** With the peer's newer timestamp and TIME-WAIT ending at {@code expires}. */
    public TimeWaitEntry with(long newTsRecent, long expires) {
        return new TimeWaitEntry(tuple, sndNxt, rcvNxt, newTsRecent, enteredAt, expires, origin, tsOffset, window, lastOowAck);
    }

    /** Having sent a rate-limited ACK at {@code now}. */
    public TimeWaitEntry ackedAt(long now) {
        return new TimeWaitEntry(tuple, sndNxt, rcvNxt, tsRecent, enteredAt, expiresAt, origin, tsOffset, window, now);
    }

    /** With the window field its ACKs carry taken from the config ({@code window} -1). */
    public TimeWaitEntry(FourTuple tuple, int sndNxt, int rcvNxt, long tsRecent, long enteredAt, long expiresAt, long origin, int tsOffset) {
        this(tuple, sndNxt, rcvNxt, tsRecent, enteredAt, expiresAt, origin, tsOffset, -1);
    }

    /** With no timestamp offset. */
    public TimeWaitEntry(FourTuple tuple, int sndNxt, int rcvNxt, long tsRecent, long enteredAt, long expiresAt, long origin) {
        this(tuple, sndNxt, rcvNxt, tsRecent, enteredAt, expiresAt, origin, 0);
    }
}
