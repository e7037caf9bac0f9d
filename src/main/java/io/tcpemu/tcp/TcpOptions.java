package io.tcpemu.tcp;

import java.nio.ByteBuffer;

/**
 * The TCP options of a segment as bytes on the wire, laid out as Linux's tcp_options_write does, so a
 * capture and a packetdrill script see the kernel's order: MSS; SACK-permitted and timestamps sharing
 * one word (NOP NOP before the timestamps when there is no SACK-permitted); NOP NOP SACK-permitted
 * without timestamps; NOP and window scale; NOP NOP and SACK blocks.
 */
public final class TcpOptions {
    public static final int EOL = 0;
    public static final int NOP = 1;
    public static final int MSS = 2;
    public static final int WSCALE = 3;
    public static final int SACK_PERMITTED = 4;
    public static final int SACK = 5;
    public static final int TIMESTAMP = 8;

    private TcpOptions() { }

    /** How many option bytes the segment carries (a multiple of 4). */
    public static int length(Segment s) {
        return (s.mss() != 0 ? 4 : 0) + (s.hasTimestamp() ? 12 : 0)
                + (s.sackPermitted() && !s.hasTimestamp() ? 4 : 0) + (s.hasWscale() ? 4 : 0)
                + (s.sackBlocks().length > 0 ? 4 + 4 * s.sackBlocks().length : 0);
    }

    /** The option bytes, in Linux's order. */
    public static byte[] encode(Segment s) {
        ByteBuffer buf = ByteBuffer.allocate(length(s));
        if (s.mss() != 0) buf.put((byte) MSS).put((byte) 4).putShort((short) s.mss());
        if (s.hasTimestamp()) {
            if (s.sackPermitted()) buf.put((byte) SACK_PERMITTED).put((byte) 2);
            else buf.put((byte) NOP).put((byte) NOP);
            buf.put((byte) TIMESTAMP).put((byte) 10).putInt((int) s.tsVal()).putInt((int) Math.max(s.tsEcr(), 0));
        } else if (s.sackPermitted()) {
            buf.put((byte) NOP).put((byte) NOP).put((byte) SACK_PERMITTED).put((byte) 2);
        }
        if (s.hasWscale()) buf.put((byte) NOP).put((byte) WSCALE).put((byte) 3).put((byte) s.wscale());
        int[] sack = s.sackBlocks();
        if (sack.length > 0) {
            buf.put((byte) NOP).put((byte) NOP).put((byte) SACK).put((byte) (2 + 4 * sack.length));
            for (int edge : sack) buf.putInt(edge);
        }
        return buf.array();
    }
}
