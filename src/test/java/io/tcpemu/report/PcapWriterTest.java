package io.tcpemu.report;

import static io.tcpemu.report.Scenarios.CLIENT;
import static io.tcpemu.report.Scenarios.SERVER;
import static io.tcpemu.report.TraceBuilder.segment;
import static org.assertj.core.api.Assertions.assertThat;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Segment;
import io.tcpemu.trace.TraceBus;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import io.tcpemu.trace.TraceEvent.SegmentEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Reads the written bytes back as a classic pcap parser would, field by field. */
class PcapWriterTest {
    static final PcapWriter.Options CLASSIC_AT_ZERO = new PcapWriter.Options(CaptureFormat.PCAP, 0, Map.of());

    @Test
    void fileHeaderIsClassicMicrosecondPcapOfRawIp() throws IOException {
        ByteBuffer file = ByteBuffer.wrap(write(PcapView.wire(), List.of()));
        assertThat(file.getInt()).isEqualTo(0xA1B2C3D4);
        assertThat(file.getShort()).isEqualTo((short) 2);
        assertThat(file.getShort()).isEqualTo((short) 4);
        file.getInt();
        file.getInt();
        assertThat(file.getInt()).isEqualTo(65535);
        assertThat(file.getInt()).as("LINKTYPE_RAW").isEqualTo(101);
        assertThat(file.remaining()).isZero();
    }

    @Test
    void timestampsCountFromTheEpochAndEachHostNumbersItsOwnPackets() throws IOException {
        long epoch = 1_790_000_000_000_000L;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(out, PcapView.wire(), new PcapWriter.Options(CaptureFormat.PCAP, epoch, Map.of()))) {
            Scenarios.handshakeDataClose().forEach(writer::accept);
        }
        List<Packet> packets = read(out.toByteArray());
        SegmentEvent first = (SegmentEvent) Scenarios.handshakeDataClose().stream()
                .filter(e -> e instanceof SegmentEvent s && s.action() == SegmentAction.SENT).findFirst().orElseThrow();

