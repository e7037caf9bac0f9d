package io.tcpemu.report;

import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.TcpOptions;

import java.nio.ByteBuffer;

/**
 * Encodes a {@link Segment} as the IPv4 packet that would carry it: a 20-byte IPv4 header and a
 * TCP header with options (MSS on SYNs, NOP NOP timestamps), both with correct checksums.
 */
final class PacketBytes {
    static final int IP_HEADER = 20;
    static final int TCP_HEADER = 20;
    private static final int TTL = 64;
    private static final int PROTO_TCP = 6;
    private static final int DONT_FRAGMENT = 0x4000;

    private PacketBytes() {}

    /** The packet; {@code ipId} is the IPv4 identification field. */
    static byte[] encode(Segment seg, int ipId) {
        byte[] options = options(seg);
        int tcpLength = TCP_HEADER + options.length + seg.length();
        ByteBuffer buf = ByteBuffer.allocate(IP_HEADER + tcpLength);
        writeIpHeader(buf, seg, ipId, IP_HEADER + tcpLength);
        writeTcpHeader(buf, seg, options);
        buf.put(seg.payload());
        byte[] packet = buf.array();
        putShort(packet, 10, checksum(packet, 0, IP_HEADER, 0));
        putShort(packet, IP_HEADER + 16, checksum(packet, IP_HEADER, tcpLength, pseudoHeaderSum(seg, tcpLength)));
        return packet;
    }

    private static void writeIpHeader(ByteBuffer buf, Segment seg, int ipId, int totalLength) {
        buf.put((byte) 0x45).put((byte) 0).putShort((short) totalLength)
                .putShort((short) ipId).putShort((short) DONT_FRAGMENT)
                .put((byte) TTL).put((byte) PROTO_TCP).putShort((short) 0)
                .putInt(seg.src().ip()).putInt(seg.dst().ip());
    }

    private static void writeTcpHeader(ByteBuffer buf, Segment seg, byte[] options) {
        int dataOffsetWords = (TCP_HEADER + options.length) / 4;
        buf.putShort((short) seg.src().port()).putShort((short) seg.dst().port())
                .putInt(seg.seq())
                // A receiver reads ACK only with the ACK bit; Wireshark flags a stray value, so send zero.
                .putInt(seg.isAck() ? seg.ack() : 0)
                .put((byte) (dataOffsetWords << 4)).put((byte) seg.flags())
                .putShort((short) seg.window()).putShort((short) 0).putShort((short) 0)
                .put(options);
    }

    /** The segment's options as Linux lays them out ({@link TcpOptions}). */
    static byte[] options(Segment seg) { return TcpOptions.encode(seg); }

    private static int pseudoHeaderSum(Segment seg, int tcpLength) {
        int src = seg.src().ip();
        int dst = seg.dst().ip();
        return (src >>> 16) + (src & 0xFFFF) + (dst >>> 16) + (dst & 0xFFFF) + PROTO_TCP + tcpLength;
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes from {@code offset}, starting from {@code sum}. */
    static int checksum(byte[] bytes, int offset, int length, int sum) {
        long total = sum & 0xFFFF_FFFFL;
        for (int i = 0; i + 1 < length; i += 2) {
            total += ((bytes[offset + i] & 0xFF) << 8) | (bytes[offset + i + 1] & 0xFF);
        }
        if ((length & 1) == 1) total += (bytes[offset + length - 1] & 0xFF) << 8;
        while ((total >>> 16) != 0) total = (total & 0xFFFF) + (total >>> 16);
        return (int) (~total & 0xFFFF);
    }

    private static void putShort(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 8);
        bytes[at + 1] = (byte) value;
    }
}
