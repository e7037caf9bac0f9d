package io.tcpemu.report;

import io.tcpemu.tcp.SockAddr;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes pcapng (draft-ietf-opsawg-pcapng): a section header, an interface description block the
 * first time a host appears (the interface is named after the host), and an enhanced packet block
 * per packet with microsecond timestamps, the direction flag and the emulator's comment.
 */
final class PcapngBlocks implements CaptureEncoder {
    private static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int ENHANCED_PACKET = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int OPT_COMMENT = 1;
    private static final int SHB_USERAPPL = 4;
    private static final int IF_NAME = 2;
    private static final int IF_DESCRIPTION = 3;
    private static final int IF_TSRESOL = 9;
    private static final int EPB_FLAGS = 2;
    private static final int INBOUND = 1;
    private static final int OUTBOUND = 2;

    private final DataOutputStream out;
    private final long epochMicros;
    private final Map<String, Integer> interfaces = new HashMap<>();

    PcapngBlocks(DataOutputStream out, long epochMicros) {
        this.out = out;
        this.epochMicros = epochMicros;
    }

    @Override public void header() throws IOException {
        Block b = new Block();
        b.data.writeInt(BYTE_ORDER_MAGIC);
        b.data.writeShort(1);
        b.data.writeShort(0);
        b.data.writeLong(-1);   // section length not given: the file is streamed
        b.option(SHB_USERAPPL, text("tcpemu"));
        b.end(SECTION_HEADER);
    }

    @Override public void packet(CapturedPacket p) throws IOException {
        int id = interfaceOf(p);
        byte[] packet = p.bytes();
        long ts = epochMicros + p.time();
        Block b = new Block();
        b.data.writeInt(id);
        b.data.writeInt((int) (ts >>> 32));
        b.data.writeInt((int) ts);
        b.data.writeInt(packet.length);
        b.data.writeInt(packet.length);
        b.data.write(packet);
        b.pad();
        if (!p.comment().isEmpty()) b.option(OPT_COMMENT, text(p.comment()));
        b.option(EPB_FLAGS, intBytes(p.outbound() ? OUTBOUND : INBOUND));
        b.end(ENHANCED_PACKET);
    }

    /** The host's interface, described the first time it is used. */
    private int interfaceOf(CapturedPacket p) throws IOException {
        Integer id = interfaces.get(p.host());
        if (id != null) return id;
        id = interfaces.size();
        interfaces.put(p.host(), id);
        int ip = p.outbound() ? p.segment().src().ip() : p.segment().dst().ip();
        Block b = new Block();
        b.data.writeShort(PcapWriter.LINKTYPE_RAW);
        b.data.writeShort(0);
        b.data.writeInt(PcapWriter.SNAPLEN);
        b.option(IF_NAME, text(p.host()));
        b.option(IF_DESCRIPTION, text("tcpemu host " + p.host() + " (" + SockAddr.formatIp(ip) + ")"));
        b.option(IF_TSRESOL, new byte[] {6});
        b.end(INTERFACE_DESCRIPTION);
        return id;
    }

    private static byte[] text(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** A block's body being built; {@link #end} frames it with its type and length. */
    private final class Block {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream data = new DataOutputStream(bytes);
        private boolean options;

        void option(int code, byte[] value) throws IOException {
            options = true;
            data.writeShort(code);
            data.writeShort(value.length);
            data.write(value);
            pad();
        }

        void pad() throws IOException {
            while (bytes.size() % 4 != 0) data.writeByte(0);
        }

        void end(int type) throws IOException {
            if (options) data.writeInt(0);   // opt_endofopt
            int total = 12 + bytes.size();
            out.writeInt(type);
            out.writeInt(total);
            bytes.writeTo(out);
            out.writeInt(total);
        }
    }
}
