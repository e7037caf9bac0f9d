package io.tcpemu.tcp;

/**
 * The TIME-WAIT rules, in one place, for a connection held as a {@link TimeWaitEntry}
 * (SKELETON — signature agreed, body being written). {@link Connection} in TIME-WAIT uses the
 * same rules, so an endpoint and a host table answer alike.
 */
public final class TimeWait {
    private TimeWait() {}

    /** What a segment arriving in TIME-WAIT leads to. */
    public enum Verdict {
        /** Nothing to do. */
        IGNORE,
        /** Send {@link Result#reply()} (an ACK); if {@link Result#entry()} changed, its timer restarted. */
        REPLY,
        /** The entry is gone (a RST closed it, policy CLOSE); {@link Result#reply()} is null. */
        CLOSE,
        /** A new SYN may open a new incarnation: drop the entry and handle the SYN as if in LISTEN/CLOSED. */
        REOPEN
    }

    /** @param entry the entry after the segment (a FIN restarts the 2·MSL timer); null for CLOSE/REOPEN */
    public record Result(Verdict verdict, Segment reply, TimeWaitEntry entry) {}

    public static Result handleSegment(TimeWaitEntry entry, Segment segment, long now, TcpConfig config) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
