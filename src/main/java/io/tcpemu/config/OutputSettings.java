package io.tcpemu.config;

/**
 * What a run writes and shows.
 *
 * @param dir        folder for results
 * @param pcap       whether to write a pcap file
 * @param pcapWhere  a host name, a link "a->b", or "" for everything
 * @param ladder     draw a ladder diagram
 * @param connection the connection to draw ("c1"), or "" for the first
 * @param sampleInterval how often metrics sample states and ports, microseconds (> 0)
 * @param plots      write plots
 * @param reportHtml write report.html
 * @param progress   show a progress line
 * @param pcapFormat the capture's file format
 * @param pcapEpoch  the wall-clock time the capture's emulated time 0 stands for, microseconds since
 *                   1970, or {@link #RUN_START} for the moment the run starts
 * @param ladderRows most rows a ladder draws before it leaves out the middle (> 0)
 */
public record OutputSettings(String dir, boolean pcap, String pcapWhere, Switch ladder, String connection,
                             long sampleInterval, boolean plots, boolean reportHtml, Switch progress,
                             PcapFormat pcapFormat, long pcapEpoch, int ladderRows) {

    /** pcapEpoch when the capture starts at the run's own wall-clock start. */
    public static final long RUN_START = Long.MIN_VALUE;

    /** auto: classic pcap for a file named *.pcap, pcapng for anything else. */
    public enum PcapFormat { AUTO, PCAPNG, PCAP }

    /** auto lets tcpemu decide (a ladder for small runs, progress on a terminal). */
    public enum Switch { AUTO, ON, OFF }

    private static long sampleInterval(Reader r) {
        long v = r.micros("sample-interval");
        if (v == 0) r.problem("sample-interval", "expected a duration above 0 such as 100ms, got " + r.got("sample-interval"));
        return Math.max(1, v);
    }

    static OutputSettings create(Reader r) {
        String dir = r.string("dir");
        if (dir.isBlank() && r.isSet("dir")) r.problem("dir", "expected a folder name such as \"results\", got \"\"");
        return new OutputSettings(dir,
                r.bool("pcap.enabled"), r.string("pcap.where").trim(),
                r.choice("ladder", Switch.class, Switch.AUTO), r.string("connection").trim(),
                sampleInterval(r),
                r.bool("plots"), r.bool("report-html"),
                r.choice("progress", Switch.class, Switch.AUTO),
                r.choice("pcap.format", PcapFormat.class, PcapFormat.AUTO), epoch(r),
                r.integer("ladder-rows", 1, Integer.MAX_VALUE));
    }

    private static long epoch(Reader r) {
        String text = r.string("pcap.epoch").trim();
        if (text.isEmpty()) return RUN_START;
        try {
            java.time.Instant at = java.time.Instant.parse(text);
            return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
        } catch (java.time.format.DateTimeParseException e) {
            r.problem("pcap.epoch", "expected \"\" (the run's start) or a UTC time such as \"2026-01-01T00:00:00Z\", got \"" + text + "\"");
            return RUN_START;
        }
    }
}
