package io.tcpemu.net;

/**
 * How long conntrack keeps an entry in each state before forgetting it, microseconds. The
 * defaults are Linux's {@code net.netfilter.nf_conntrack_tcp_timeout_*}.
 */
public record ConntrackTimeouts(long synSent, long synRecv, long established, long finWait, long lastAck,
                                long timeWait, long close) {
    private static final long S = 1_000_000L;

    /** nf_conntrack's defaults: syn_sent 120 s, syn_recv 60 s, established 5 days, fin_wait 120 s, last_ack 30 s, time_wait 120 s, close 10 s. */
    public static final ConntrackTimeouts LINUX = new ConntrackTimeouts(120 * S, 60 * S, 432_000 * S, 120 * S, 30 * S, 120 * S, 10 * S);

    public ConntrackTimeouts {
        for (long t : new long[] {synSent, synRecv, established, finWait, lastAck, timeWait, close})
            if (t < 0) throw new IllegalArgumentException("conntrack timeouts must not be negative");
    }

    public long of(CtState state) {
        return switch (state) {
            case SYN_SENT -> synSent;
            case SYN_RECV -> synRecv;
            case ESTABLISHED -> established;
            case FIN_WAIT -> finWait;
            case LAST_ACK -> lastAck;
            case TIME_WAIT -> timeWait;
            case CLOSE -> close;
        };
    }
}
