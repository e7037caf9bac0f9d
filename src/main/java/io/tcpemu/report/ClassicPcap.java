package io.tcpemu.report;

import java.io.DataOutputStream;
import java.io.IOException;

/** Classic libpcap: microsecond timestamps, LINKTYPE_RAW (each record a bare IPv4 packet), no comments. */
final class ClassicPcap implements CaptureEncoder {
    static final int MAGIC_MICROS = 0xA1B2C3D4;

    private final DataOutputStream out;
    private final long epochMicros;

    ClassicPcap(DataOutputStream out, long epochMicros) {
        this.out = out;
        this.epochMicros = epochMicros;
    }

    @Override public void header() throws IOException {
        out.writeInt(MAGIC_MICROS);
        out.writeShort(2);
        out.writeShort(4);
        out.writeInt(0); // this zone: timestamps are UTC
        out.writeInt(0); // timestamp accuracy
        out.writeInt(PcapWriter.SNAPLEN);
        out.writeInt(PcapWriter.LINKTYPE_RAW);
    }

    @Override public void packet(CapturedPacket p) throws IOException {
        byte[] packet = p.bytes();
        long ts = epochMicros + p.time();
        out.writeInt((int) (ts / 1_000_000));
        out.writeInt((int) (ts % 1_000_000));
        out.writeInt(packet.length);
        out.writeInt(packet.length);
        out.write(packet);
    }
}
