package io.tcpemu.report;

import static io.tcpemu.testkit.Time.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.Seq;
import io.tcpemu.testkit.Scenario;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import io.tcpemu.trace.TraceEvent.SegmentEvent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture of a real emulated run, not a hand-made trace, read by Wireshark's dissector: every
 * segment the hosts sent is a packet with the traced flags, relative numbers and length, and
 * tshark's own retransmission analysis marks exactly the segments the emulator retransmitted.
 */
class PcapOfEmulatedRunTest {
    @TempDir Path dir;

    @Test
    void tsharkAgreesWithTheEmulatorsTraceOfALostFinAndData() throws Exception {
        assumeTrue(PcapTsharkTest.TSHARK.isPresent(), "tshark is not installed (apt-get install tshark); skipping the Wireshark cross-check");
        List<TraceEvent> trace;
        try (Scenario scenario = Scenario.builder().host("a").host("b").link("a", "b", ms(10))
                .profile(Profile.LINUX).seed(7).build()) {
            scenario.rule("drop 1st fin from a");
            Scenario.Pair c = scenario.open("a", "b", 80);
            c.client().write("GET / HTTP/1.0\r\n\r\n");
            c.server().read();
            c.server().write("HTTP/1.0 200 OK\r\n\r\nhello");
            c.client().read();
            c.client().close();
            scenario.runUntilIdle();
            trace = scenario.trace();
        }
        Path pcap = dir.resolve("run.pcap");   // classic: one packet per segment sent, as the checks below count
        PcapWriter.write(pcap, PcapView.wire(), trace);

        List<SegmentEvent> sent = trace.stream()
                .filter(e -> e instanceof SegmentEvent s && s.action() == SegmentAction.SENT)
                .map(SegmentEvent.class::cast).toList();
        List<String[]> rows = PcapTsharkTest.tshark(dir, pcap, "tcp.stream", "tcp.flags", "tcp.seq", "tcp.ack",
                "tcp.len", "tcp.analysis.retransmission", "tcp.checksum.status");
        Map<FourTuple, Long> isn = PcapTsharkTest.initialSequenceNumbers(sent.stream().map(SegmentEvent::segment).toList());

        assertThat(rows).hasSameSizeAs(sent);
        assertThat(rows.stream().map(r -> r[0]).distinct()).as("one TCP stream").containsExactly("0");
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            Segment seg = sent.get(i).segment();
            assertThat(Integer.decode(row[1])).as("flags of packet %d", i + 1).isEqualTo(seg.flags());
            assertThat(Long.parseLong(row[2])).as("relative seq of packet %d", i + 1)
                    .isEqualTo(Seq.unsigned(seg.seq()) - isn.get(new FourTuple(seg.src(), seg.dst())));
            if (seg.isAck()) {
                assertThat(Long.parseLong(row[3])).as("relative ack of packet %d", i + 1)
                        .isEqualTo(Seq.unsigned(seg.ack()) - isn.get(new FourTuple(seg.dst(), seg.src())));
            }
            assertThat(Integer.parseInt(row[4])).as("length of packet %d", i + 1).isEqualTo(seg.length());
            assertThat(!row[5].isEmpty()).as("tshark's retransmission analysis of packet %d", i + 1)
                    .isEqualTo(sent.get(i).retransmission());
            assertThat(row[6]).as("TCP checksum status of packet %d (1 = good)", i + 1).isEqualTo("1");
        }
        assertThat(sent.stream().filter(SegmentEvent::retransmission).count()).as("the lost FIN was retransmitted").isPositive();
    }
}
