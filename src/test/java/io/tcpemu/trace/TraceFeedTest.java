package io.tcpemu.trace;

import io.tcpemu.report.PcapView;
import io.tcpemu.report.PcapWriter;
import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.time.VirtualTime;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import io.tcpemu.trace.TraceEvent.SegmentEvent;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A pcap writer fed from the trace as a bounded stream (issue 3: file writers never slow the emulation). */
class TraceFeedTest {
    private final ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "feed", VirtualTime.config());
    private final TraceBus bus = new TraceBus();

    @AfterEach void stop() { system.terminate(); }

    private static List<TraceEvent> segments(int count) {
        SockAddr a = SockAddr.of("10.0.0.1", 40000), b = SockAddr.of("10.0.0.2", 80);
        return IntStream.range(0, count).<TraceEvent>mapToObj(i -> new SegmentEvent(i * 1_000L, SegmentAction.SENT, "a",
                Segment.control(a, b, 1000 + i, 0, Flags.SYN, 65535), false, "")).toList();
    }

    /** Publishes as the emulation does: on its thread, in one go, while the stream cannot drain. */
    private void publishOnEmulationThread(List<TraceEvent> events) {
        system.executionContext().execute(() -> events.forEach(bus::publish));
        VirtualTime.of(system).advanceBy(0);
    }

    private static byte[] pcapOf(List<TraceEvent> events) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(out, PcapView.wire(), new PcapWriter.Options(io.tcpemu.report.CaptureFormat.PCAPNG, 0, java.util.Map.of()))) { events.forEach(writer::accept); }
        return out.toByteArray();
    }

    private record Streamed(TraceFeed feed, byte[] pcap) {}

    /** Publishes {@code events} while a PcapWriter is fed through a stream with this buffer; its file once done. */
    private Streamed streamed(List<TraceEvent> events, int bufferSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter writer = new PcapWriter(out, PcapView.wire(), new PcapWriter.Options(io.tcpemu.report.CaptureFormat.PCAPNG, 0, java.util.Map.of()));
        TraceFeed feed = TraceFeed.start(bus, bufferSize, writer, system);
        publishOnEmulationThread(events);
        finish(feed);
        writer.close();
        return new Streamed(feed, out.toByteArray());
    }

    private void finish(TraceFeed feed) {
        CompletableFuture<?> done = feed.close().toCompletableFuture();
        VirtualTime.of(system).runUntil(done::isDone, VirtualTime.of(system).now() + 1_000_000);
        done.join();
    }

    @Test
    void a_pcap_fed_through_the_stream_is_the_same_file_as_one_written_directly() throws IOException {
        List<TraceEvent> events = segments(200);
        Streamed run = streamed(events, 1024);

        assertThat(run.feed().overflowCount()).isZero();
        assertThat(run.pcap()).isEqualTo(pcapOf(events));
    }

    @Test
    void a_writer_that_falls_behind_loses_counted_events_and_writes_the_rest() throws IOException {
        List<TraceEvent> events = segments(1000);
        Streamed run = streamed(events, 8); // 1000 events in one task: the buffer of 8 cannot drain meanwhile
        TraceFeed feed = run.feed();

        assertThat(feed.overflowCount()).isPositive();
        assertThat(feed.overflowCount() + feed.deliveredCount()).isEqualTo(1000);
        assertThat(run.pcap()).as("the file holds exactly the delivered events, the first ones")
                .isEqualTo(pcapOf(events.subList(0, (int) feed.deliveredCount())));
    }

    @Test
    void a_failing_writer_fails_the_feed_instead_of_the_emulation() {
        TraceFeed feed = TraceFeed.start(bus, 16, e -> { throw new UncheckedIOException(new IOException("disk full")); }, system);

        publishOnEmulationThread(segments(1));
        CompletableFuture<?> done = feed.done().toCompletableFuture();
        VirtualTime.of(system).runUntil(done::isDone, VirtualTime.of(system).now() + 1_000_000);

        assertThat(done).isCompletedExceptionally();
        assertThat(done.handle((ok, error) -> error.getMessage()).join()).contains("disk full");
    }
}
