package io.tcpemu.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpemu.config.Settings;
import io.tcpemu.metrics.Counter;
import io.tcpemu.run.RunResult;
import io.tcpemu.run.Runner;
import io.tcpemu.run.ScenarioFile;
import io.tcpemu.trace.TraceEvent.HostEvent;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default capture of shipped scenarios, read by tshark: pcapng with one interface per host,
 * timestamps from the configured epoch, IP-IDs counted per host, and a comment on every packet
 * saying what the emulator did, so the delayed duplicates of wandering-duplicates are seen arriving.
 */
class PcapngTsharkTest {
    private static final String EPOCH = "2026-01-01T00:00:00Z";
    private static final long EPOCH_SECONDS = java.time.Instant.parse(EPOCH).getEpochSecond();

    @TempDir Path dir;

    @BeforeAll
    static void needsTshark() {
        assumeTrue(PcapTsharkTest.TSHARK.isPresent(), "tshark is not installed (apt-get install tshark); skipping the Wireshark cross-check");
    }

    @Test
    void wanderingDuplicatesShowsTheOldCopiesArrivingAndTheStaleBytesTheyCarry() throws Exception {
        Path pcap = dir.resolve("wd.pcapng");
        RunResult r = run("conf/wandering-duplicates.conf", "2-shortened", pcap, "duration=800ms");
        List<String[]> rows = PcapTsharkTest.tshark(dir, pcap, "frame.interface_name", "frame.packet_flags_direction",
                "ip.src", "ip.id", "frame.time_epoch", "tcp.len", "frame.comment");

        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row[6]).as("every packet says what happened").isNotEmpty());
        assertThat(rows.stream().map(row -> row[0]).distinct()).as("one interface per host").containsExactly("client", "server");
        for (String[] row : rows) {
            boolean outbound = row[1].equals("0x00000002");
            String host = row[2].equals("10.0.0.1") ? "client" : "server";
            assertThat(outbound).as("direction flag of a packet on %s from %s", row[0], row[2]).isEqualTo(row[0].equals(host));
            assertThat(row[6]).startsWith(outbound ? "sent by " + row[0] : "received by " + row[0]);
        }
        assertThat(new BigDecimal(rows.get(0)[4])).as("the SYN at 10 ms after the epoch")
                .isEqualByComparingTo(BigDecimal.valueOf(EPOCH_SECONDS).add(new BigDecimal("0.010")));

        Map<String, List<Integer>> idsBySender = new LinkedHashMap<>();
        for (String[] row : rows) if (row[1].equals("0x00000002")) idsBySender.computeIfAbsent(row[0], k -> new ArrayList<>()).add(Integer.decode(row[3]));
        assertThat(idsBySender.values()).as("each host numbers its own packets 1, 2, 3 ...").allSatisfy(ids ->
                assertThat(ids).isEqualTo(java.util.stream.IntStream.rangeClosed(1, ids.size()).boxed().toList()));

        List<String[]> copies = rows.stream().filter(row -> row[6].contains("a copy made by the link (rule duplicate data from client delay 700ms)")).toList();
        assertThat(copies).as("the delayed duplicates arrive at the server").isNotEmpty().allSatisfy(row -> {
            assertThat(row[0]).isEqualTo("server");
            assertThat(row[6]).contains("701.000 ms after it was sent");
        });
        long staleEvents = r.events().stream().filter(e -> e instanceof HostEvent h && h.kind().equals("stale-data")).count();
        List<String[]> stale = rows.stream().filter(row -> row[6].contains("stale data: ")).toList();
        assertThat(stale).as("one packet per stale-data event").hasSize((int) staleEvents).allSatisfy(row ->
                assertThat(row[6]).as("stale bytes come from the old copies").contains("a copy made by the link"));
        long staleBytes = stale.stream().mapToLong(row -> Long.parseLong(row[6].replaceAll(".*stale data: (\\d+) bytes.*", "$1"))).sum();
        assertThat(staleBytes).isEqualTo(r.count(Counter.STALE_BYTES)).isPositive();
        assertThat(rows.stream().filter(row -> row[6].contains("duplicated by link client->server")).count())
                .as("each copy is announced on the packet it copies").isEqualTo(copies.size());
    }

    @Test
    void theLostFinalAckSaysWhichRuleDroppedItAndNeverReachesTheServer() throws Exception {
        Path pcap = dir.resolve("lost.pcapng");
        run("conf/lost-final-ack.conf", "hosts.client.tcp.time-wait=4s", pcap);
        List<String[]> rows = PcapTsharkTest.tshark(dir, pcap, "frame.interface_name", "tcp.flags.str", "frame.comment");

        List<String[]> dropped = rows.stream().filter(row -> row[2].contains("dropped")).toList();
        assertThat(dropped).singleElement().satisfies(row -> {
            assertThat(row[0]).isEqualTo("client");
            assertThat(row[2]).isEqualTo("sent by client; dropped by link client->server (rule drop 1st ack in TIME-WAIT from client)");
        });
        assertThat(rows.stream().filter(row -> row[2].contains("retransmission") && row[0].equals("server")).count())
                .as("the server repeats its FIN").isPositive();
    }

    @Test
    void aFileNamedPcapIsClassicWithoutInterfacesOrComments() throws Exception {
        Path pcap = dir.resolve("lost.pcap");
        RunResult r = run("conf/lost-final-ack.conf", "hosts.client.tcp.time-wait=4s", pcap, "output.pcap.where=server");
        List<String[]> rows = PcapTsharkTest.tshark(dir, pcap, "frame.comment", "frame.interface_name", "ip.src");

        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row[0] + row[1]).isEmpty());
        assertThat(java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(pcap)).getInt()).as("classic magic").isEqualTo(0xA1B2C3D4);
        long reachedServer = r.events().stream().filter(e -> e instanceof io.tcpemu.trace.TraceEvent.SegmentEvent s
                && s.action() == io.tcpemu.trace.TraceEvent.SegmentAction.DELIVERED && s.where().equals("server")).count();
        assertThat(rows.stream().filter(row -> row[2].equals("10.0.0.1")).count()).as("what tcpdump on the server sees of the client")
                .isEqualTo(reachedServer);
    }

    /**
     * Wireshark's TCP analysis does not tell interfaces apart: in the every-host capture it takes
     * each arrival for a retransmission (or duplicate ACK) of its departure. One host's capture,
     * as the docs advise for sequence analysis, gives the analysis of a real capture: close.conf
     * retransmits nothing, and tshark flags nothing, in one stream.
     */
    @Test
    void oneHostsCaptureGivesWiresharksSequenceAnalysisNoFalseRetransmissions() throws Exception {
        Path all = dir.resolve("close-all.pcapng"), client = dir.resolve("close-client.pcapng");
        RunResult r = run("conf/close.conf", "", all);
        run("conf/close.conf", "", client, "output.pcap.where=client");
        assertThat(r.count(Counter.RETRANSMISSIONS)).isZero();
        String[] flags = {"tcp.stream", "tcp.analysis.retransmission", "tcp.analysis.duplicate_ack", "tcp.analysis.lost_segment", "_ws.malformed"};
        List<String[]> hostRows = PcapTsharkTest.tshark(dir, client, flags);
        // nothing is lost: every segment was sent by the client or reached it
        assertThat(hostRows).hasSize((int) r.count(Counter.SEGMENTS_SENT))
                .allSatisfy(row -> assertThat(String.join("", java.util.Arrays.copyOfRange(row, 1, row.length))).as("analysis flags").isEmpty());
        assertThat(hostRows.stream().map(row -> row[0]).distinct()).containsExactly("0");
        // the every-host capture: each segment twice, and the arrivals flagged (the docs say so)
        List<String[]> allRows = PcapTsharkTest.tshark(dir, all, flags);
        assertThat(allRows).hasSize(2 * hostRows.size());
        assertThat(allRows.stream().filter(row -> !row[1].isEmpty() || !row[2].isEmpty()).count()).isPositive();
    }

    /** Runs one point of a shipped scenario with its capture at {@code pcap} and the test's epoch. */
    private static RunResult run(String file, String point, Path pcap, String... overrides) {
        Settings base = ScenarioFile.load(Path.of(file), List.of());
        ScenarioFile.Point p = ScenarioFile.points(base).stream().filter(x -> x.label().equals(point)).findFirst().orElseThrow();
        List<String> all = new ArrayList<>();
        all.add("output.pcap.epoch=\"" + EPOCH + "\"");
        all.addAll(List.of(overrides));
        return Runner.run(ScenarioFile.settings(Path.of(file), all, p, ScenarioFile.load(Path.of(file), all)), point, new Runner.Options(pcap, null, new AtomicBoolean()));
    }
}