        assertThat(packets.get(0).seconds * 1_000_000 + packets.get(0).micros).isEqualTo(epoch + first.time());
        Map<Long, List<Integer>> idsBySource = new java.util.TreeMap<>();
        for (Packet p : packets) idsBySource.computeIfAbsent(p.u32(12), k -> new ArrayList<>()).add(p.u16(4));
        assertThat(idsBySource.values()).as("IP-ID counts 1, 2, 3 ... per sending host")
                .allSatisfy(ids -> assertThat(ids).isEqualTo(java.util.stream.IntStream.rangeClosed(1, ids.size()).boxed().toList()));
        assertThat(idsBySource).hasSize(2);
    }

    @Test
    void synCarriesHeadersOptionsAndCorrectChecksums() throws IOException {
        Segment syn = new Segment(CLIENT.addr(), SERVER.addr(), 0xF000_0000, 0, Flags.SYN, 64240, 1460,
                123456, 0, Segment.NO_PAYLOAD, 1);
        List<Packet> packets = read(write(PcapView.wire(), List.of(sent(1_234_567, syn))));

        assertThat(packets).hasSize(1);
        Packet p = packets.get(0);
        assertThat(p.seconds).isEqualTo(1);
        assertThat(p.micros).isEqualTo(234_567);
        assertThat(p.u8(0)).as("IPv4, 20-byte header").isEqualTo(0x45);
        assertThat(p.u16(2)).as("total length").isEqualTo(20 + 20 + 16);
        assertThat(p.u8(9)).as("protocol TCP").isEqualTo(6);
        assertThat(p.u32(12)).isEqualTo(0x0A000001L);
        assertThat(p.u32(16)).isEqualTo(0x0A000002L);
        assertThat(p.u16(20)).isEqualTo(40000);
        assertThat(p.u16(22)).isEqualTo(80);
        assertThat(p.u32(24)).isEqualTo(0xF000_0000L);
        assertThat(p.u32(28)).as("no ACK bit, so ack is zero").isZero();
        assertThat(p.u8(32) >> 4).as("data offset in words").isEqualTo(9);
        assertThat(p.u8(33)).isEqualTo(Flags.SYN);
        assertThat(p.u16(34)).isEqualTo(64240);
        assertThat(p.slice(40, 16)).containsExactly(2, 4, 0x05, 0xB4, 1, 1, 8, 10,
                0, 1, 0xE2, 0x40, 0, 0, 0, 0);
        assertThat(p.ipChecksumOk()).isTrue();
        assertThat(p.tcpChecksumOk()).isTrue();
    }

    @Test
    void payloadOfOddLengthIsCarriedAndChecksummed() throws IOException {
        Segment data = segment(CLIENT, SERVER, Flags.PSH | Flags.ACK, 101, 301, 101);
        Packet p = read(write(PcapView.wire(), List.of(sent(5, data)))).get(0);

        assertThat(p.bytes.length).isEqualTo(40 + 101);
        assertThat(p.u32(28)).isEqualTo(301);
        assertThat(p.u8(33)).isEqualTo(Flags.PSH | Flags.ACK);
        assertThat(new String(p.bytes, 40, 3)).isEqualTo("abc");
        assertThat(p.ipChecksumOk()).isTrue();
        assertThat(p.tcpChecksumOk()).isTrue();
    }

    @Test
    void viewsPickTheirVantagePoint() throws IOException {
        List<TraceEvent> trace = Scenarios.lostFin();
        long sent = count(trace, SegmentAction.SENT, null);
        long delivered = count(trace, SegmentAction.DELIVERED, null);

        assertThat(read(write(PcapView.wire(), trace))).hasSize((int) sent);
        assertThat(read(write(PcapView.allHosts(), trace))).as("each end: what it sent and what reached it")
                .hasSize((int) (sent + delivered));
        assertThat(read(write(PcapView.host("server"), trace))).as("the lost FIN never reached the server")
                .hasSize((int) (count(trace, SegmentAction.SENT, "server") + count(trace, SegmentAction.DELIVERED, "server")));
        assertThat(read(write(PcapView.link(0x0A000001, 0x0A000002), trace))).hasSize((int) (sent + delivered));
        assertThat(read(write(PcapView.link(0x0A000001, 0x0A000003), trace))).isEmpty();
    }

    @Test
    void everyPacketOfARealTraceHasValidChecksums() throws IOException {
        assertThat(read(write(PcapView.wire(), Scenarios.handshakeDataClose())))
                .allSatisfy(p -> {
                    assertThat(p.ipChecksumOk()).isTrue();
                    assertThat(p.tcpChecksumOk()).isTrue();
                });
    }

    @Test
    void streamsFromTheTraceBusAsItWouldDuringARun() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceBus bus = new TraceBus();
        PcapWriter writer = new PcapWriter(out, PcapView.wire(), CLASSIC_AT_ZERO);
        AutoCloseable subscription = bus.subscribe(writer);
        Scenarios.handshakeDataClose().forEach(bus::publish);
        subscription.close();
        writer.close();

        assertThat(out.toByteArray()).isEqualTo(write(PcapView.wire(), Scenarios.handshakeDataClose()));
        assertThat(read(out.toByteArray())).as("SYN, SYN-ACK, ACK, data, ACK, and two FIN-ACK pairs").hasSize(9);
    }

    private static long count(List<TraceEvent> trace, SegmentAction action, String where) {
        return trace.stream().filter(e -> e instanceof SegmentEvent s && s.action() == action
                && (where == null || s.where().equals(where))).count();
    }

    static SegmentEvent sent(long time, Segment seg) {
        return new SegmentEvent(time, SegmentAction.SENT, "client", seg, false, "");
    }

    static byte[] write(PcapView view, List<TraceEvent> events) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(out, view, CLASSIC_AT_ZERO)) {
            events.forEach(writer::accept);
        }
        return out.toByteArray();
    }

    static List<Packet> read(byte[] file) {
        ByteBuffer buf = ByteBuffer.wrap(file);
        buf.position(24);
        List<Packet> packets = new ArrayList<>();
        while (buf.hasRemaining()) {
            long seconds = buf.getInt() & 0xFFFF_FFFFL;
            long micros = buf.getInt() & 0xFFFF_FFFFL;
            int captured = buf.getInt();
            assertThat(buf.getInt()).as("original length").isEqualTo(captured);
            byte[] bytes = new byte[captured];
            buf.get(bytes);
            packets.add(new Packet(seconds, micros, bytes));
        }
        return packets;
    }

    /** One record of the file: a raw IPv4 packet. */
    record Packet(long seconds, long micros, byte[] bytes) {
        int u8(int at) { return bytes[at] & 0xFF; }
        int u16(int at) { return (u8(at) << 8) | u8(at + 1); }
        long u32(int at) { return ((long) u16(at) << 16) | u16(at + 2); }

        int[] slice(int at, int length) {
            int[] out = new int[length];
            for (int i = 0; i < length; i++) out[i] = u8(at + i);
            return out;
        }

        /** A correct Internet checksum makes the ones'-complement sum over the covered bytes all ones. */
        boolean ipChecksumOk() { return onesSum(0, 20, 0) == 0xFFFF; }

        boolean tcpChecksumOk() {
            int tcpLength = bytes.length - 20;
            int pseudo = u16(12) + u16(14) + u16(16) + u16(18) + 6 + tcpLength;
            return onesSum(20, tcpLength, pseudo) == 0xFFFF;
        }

        private int onesSum(int from, int length, int start) {
            long sum = start;
            for (int i = 0; i < length; i += 2) sum += (u8(from + i) << 8) | (i + 1 < length ? u8(from + i + 1) : 0);
            while ((sum >>> 16) != 0) sum = (sum & 0xFFFF) + (sum >>> 16);
            return (int) sum;
        }
    }
}
