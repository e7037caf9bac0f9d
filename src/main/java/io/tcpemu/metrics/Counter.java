package io.tcpemu.metrics;

import java.util.Locale;

/**
 * What the metrics count. {@link #label()} is the name used in CSV, JSON, the summary and a
 * scenario's {@code expect} section ("timed-out", "stale-bytes").
 */
public enum Counter {
    /**
     * connect() calls (SocketCall whose call starts with "connect"): the host traces each when it is
     * made, with EINPROGRESS when the SYN goes out or the errno it failed with at once.
     */
    CONNECT_ATTEMPTS,
    /** Active opens whose handshake completed (SYN-SENT or SYN-RECEIVED after SYN-SENT, to ESTABLISHED/CLOSE-WAIT). */
    ESTABLISHED,
    /** ECONNREFUSED: a RST answered a SYN (NoticeEvent REFUSED). */
    REFUSED,
    /** ETIMEDOUT: retransmissions gave up (NoticeEvent TIMED_OUT). */
    TIMED_OUT,
    /** ECONNRESET: a RST ended a synchronized connection (NoticeEvent RESET). */
    RESET,
    /** EADDRNOTAVAIL: connect() found no free local port (SocketCall result). */
    ADDR_NOT_AVAIL,
    /** Segments put on a link by a host, first transmissions and retransmissions. */
    SEGMENTS_SENT,
    /** Segments that reached the receiving host. */
    SEGMENTS_DELIVERED,
    /** Segments a link lost or a rule dropped. */
    SEGMENTS_DROPPED,
    /** Extra copies a link made. */
    SEGMENTS_DUPLICATED,
    /** Sent segments that repeat an earlier one. */
    RETRANSMISSIONS,
    /** Sent segments with the RST bit. */
    RSTS_SENT,
    /** Payload bytes sent (retransmissions included). */
    BYTES_SENT,
    /** Segments of an older incarnation accepted as new data (HostEvent "stale-data"). */
    STALE_SEGMENTS,
    /** Bytes of an older incarnation accepted as new data. */
    STALE_BYTES,
    /**
     * Most connections in TIME-WAIT at once, over all hosts (a high-water mark, not a sum): exact,
     * the most held at any instant after that instant's events (an end the host closes at the same
     * instant it entered TIME-WAIT, at a max-tw-buckets cap, is never held).
     */
    MAX_TIME_WAIT,
    /** Successful listen() calls (SocketCall "listen ..." → ok): the RFC figure's passive OPEN. */
    LISTENS,
    /**
     * Connection ends still in SYN-SENT when the run ended: connect() calls neither established nor
     * failed yet (their SYN unanswered, still being retransmitted), so that the attempts add up.
     */
    CONNECTING_AT_END;

    private final String label = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public String label() { return label; }

    /** The counter with this label, or null. */
    public static Counter byLabel(String label) {
        for (Counter c : values()) if (c.label.equals(label)) return c;
        return null;
    }
}
