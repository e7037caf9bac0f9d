package io.tcpemu.trace;

import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fingerprint of a whole trace, so two runs can be compared by one number: the same seed gives
 * the same hash, whatever the partition count. Events are taken in the canonical order (time,
 * origin, order within the origin), where the origin is the host or link an event is about: each
 * origin's events are hashed in the order they come (one origin is always published by one
 * thread), and the origins are combined by name at the end. So the interleaving of different
 * hosts' events at one instant, which depends on which thread ran first, does not count; the
 * order of one host's own events does, and so does every field of every event.
 */
public final class TraceHash implements TraceSink {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** One origin's events so far. Written by the one thread that publishes them, read after the run. */
    private static final class Stream {
        long hash = FNV_OFFSET;
        long count;
    }

    private final Map<String, Stream> origins = new ConcurrentHashMap<>();

    @Override
    public void accept(TraceEvent event) {
        Stream s = origins.computeIfAbsent(origin(event), k -> new Stream());
        s.hash = event(s.hash, event);
        s.count++;
    }

    /** Events hashed so far. */
    public long events() {
        long n = 0;
        for (Stream s : origins.values()) n += s.count;
        return n;
    }

    /** The hash of everything seen so far, as 16 hex digits. */
    public String hex() {
        long h = FNV_OFFSET;
        for (Map.Entry<String, Stream> e : new TreeMap<>(origins).entrySet()) {
            h = str(h, e.getKey());
            h = num(h, e.getValue().count);
            h = num(h, e.getValue().hash);
        }
        return String.format("%016x", h);
    }

    /**
     * Who published an event, which is one actor on one thread: a host (its {@code host}, or the
     * {@code where} of a segment it sent or received), a link's sending end (its drops and
     * copies), or a link's receiving end (drops on arrival: MSL expired, no host), named
     * "a->b (arriving)" since on two partitions it runs apart from the sending end.
     */
    public static String origin(TraceEvent event) {
        if (event instanceof TraceEvent.SegmentEvent e) {
            boolean onArrival = e.action() == TraceEvent.SegmentAction.DROPPED
                    && (e.reason().equals("msl expired") || e.reason().startsWith("no host at"));
            return onArrival ? e.where() + " (arriving)" : e.where();
        }
        if (event instanceof TraceEvent.StateChanged e) return e.host();
        if (event instanceof TraceEvent.TimerEvent e) return e.host();
        if (event instanceof TraceEvent.NoticeEvent e) return e.host();
        if (event instanceof TraceEvent.SocketCall e) return e.host();
        if (event instanceof TraceEvent.Forwarded e) return e.router();
        return ((TraceEvent.HostEvent) event).host();
    }

    /** Every field, by value: names of enums and the payload's bytes, never an identity hash. */
    private static long event(long h, TraceEvent event) {
        h = num(h, event.time());
        if (event instanceof TraceEvent.SegmentEvent e) {
            h = str(num(str(h, e.action().name()), e.retransmission() ? 1 : 0), e.reason());
            return str(segment(h, e.segment()), e.where());
        }
        if (event instanceof TraceEvent.StateChanged e) {
            h = str(num(h, e.connId()), String.valueOf(e.tuple()));
            return str(str(str(h, e.from().name()), e.to().name()), e.cause());
        }
        if (event instanceof TraceEvent.TimerEvent e) return num(str(str(num(h, e.connId()), e.kind().name()), e.action().name()), e.deadline());
        if (event instanceof TraceEvent.NoticeEvent e) return str(num(h, e.connId()), e.notice().name());
        if (event instanceof TraceEvent.SocketCall e) return str(str(num(h, e.connId()), e.call()), e.result());
        if (event instanceof TraceEvent.Forwarded e) {
            h = segment(segment(str(str(str(h, "forwarded"), e.router()), e.next()), e.in()), e.out());
            return str(num(h, e.queued()), e.note());
        }
        TraceEvent.HostEvent e = (TraceEvent.HostEvent) event;
        return str(str(str(h, "host"), e.kind()), e.detail());
    }

    private static long segment(long h, Segment s) {
        h = addr(addr(h, s.src()), s.dst());
        h = num(num(num(num(num(h, s.seq()), s.ack()), s.flags()), s.window()), s.mss());
        h = num(num(num(h, s.tsVal()), s.tsEcr()), s.origin());
        if (s.hasWscale() || s.sackPermitted()) h = num(num(h, s.wscale()), s.sackPermitted() ? 1 : 0); // absent: hashes as before
        for (int edge : s.sackBlocks()) h = num(h, edge);
        for (byte b : s.payload()) h = (h ^ (b & 0xff)) * FNV_PRIME;
        return num(h, s.payload().length);
    }

    private static long addr(long h, SockAddr a) { return a == null ? num(h, -1) : num(num(h, a.ip()), a.port()); }

    private static long num(long h, long v) {
        for (int i = 0; i < 8; i++, v >>>= 8) h = (h ^ (v & 0xff)) * FNV_PRIME;
        return h;
    }

    private static long str(long h, String s) {
        if (s == null) return num(h, -1);
        for (int i = 0; i < s.length(); i++) h = (h ^ s.charAt(i)) * FNV_PRIME;
        return num(h, s.length());
    }
}
