package io.tcpemu.report;

import java.nio.file.Path;

/** The two file formats a capture can take. */
public enum CaptureFormat {
    /** pcapng: one interface per host, packet comments, direction flags (the default). */
    PCAPNG,
    /** classic libpcap: no interfaces and no comments, for tools that read nothing newer. */
    PCAP;

    /** Classic for a name ending in ".pcap", pcapng for anything else. */
    public static CaptureFormat forFile(Path file) {
        return file.getFileName() != null && file.getFileName().toString().endsWith(".pcap") ? PCAP : PCAPNG;
    }
}
