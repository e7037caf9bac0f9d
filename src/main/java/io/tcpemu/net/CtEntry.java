package io.tcpemu.net;

import io.tcpemu.tcp.SockAddr;

/**
 * One conntrack entry of a masquerading gateway: the connection as the client sent it
 * ({@code src → dst}) and the public address it goes out from. Unconfirmed until its first
 * segment has left the gateway, as netfilter confirms an entry only then.
 */
public final class CtEntry {
    final SockAddr src;
    final SockAddr dst;
    final SockAddr mapped;
    CtState state = CtState.SYN_SENT;
    long expires;
    /** The deadline queued for this entry (at most {@code expires}). */
    long scheduled = Long.MAX_VALUE;
    boolean confirmed;
    boolean lastFinFromOriginal;

    CtEntry(SockAddr src, SockAddr dst, SockAddr mapped) {
        this.src = src;
        this.dst = dst;
        this.mapped = mapped;
    }

    public SockAddr src() { return src; }
    public SockAddr dst() { return dst; }
    public SockAddr mapped() { return mapped; }
    public CtState state() { return state; }
    public long expires() { return expires; }
    public boolean confirmed() { return confirmed; }

    /** "10.0.0.1:40000 -> 10.0.1.1:443 as 203.0.113.1:1024", as the trace shows it. */
    @Override public String toString() { return src + " -> " + dst + " as " + mapped; }
}
