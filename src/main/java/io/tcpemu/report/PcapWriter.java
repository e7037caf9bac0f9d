package io.tcpemu.report;

import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceSink;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a capture of a run: pcapng with one interface per host (what tcpdump on that host would
 * see: the segments it sent and those delivered to it) and a comment on each packet saying what the
 * emulator did with it, or classic pcap without either. Timestamps are emulated time after
 * {@link Options#epochMicros}. Use it as a {@link TraceSink} on the trace bus, or feed it a
 * finished trace with {@link #write}.
 */
public final class PcapWriter implements TraceSink, AutoCloseable {
    static final int LINKTYPE_RAW = 101;
    static final int SNAPLEN = 65535;

    /**
     * @param format      the file format
     * @param epochMicros the wall-clock time (microseconds since 1970) emulated time 0 stands for
     * @param mslByHost   each host's MSL in microseconds, to point out segments delivered older than that
     */
    public record Options(CaptureFormat format, long epochMicros, Map<String, Long> mslByHost) {
        /** pcapng starting now, no MSLs known. */
        public static Options of(CaptureFormat format) {
            return new Options(format, System.currentTimeMillis() * 1000, Map.of());
        }
    }

    private final DataOutputStream out;
    private final CaptureEncoder encoder;
    private final SegmentFates fates;

    public PcapWriter(OutputStream out, PcapView view, Options options) {
        this.out = new DataOutputStream(new BufferedOutputStream(out));
        this.encoder = options.format() == CaptureFormat.PCAP ? new ClassicPcap(this.out, options.epochMicros())
                : new PcapngBlocks(this.out, options.epochMicros());
        this.fates = new SegmentFates(p -> { if (view.accepts().test(p)) io(() -> encoder.packet(p)); }, options.mslByHost());
        io(encoder::header);
    }

    /** Opens (or replaces) {@code file} for writing. */
    public static PcapWriter open(Path file, PcapView view, Options options) throws IOException {
        return new PcapWriter(Files.newOutputStream(file), view, options);
    }

    /** Writes a finished trace to {@code file}, in the format its name asks for (".pcap": classic). */
    public static void write(Path file, PcapView view, List<? extends TraceEvent> events) throws IOException {
        try (PcapWriter writer = open(file, view, Options.of(CaptureFormat.forFile(file)))) {
            events.forEach(writer::accept);
        }
    }

    @Override public void accept(TraceEvent event) {
        fates.accept(event);
    }

    /** Pushes the packets whose fate is known to the file, so a capture can be read while the run goes on. */
    public void flush() throws IOException {
        out.flush();
    }

    /** Writes the packets still waiting for their fate (in flight at the end), then closes the file. */
    @Override public void close() throws IOException {
        fates.finish();
        out.close();
    }

    private interface IoAction { void run() throws IOException; }

    /** A sink cannot throw checked exceptions; a full disk must still stop the run loudly. */
    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException ex) {
            throw new UncheckedIOException("writing pcap: " + ex.getMessage(), ex);
        }
    }
}
