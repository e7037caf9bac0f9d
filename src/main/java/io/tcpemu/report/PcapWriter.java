package io.tcpemu.report;

import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentEvent;
import io.tcpemu.trace.TraceSink;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a classic libpcap file (microsecond timestamps, LINKTYPE_RAW: each record is a bare
 * IPv4 packet), one packet per segment the {@link PcapView} accepts, stamped with emulated time.
 * Use it as a {@link TraceSink} on the trace bus, or feed it a finished trace with {@link #write}.
 */
public final class PcapWriter implements TraceSink, AutoCloseable {
    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int LINKTYPE_RAW = 101;
    static final int SNAPLEN = 65535;

    private final DataOutputStream out;
    private final PcapView view;
    private int nextIpId = 1;

    public PcapWriter(OutputStream out, PcapView view) {
        this.out = new DataOutputStream(new BufferedOutputStream(out));
        this.view = view;
        io(this::writeFileHeader);
    }

    /** Opens (or replaces) {@code file} for writing. */
    public static PcapWriter open(Path file, PcapView view) throws IOException {
        return new PcapWriter(Files.newOutputStream(file), view);
    }

    /** Writes a finished trace to {@code file}. */
    public static void write(Path file, PcapView view, List<? extends TraceEvent> events) throws IOException {
        try (PcapWriter writer = open(file, view)) {
            events.forEach(writer::accept);
        }
    }

    @Override public void accept(TraceEvent event) {
        if (event instanceof SegmentEvent e && view.accepts().test(e)) io(() -> writePacket(e));
    }

    /** Pushes buffered packets to the file, so a capture can be read while the run goes on. */
    public void flush() throws IOException {
        out.flush();
    }

    @Override public void close() throws IOException {
        out.close();
    }

    private void writeFileHeader() throws IOException {
        out.writeInt(MAGIC_MICROS);
        out.writeShort(2);
        out.writeShort(4);
        out.writeInt(0); // this zone: emulated time is already "UTC"
        out.writeInt(0); // timestamp accuracy
        out.writeInt(SNAPLEN);
        out.writeInt(LINKTYPE_RAW);
    }

    private void writePacket(SegmentEvent e) throws IOException {
        byte[] packet = PacketBytes.encode(e.segment(), nextIpId++ & 0xFFFF);
        out.writeInt((int) (e.time() / 1_000_000));
        out.writeInt((int) (e.time() % 1_000_000));
        out.writeInt(packet.length);
        out.writeInt(packet.length);
        out.write(packet);
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
