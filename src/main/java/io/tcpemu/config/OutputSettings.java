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
 */
public record OutputSettings(String dir, boolean pcap, String pcapWhere, Switch ladder, String connection,
                             long sampleInterval, boolean plots, boolean reportHtml, Switch progress) {

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
                r.choice("progress", Switch.class, Switch.AUTO));
    }
}
