package io.tcpemu.tcp;

import java.util.Arrays;

/**
 * One TCP segment as it travels between hosts.
 *
 * @param seq     sequence number (unsigned 32-bit value in an int, see {@link Seq})
 * @param ack     acknowledgment number, meaningful only with {@link Flags#ACK}
 * @param flags   control bits, see {@link Flags}
 * @param window  the window field as on the wire (0..65535): in a SYN the window in bytes, later shifted
 *                right by the sender's window scale
 * @param mss     MSS option, or 0 when absent (only on SYNs)
 * @param tsVal   timestamp option value (RFC 7323), or {@link #NO_TIMESTAMP}
 * @param tsEcr   timestamp echo reply, or {@link #NO_TIMESTAMP}
 * @param wscale  window scale option (RFC 7323, only on SYNs), or {@link #NO_WSCALE}
 * @param sackPermitted the SACK-permitted option (RFC 2018, only on SYNs)
 * @param sackBlocks    SACK blocks (RFC 2018) as [left, right) sequence number pairs, the most recent first; never null
 * @param payload the bytes carried; never null
 * @param origin  emulator metadata, not on the wire: the id of the connection incarnation that
 *                built this segment (0 if none), so a receiver can tell stale data from an older
 *                incarnation of the same 4-tuple
 */
public record Segment(SockAddr src, SockAddr dst, int seq, int ack, int flags, int window,
                      int mss, long tsVal, long tsEcr, byte[] payload, long origin, int wscale, boolean sackPermitted,
                      int[] sackBlocks) {

    public static final long NO_TIMESTAMP = -1;
    public static final int NO_WSCALE = -1;
    public static final int[] NO_SACK = new int[0];
    public static final byte[] NO_PAYLOAD = new byte[0];

    public Segment {
        if (payload == null) payload = NO_PAYLOAD;
        if (sackBlocks == null) sackBlocks = NO_SACK;
        if (window < 0 || window > 65535) throw new IllegalArgumentException("window out of range 0-65535: " + window);
        if (wscale < NO_WSCALE || wscale > 255) throw new IllegalArgumentException("wscale out of range 0-255: " + wscale);
    }

    /** Without window scale and SACK-permitted options. */
    public Segment(SockAddr src, SockAddr dst, int seq, int ack, int flags, int window,
                   int mss, long tsVal, long tsEcr, byte[] payload, long origin) {
        this(src, dst, seq, ack, flags, window, mss, tsVal, tsEcr, payload, origin, NO_WSCALE, false, NO_SACK);
    }

    /** Without SACK blocks. */
    public Segment(SockAddr src, SockAddr dst, int seq, int ack, int flags, int window,
                   int mss, long tsVal, long tsEcr, byte[] payload, long origin, int wscale, boolean sackPermitted) {
        this(src, dst, seq, ack, flags, window, mss, tsVal, tsEcr, payload, origin, wscale, sackPermitted, NO_SACK);
    }

    /** A segment with no options and no payload. */
    public static Segment control(SockAddr src, SockAddr dst, int seq, int ack, int flags, int window) {
        return new Segment(src, dst, seq, ack, flags, window, 0, NO_TIMESTAMP, NO_TIMESTAMP, NO_PAYLOAD, 0);
    }

    public boolean isSyn() { return Flags.has(flags, Flags.SYN); }
    public boolean isAck() { return Flags.has(flags, Flags.ACK); }
    public boolean isFin() { return Flags.has(flags, Flags.FIN); }
    public boolean isRst() { return Flags.has(flags, Flags.RST); }
    public boolean isPsh() { return Flags.has(flags, Flags.PSH); }
    public boolean hasTimestamp() { return tsVal != NO_TIMESTAMP; }
    public boolean hasWscale() { return wscale != NO_WSCALE; }

    /** Bytes of payload. */
    public int length() { return payload.length; }

    /** SEG.LEN of RFC 9293: payload plus one for SYN and one for FIN. */
    public int seqLength() { return payload.length + (isSyn() ? 1 : 0) + (isFin() ? 1 : 0); }

    public Segment withOrigin(long newOrigin) {
        return new Segment(src, dst, seq, ack, flags, window, mss, tsVal, tsEcr, payload, newOrigin, wscale, sackPermitted, sackBlocks);
    }

    public Segment withPayload(byte[] bytes) {
        return new Segment(src, dst, seq, ack, flags, window, mss, tsVal, tsEcr, bytes, origin, wscale, sackPermitted, sackBlocks);
    }

    /** The same segment between other addresses (a NAT's rewrite). */
    public Segment withAddresses(SockAddr newSrc, SockAddr newDst) {
        return new Segment(newSrc, newDst, seq, ack, flags, window, mss, tsVal, tsEcr, payload, origin, wscale, sackPermitted, sackBlocks);
    }

    /** A one-line summary in the style of a packet trace: "10.0.0.1:40000 > 10.0.0.2:80 [S] seq=100 win=65535". */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder()
                .append(src).append(" > ").append(dst)
                .append(" [").append(Flags.tcpdump(flags)).append("] seq=").append(Seq.unsigned(seq));
        if (isAck()) sb.append(" ack=").append(Seq.unsigned(ack));
        sb.append(" win=").append(window);
        if (payload.length > 0) sb.append(" len=").append(payload.length);
        if (mss != 0) sb.append(" mss=").append(mss);
        if (sackPermitted) sb.append(" sackOK");
        if (hasTimestamp()) sb.append(" ts=").append(tsVal).append('/').append(tsEcr);
        if (hasWscale()) sb.append(" wscale=").append(wscale);
        for (int i = 0; i + 1 < sackBlocks.length; i += 2) {
            sb.append(i == 0 ? " sack=" : ",").append(Seq.unsigned(sackBlocks[i])).append(':').append(Seq.unsigned(sackBlocks[i + 1]));
        }
        return sb.toString();
    }

    @Override public boolean equals(Object o) {
        return o instanceof Segment s && s.src.equals(src) && s.dst.equals(dst) && s.seq == seq && s.ack == ack
                && s.flags == flags && s.window == window && s.mss == mss && s.tsVal == tsVal && s.tsEcr == tsEcr
                && Arrays.equals(s.payload, payload) && s.origin == origin && s.wscale == wscale && s.sackPermitted == sackPermitted
                && Arrays.equals(s.sackBlocks, sackBlocks);
    }

    /**
     * Over the fields that tell a connection's segments apart: its window probes (and their
     * answers) differ only in timestamps, and a ladder of ten years of them matched sent to
     * delivered through one hash bucket, for ever.
     */
    @Override public int hashCode() {
        int h = ((src.hashCode() * 31 + dst.hashCode()) * 31 + seq) * 31 + ack * 7 + flags + Arrays.hashCode(payload);
        h = (h * 31 + Long.hashCode(tsVal)) * 31 + Long.hashCode(tsEcr);
        return (h * 31 + window) * 31 + Arrays.hashCode(sackBlocks);
    }
}
