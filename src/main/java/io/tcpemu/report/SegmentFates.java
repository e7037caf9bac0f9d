package io.tcpemu.report;

import io.tcpemu.tcp.Segment;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.HostEvent;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import io.tcpemu.trace.TraceEvent.SegmentEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the trace into the packets each host's interface saw, each with a comment on what the
 * emulator did: a segment becomes a packet where it was sent and another where it was delivered.
 * A packet is held back until its fate is known (a link drops or copies a segment after the sender
 * traced it; stale data is traced after the delivery), then handed on in trace order. The wait is
 * as long as a segment or its copy is in flight, so memory stays bounded by what is in flight.
 */
final class SegmentFates {
    /** A packet waiting for its comment to be complete. */
    private static final class Pending {
        final String host;
        final long time;
        final boolean outbound;
        final Segment segment;
        final int ipId;
        final List<String> notes = new ArrayList<>(2);
        /** The fates still unknown: the original and each copy (sent), or the instant's later events (received). */
        int unknown = 1;
        boolean stale;

        Pending(String host, long time, boolean outbound, Segment segment, int ipId) {
            this.host = host;
            this.time = time;
            this.outbound = outbound;
            this.segment = segment;
            this.ipId = ipId;
        }
    }

    /** A segment or one of its copies on a link; {@code copyReason} is null for the original. */
    private record Flight(Pending sent, long sentAt, String copyReason) {}

    private final Consumer<CapturedPacket> out;
    private final Map<String, Long> mslByHost;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Map<Segment, ArrayDeque<Flight>> inFlight = new HashMap<>();
    private final Map<String, Integer> ipIds = new HashMap<>();
    /** Per direction (source and destination address), the latest send time of a segment delivered so far. */
    private final Map<Long, Long> latestDelivered = new HashMap<>();
    private final List<Pending> receivedNow = new ArrayList<>();
    private long now = Long.MIN_VALUE;

    /** @param mslByHost each host's MSL in microseconds, to say when a segment arrives older than that */
    SegmentFates(Consumer<CapturedPacket> out, Map<String, Long> mslByHost) {
        this.out = out;
        this.mslByHost = mslByHost;
    }

    void accept(TraceEvent e) {
        if (e.time() != now) {
            endInstant();
            now = e.time();
        }
        if (e instanceof SegmentEvent s) {
            switch (s.action()) {
                case SENT -> onSent(s);
                case DUPLICATED -> onDuplicated(s);
                case DROPPED -> onDropped(s);
                case DELIVERED -> onDelivered(s);
            }
        } else if (e instanceof TraceEvent.Forwarded f) {
            onForwarded(f);
        } else if (e instanceof HostEvent h && h.kind().equals("stale-data")) {
            onStaleData(h);
        }
        drain();
    }

    /** Hands on everything still held: segments still in flight say so. */
    void finish() {
        endInstant();
        for (Pending p : queue) {
            if (p.unknown > 0 && p.outbound) p.notes.add("still in flight when the run ended");
            p.unknown = 0;
        }
        drain();
    }

    private void onSent(SegmentEvent s) {
        Pending p = new Pending(s.where(), s.time(), true, s.segment(), ipIds.merge(s.where(), 1, Integer::sum) & 0xFFFF);
        p.notes.add("injected".equals(s.reason()) ? "injected as if sent by " + s.where() + " (not by its TCP)" : "sent by " + s.where());
        if (s.retransmission()) p.notes.add("retransmission");
        queue.add(p);
        inFlight.computeIfAbsent(s.segment(), k -> new ArrayDeque<>(1)).add(new Flight(p, s.time(), null));
    }

    private void onDuplicated(SegmentEvent s) {
        ArrayDeque<Flight> flights = inFlight.get(s.segment());
        if (flights == null) return;
        Flight original = null;
        for (Iterator<Flight> it = flights.descendingIterator(); it.hasNext() && original == null; ) {
            Flight f = it.next();
            if (f.copyReason() == null) original = f;
        }
        if (original == null) return;
        original.sent().notes.add("duplicated by link " + s.where() + " (" + s.reason() + "): a copy follows");
        original.sent().unknown++;
        flights.add(new Flight(original.sent(), original.sentAt(), s.reason()));
    }

    private void onDropped(SegmentEvent s) {
        Flight f = take(s.segment());
        if (f == null) return;
        String after = s.time() > f.sentAt() ? " after " + LadderText.millis(s.time() - f.sentAt()) + " ms" : "";
        String by = s.where().contains("->") ? " by link " : " by router ";
        f.sent().notes.add((f.copyReason() == null ? "dropped" : "its copy dropped") + by + s.where() + after
                + " (" + s.reason() + ")");
        f.sent().unknown--;
    }

