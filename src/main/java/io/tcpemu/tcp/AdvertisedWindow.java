package io.tcpemu.tcp;

/**
 * The window one end offers: its scale (RFC 7323), where its right edge stands, and the profile's
 * {@link TcpConfig.WindowRules} for choosing it. Windows here are in bytes; {@link #field} and
 * {@link #synField} give what goes in the 16-bit header field.
 */
final class AdvertisedWindow {
    private static final int MAX_FIELD = 65535;
    /** Linux's TCPOLEN_TSTAMP_ALIGNED: a SYN-ACK's first window is a multiple of the MSS less the timestamps. */
    private static final int TIMESTAMP_BYTES = 12;

    private final TcpConfig config;
    /** Our scale in use: 0 until both SYNs carried the option. */
    private int shift;
    /** RCV.NXT plus the window last offered: under Linux's rules it never moves left. */
    private int edge;
    /** The window last offered, bytes (Linux's rcv_wnd). */
    private int offered;
    /** Linux's rcv_ssthresh: later windows are at most the first (its growth with data is not modelled). */
    private int ceiling;

    AdvertisedWindow(TcpConfig config) { this.config = config; }

    /** Window scaling is on (both ends offered it): later windows are shifted by our scale. */
    void scaled() { shift = Math.max(0, config.windowScale()); }

    int shift() { return shift; }

    /**
     * The window of a SYN or SYN-ACK, never scaled: Linux's tcp_select_initial_window (the receive space
     * rounded down to whole segments, less the timestamps in a listener's SYN-ACK), or the free space.
     */
    int synField(boolean answersSyn, boolean timestamps, int rcvNxt, int free) {
        int first = free;
        if (config.windowRules() == TcpConfig.WindowRules.LINUX) {
            int mss = config.mss() - (answersSyn && timestamps ? TIMESTAMP_BYTES : 0);
            int space = config.receiveWindow();
            first = space > mss ? space - space % mss : space;
        }
        ceiling = first;
        offered = first;
        edge = rcvNxt + first;
        return Math.min(first, MAX_FIELD);
    }

    /** RCV.NXT became known (the peer's SYN-ACK to our SYN): the first window counts from there. */
    void startAt(int rcvNxt) { edge = rcvNxt + offered; }

    /**
     * The window field of any later segment, given the free space, the peer's segment size, and whether
     * received bytes or the peer's FIN wait unread. Linux counts the memory its buffers take, not bytes:
     * while anything is held its free space stays below what is left of the window offered (seen on the
     * kernel after a FIN and after 1000-byte segments), so it offers that remainder, rounded up.
     */
    int field(int rcvNxt, int free, int segmentSize, boolean held) {
        int win;
        if (config.windowRules() != TcpConfig.WindowRules.LINUX) {
            win = free;
        } else if (held) {
            win = alignUp(Math.max(0, edge - rcvNxt));
        } else {
            int space = Math.min(free, ceiling);
            if (shift > 0) {
                win = alignUp(space);
            } else {
                win = offered; // Linux keeps a window within one segment of the free space, else whole segments
                if (win <= space - segmentSize || win > space) win = space > segmentSize ? space - space % segmentSize : space;
            }
            int left = edge - rcvNxt;
            if (win < left) win = alignUp(left);
        }
        offered = win;
        edge = rcvNxt + win;
        return Math.min(win >>> shift, MAX_FIELD);
    }

    /**
     * The window TIME-WAIT's ACKs carry: Linux's tw_rcv_wnd, what is left of the window offered once the
     * ACK of the peer's FIN has gone (rounded up to the scale's unit).
     */
    int remainingField(int rcvNxt) {
        if (config.windowRules() != TcpConfig.WindowRules.LINUX) return Math.min(config.receiveWindow() >>> shift, MAX_FIELD);
        return Math.min(alignUp(Math.max(0, edge - rcvNxt)) >>> shift, MAX_FIELD);
    }

    /** Bytes last offered. */
    int offered() { return offered; }

    private int alignUp(int bytes) {
        int unit = 1 << shift;
        return (int) Math.min(Integer.MAX_VALUE, ((long) bytes + unit - 1) & -unit);
    }
}
