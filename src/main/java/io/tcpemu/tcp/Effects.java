package io.tcpemu.tcp;

/**
 * Where a {@link Connection} puts its outputs. The caller (an actor, a test, a benchmark)
 * carries them out: it transmits segments, arms and cancels timers, and passes notices on.
 * Calls arrive synchronously, in order, from inside the connection's input methods.
 */
public interface Effects {
    /** Send this segment; {@code retransmission} is true when it repeats an earlier one. */
    void transmit(Segment segment, boolean retransmission);

    /** Arm (or re-arm) the timer of this kind to fire at {@code deadline} (microseconds). */
    void armTimer(TimerKind kind, long deadline);

    /** Cancel the timer of this kind, if armed. */
    void cancelTimer(TimerKind kind);

    /** The one place state changes are reported; {@code cause} is a short phrase ("rcv SYN,ACK"). */
    void stateChanged(State from, State to, String cause);

    /** Tell the user something happened. */
    void notice(Notice notice);

    /**
     * Bytes from an older incarnation of this 4-tuple were accepted into the receive stream:
     * the harm TIME-WAIT exists to prevent. {@code staleOrigin} is the old incarnation's id.
     */
    default void staleDataAccepted(long staleOrigin, int bytes) {}
}