    private void onDelivered(SegmentEvent s) {
        Segment seg = s.segment();
        Flight f = take(seg);
        Pending p = new Pending(s.where(), s.time(), false, seg, f == null ? 0 : f.sent().ipId);
        p.notes.add("received by " + s.where());
        if (f != null) {
            long transit = s.time() - f.sentAt();
            p.notes.set(0, p.notes.get(0) + " " + LadderText.millis(transit) + " ms after it was sent");
            if (f.copyReason() != null) p.notes.add("a copy made by the link (" + f.copyReason() + ")");
            else if (overtaken(seg, f.sentAt())) p.notes.add("reordered: a segment sent after it arrived first");
            Long msl = mslByHost.get(s.where());
            if (msl != null && msl > 0 && transit > msl) {
                p.notes.add("delivered late: older than the MSL (" + LadderText.millis(msl) + " ms)");
            }
            f.sent().unknown--;
        }
        queue.add(p);
        receivedNow.add(p);
    }

    /**
     * A hop: the segment arrives on the router's interface (when it came in, before its wait) and
     * leaves it, perhaps rewritten by a NAT, as a new flight towards the next hop.
     */
    private void onForwarded(TraceEvent.Forwarded fw) {
        Flight f = take(fw.in());
        Pending in = new Pending(fw.router(), fw.time() - fw.queued(), false, fw.in(), f == null ? 0 : f.sent().ipId);
        in.notes.add("received by router " + fw.router());
        in.unknown = 0;
        if (f != null) f.sent().unknown--;
        queue.add(in);
        Pending out = new Pending(fw.router(), fw.time(), true, fw.out(), ipIds.merge(fw.router(), 1, Integer::sum) & 0xFFFF);
        out.notes.add("forwarded by " + fw.router() + " towards " + fw.next() + " after " + LadderText.millis(fw.queued()) + " ms"
                + (fw.note().isEmpty() ? "" : " (" + fw.note() + ")"));
        queue.add(out);
        inFlight.computeIfAbsent(fw.out(), k -> new ArrayDeque<>(1)).add(new Flight(out, fw.time(), null));
    }

    /**
     * Marks the packet that carried the stale bytes: the first one received at this instant from the
     * old incarnation (segments carry their incarnation's id) that is not marked yet. A host takes
     * an instant's arrivals in order, after the link traced them all.
     */
    private void onStaleData(HostEvent h) {
        String origin = field(h.detail(), "origin");
        for (Pending p : receivedNow) {
            if (p.stale || !p.host.equals(h.host()) || !Long.toString(p.segment.origin()).equals(origin)) continue;
            p.stale = true;
            p.notes.add("stale data: " + field(h.detail(), "bytes") + " bytes of an older incarnation accepted as new");
            return;
        }
    }

    /** True if a segment sent later in the same direction was delivered before this one. */
    private boolean overtaken(Segment seg, long sentAt) {
        long direction = ((long) seg.src().ip() << 32) | (seg.dst().ip() & 0xFFFF_FFFFL);
        Long latest = latestDelivered.get(direction);
        if (latest != null && latest > sentAt) return true;
        latestDelivered.put(direction, sentAt);
        return false;
    }

    /** The flight an arrival or a drop belongs to: the oldest original still out, else the oldest copy. */
    private Flight take(Segment seg) {
        ArrayDeque<Flight> flights = inFlight.get(seg);
        if (flights == null) return null;
        Flight chosen = null;
        for (Flight f : flights) {
            if (f.copyReason() == null) {
                chosen = f;
                break;
            }
        }
        if (chosen == null) chosen = flights.peekFirst();
        flights.remove(chosen);
        if (flights.isEmpty()) inFlight.remove(seg);
        return chosen;
    }

    /** Later events at a received packet's instant (stale data) have been seen once time moves on. */
    private void endInstant() {
        for (Pending p : receivedNow) p.unknown = 0;
        receivedNow.clear();
    }

    private void drain() {
        while (!queue.isEmpty() && queue.peekFirst().unknown <= 0) {
            Pending p = queue.pollFirst();
            out.accept(new CapturedPacket(p.host, p.time, p.outbound, p.segment, p.ipId, String.join("; ", p.notes)));
        }
    }

    private static String field(String detail, String name) {
        for (String part : detail.split(" ")) if (part.startsWith(name + "=")) return part.substring(name.length() + 1);
        return "?";
    }
}
