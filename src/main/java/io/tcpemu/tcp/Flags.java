package io.tcpemu.tcp;

/** TCP control bits, with their wire values (RFC 9293 §3.1), so a pcap writer can copy them. */
public final class Flags {
    private Flags() {}

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    public static boolean has(int flags, int bit) { return (flags & bit) != 0; }

    /** tcpdump's notation: "S", "S.", ".", "P.", "F.", "R", "R." ... */
    public static String tcpdump(int flags) {
        StringBuilder sb = new StringBuilder();
        if (has(flags, FIN)) sb.append('F');
        if (has(flags, SYN)) sb.append('S');
        if (has(flags, RST)) sb.append('R');
        if (has(flags, PSH)) sb.append('P');
        if (has(flags, ACK)) sb.append('.');
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /** RFC 793's figures' notation for {@code <CTL=...>}: "SYN,ACK", "RST" (PSH is not shown there). */
    public static String rfc793(int flags) {
        StringBuilder sb = new StringBuilder();
        if (has(flags, SYN)) sb.append("SYN,");
        if (has(flags, FIN)) sb.append("FIN,");
        if (has(flags, RST)) sb.append("RST,");
        if (has(flags, ACK)) sb.append("ACK,");
        return sb.length() == 0 ? "" : sb.substring(0, sb.length() - 1);
    }

    /** Words for people: "SYN ACK", "FIN ACK", "RST". */
    public static String words(int flags) {
        StringBuilder sb = new StringBuilder();
        if (has(flags, SYN)) sb.append("SYN ");
        if (has(flags, FIN)) sb.append("FIN ");
        if (has(flags, RST)) sb.append("RST ");
        if (has(flags, PSH)) sb.append("PSH ");
        if (has(flags, ACK)) sb.append("ACK ");
        return sb.length() == 0 ? "<no flags>" : sb.substring(0, sb.length() - 1);
    }
}
