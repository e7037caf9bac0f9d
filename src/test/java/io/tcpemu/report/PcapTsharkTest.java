package io.tcpemu.report;

import static io.tcpemu.report.Scenarios.CLIENT;
import static io.tcpemu.report.Scenarios.SERVER;
import static io.tcpemu.report.TraceBuilder.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpemu.report.TraceBuilder.End;
import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.Seq;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import io.tcpemu.trace.TraceEvent.SegmentEvent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wireshark's own dissector must read our pcap as the trace says: flags, numbers, streams, retransmissions. */
class PcapTsharkTest {
    static final Optional<Path> TSHARK = ExternalTool.find("tshark");
    private static final End SECOND_CLIENT = TraceBuilder.end("client", "10.0.0.1", 40001, 3);

    @TempDir Path dir;

    @Test
    void tsharkDissectsTheTraceAsTraced() throws Exception {
        assumeTrue(TSHARK.isPresent(), "tshark is not installed (apt-get install tshark); skipping the Wireshark cross-check");
        List<TraceEvent> trace = twoConnectionsOneWithALostFin();
        Path pcap = dir.resolve("run.pcap");   // classic: one packet per segment sent, as the checks below count
        PcapWriter.write(pcap, PcapView.wire(), trace);

        List<String[]> rows = tshark(pcap, "tcp.stream", "tcp.flags", "tcp.seq", "tcp.ack", "tcp.len",
                "tcp.analysis.retransmission", "ip.checksum.status", "tcp.checksum.status");
        List<Segment> sent = new ArrayList<>();
        List<Boolean> retransmitted = new ArrayList<>();
        for (TraceEvent e : trace) {
            if (e instanceof SegmentEvent s && s.action() == SegmentAction.SENT) {
                sent.add(s.segment());
                retransmitted.add(s.retransmission());
            }
        }

        assertThat(rows).hasSize(sent.size());
        assertThat(rows.stream().map(r -> r[0]).distinct()).as("tcp.stream values").containsExactlyInAnyOrder("0", "1");
        Map<FourTuple, Long> isn = initialSequenceNumbers(sent);
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            Segment seg = sent.get(i);
            assertThat(Integer.decode(row[1])).as("flags of packet %d", i + 1).isEqualTo(seg.flags());
            assertThat(Long.parseLong(row[2])).as("relative seq of packet %d", i + 1)
                    .isEqualTo(Seq.unsigned(seg.seq()) - isn.get(new FourTuple(seg.src(), seg.dst())));
            if (seg.isAck()) {
                assertThat(Long.parseLong(row[3])).as("relative ack of packet %d", i + 1)
                        .isEqualTo(Seq.unsigned(seg.ack()) - isn.get(new FourTuple(seg.dst(), seg.src())));
            }
            assertThat(Integer.parseInt(row[4])).isEqualTo(seg.length());
            assertThat(!row[5].isEmpty()).as("retransmission analysis of packet %d", i + 1).isEqualTo(retransmitted.get(i));
            assertThat(row[6]).as("IP checksum status (1 = good)").isEqualTo("1");
            assertThat(row[7]).as("TCP checksum status (1 = good)").isEqualTo("1");
        }
        assertThat(retransmitted).contains(true);
    }

    @Test
    void tsharkReadsMssAndTimestampOptions() throws Exception {
        assumeTrue(TSHARK.isPresent(), "tshark is not installed (apt-get install tshark); skipping the Wireshark cross-check");
        Segment syn = new Segment(CLIENT.addr(), SERVER.addr(), 100, 0, Flags.SYN, 64240, 1460, 4242, 0,
                Segment.NO_PAYLOAD, 1);
        Path pcap = dir.resolve("syn.pcapng");
        PcapWriter.write(pcap, PcapView.wire(), List.of(PcapWriterTest.sent(0, syn)));

        assertThat(tshark(pcap, "tcp.options.mss_val", "tcp.options.timestamp.tsval", "tcp.options.timestamp.tsecr"))
                .singleElement().satisfies(row -> assertThat(row).containsExactly("1460", "4242", "0"));
    }

    @Test
    void tsharkReadsWindowScaleSackPermittedAndSackBlocksInLinuxsOrder() throws Exception {
        assumeTrue(TSHARK.isPresent(), "tshark is not installed (apt-get install tshark); skipping the Wireshark cross-check");
        Segment syn = new Segment(CLIENT.addr(), SERVER.addr(), 100, 0, Flags.SYN, 64240, 1460, 4242, 0,
                Segment.NO_PAYLOAD, 1, 10, true);
        Segment sack = new Segment(SERVER.addr(), CLIENT.addr(), 500, 101, Flags.ACK, 63, 0, Segment.NO_TIMESTAMP,
                Segment.NO_TIMESTAMP, Segment.NO_PAYLOAD, 2, Segment.NO_WSCALE, false, new int[] {2101, 3101});
        Path pcap = dir.resolve("options.pcapng");
        PcapWriter.write(pcap, PcapView.wire(), List.of(PcapWriterTest.sent(0, syn), PcapWriterTest.sent(1, sack)));

        List<String[]> rows = tshark(pcap, "tcp.option_kind", "tcp.options.wscale.shift", "tcp.options.sack_perm",
                "tcp.options.sack_le", "tcp.options.sack_re");
        assertThat(rows.get(0)).containsExactly("2,4,8,1,3", "10", "0402", "", "");
        assertThat(rows.get(1)[0]).isEqualTo("1,1,5");
        assertThat(rows.get(1)[3]).as("absolute left edge, as Wireshark shows it raw").isNotEmpty();
    }

    private List<String[]> tshark(Path pcap, String... fields) throws Exception { return tshark(dir, pcap, fields); }

    /** Runs tshark on the capture and returns the chosen fields of each packet, checksums checked. */
    static List<String[]> tshark(Path dir, Path pcap, String... fields) throws Exception {
        List<String> command = new ArrayList<>(List.of(TSHARK.get().toString(), "-r", pcap.toString(),
                "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                "-o", "tcp.relative_sequence_numbers:TRUE", "-T", "fields", "-E", "separator=/t"));
        for (String field : fields) command.addAll(List.of("-e", field));
        List<String[]> rows = new ArrayList<>();
        for (String line : ExternalTool.run(command, dir).split("\n")) {
            if (!line.isBlank()) rows.add(line.split("\t", -1));
        }
        return rows;
    }

    /** Each direction's first sequence number: relative numbers count from there, as Wireshark's do. */
    static Map<FourTuple, Long> initialSequenceNumbers(List<Segment> sent) {
        Map<FourTuple, Long> isn = new HashMap<>();
        for (Segment seg : sent) isn.putIfAbsent(new FourTuple(seg.src(), seg.dst()), Seq.unsigned(seg.seq()));
        return isn;
    }

    private static List<TraceEvent> twoConnectionsOneWithALostFin() {
        List<TraceEvent> trace = new ArrayList<>(Scenarios.lostFin());
        trace.addAll(new TraceBuilder()
                .send(500, SECOND_CLIENT, SERVER, segment(SECOND_CLIENT, SERVER, Flags.SYN, 7000, 0, 0))
                .send(1_500, SERVER, SECOND_CLIENT, segment(SERVER, SECOND_CLIENT, Flags.SYN | Flags.ACK, 9000, 7001, 0))
                .send(2_500, SECOND_CLIENT, SERVER, segment(SECOND_CLIENT, SERVER, Flags.ACK, 7001, 9001, 0))
                .events());
        trace.sort(Comparator.comparingLong(TraceEvent::time));
        return trace;
    }
}
