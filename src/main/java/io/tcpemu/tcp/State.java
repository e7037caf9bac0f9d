package io.tcpemu.tcp;

/** The eleven connection states of RFC 9293 §3.3.2. {@link #toString()} prints the RFC name. */
public enum State {
    CLOSED("CLOSED"),
    LISTEN("LISTEN"),
    SYN_SENT("SYN-SENT"),
    SYN_RECEIVED("SYN-RECEIVED"),
    ESTABLISHED("ESTABLISHED"),
    FIN_WAIT_1("FIN-WAIT-1"),
    FIN_WAIT_2("FIN-WAIT-2"),
    CLOSE_WAIT("CLOSE-WAIT"),
    CLOSING("CLOSING"),
    LAST_ACK("LAST-ACK"),
    TIME_WAIT("TIME-WAIT");

    private final String rfcName;

    State(String rfcName) { this.rfcName = rfcName; }

    /** Parses the RFC name ("FIN-WAIT-1") or the enum name ("FIN_WAIT_1"), case-insensitively. */
    public static State parse(String text) {
        String key = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        if (key.equals("SYN_RCVD")) return SYN_RECEIVED;
        return State.valueOf(key);
    }

    /** True once a SYN has been exchanged both ways (RFC 9293's "synchronized" states). */
    public boolean isSynchronized() { return ordinal() >= ESTABLISHED.ordinal(); }

    @Override public String toString() { return rfcName; }
}
