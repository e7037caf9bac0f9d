package io.tcpemu.report;

import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Segment;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import io.tcpemu.trace.TraceEvent.SegmentEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.List;
import java.util.Locale;

/**
 * A time-sequence graph of one connection, as Stevens and tcptrace draw them: for each direction,
 * the sequence numbers a side sent against emulated time (an I-beam from a segment's first to its
 * last byte; SYN and FIN take one number), retransmissions in red, lost segments crossed out, and
 * the acknowledgements as the sender learns them, a green staircase that rises when an ACK arrives
 * (a lost ACK never raises it: a lost pure ACK is crossed out where it was sent; an old or
 * duplicate one that arrives late does not lower it). Numbers are relative to each incarnation's ISN. Past {@link #MAX_MARKS} segments a direction draws an even sample of them (all
 * retransmissions and losses kept) and says so.
 */
public final class TimeSequenceSvg {
    static final int MAX_MARKS = 1500;
    private static final int WIDTH = 960;
    private static final int PANEL_H = 330;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final String BLUE = "#1f4e9c";
    private static final String RED = "#b3261e";
    private static final String GREEN = "#2e7d32";
    /**
     * Pixels between an axis and the first or last segment: the first I-beam would lie on the y axis,
     * and an ACK sent last would be a staircase step of no length (handshake's lower panel showed none).
     */
    static final int INSET = 20;

    private record Mark(long time, long from, long to, boolean retx, boolean lost, String flags) {}

    /** An acknowledgement at {@code time} (when it reached the sender, or for a lost one, when it was sent), relative to its ISN. */
    record Ack(long time, long value) {}

    private TimeSequenceSvg() {}

    /** The graph of {@code tuple}'s connection: its local side's data on top, the remote side's below. */
    public static String render(List<? extends TraceEvent> trace, FourTuple tuple, String leftName, String rightName) {
        Traffic traffic = Traffic.of(trace, tuple);
        List<SegmentEvent> sent = traffic.sent();
        long lastSent = sent.isEmpty() ? 1 : sent.get(sent.size() - 1).time();
        long lastDelivered = traffic.delivered().isEmpty() ? lastSent : traffic.delivered().get(traffic.delivered().size() - 1).time();
        long end = Math.max(1, Math.max(lastSent, lastDelivered));   // the last ACK arrives after the last sending
        long start = sent.isEmpty() ? 0 : sent.get(0).time();
        Svg svg = new Svg(WIDTH, TOP + 2 * (PANEL_H + 40) + 20);
        svg.text(WIDTH / 2.0, 22, "middle", 14, "font-weight=\"bold\"", "time-sequence graph: " + leftName + " ↔ " + rightName);
        panel(svg, TOP + 10, leftName + " → " + rightName, traffic, true, start, end);
        panel(svg, TOP + PANEL_H + 50, rightName + " → " + leftName, traffic, false, start, end);
        return svg.end();
    }

    /** One connection's segments as sent and as delivered, the sendings the network lost, and their numbering. */
    record Traffic(FourTuple tuple, List<SegmentEvent> sent, List<SegmentEvent> delivered, Set<SegmentEvent> dropped,
                   SeqNumbering numbering) {

        static Traffic of(List<? extends TraceEvent> trace, FourTuple tuple) {
            // through a NAT the far side sends to the gateway's address: its segments are written back as this tuple's
            List<? extends TraceEvent> events = NatAliases.inAddressesOf(trace, tuple);
            List<SegmentEvent> sent = new ArrayList<>();
            List<SegmentEvent> delivered = new ArrayList<>();
            Set<SegmentEvent> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
            for (TraceEvent e : events) {
                if (!(e instanceof SegmentEvent s) || !(fromLeft(s.segment(), tuple) || fromLeft(s.segment(), tuple.reversed()))) continue;
                if (s.action() == SegmentAction.SENT) sent.add(s);
                if (s.action() == SegmentAction.DELIVERED) delivered.add(s);
                if (s.action() == SegmentAction.DROPPED) {
                    SegmentEvent lost = lastSent(sent, s.segment());
                    if (lost != null) dropped.add(lost);
                }
            }
            SeqNumbering numbering = new SeqNumbering();
            boolean[] seen = new boolean[2];
            for (SegmentEvent s : sent) {
                boolean left = fromLeft(s.segment(), tuple);
                if (!seen[left ? 0 : 1] || s.segment().isSyn()) numbering.isn(left, seen[left ? 0 : 1] ? s.time() : Long.MIN_VALUE, s.segment().seq());
                seen[left ? 0 : 1] = true;
            }
            return new Traffic(tuple, sent, delivered, dropped, numbering);
        }

        /**
         * The acknowledgements of {@code left}'s data as {@code left} learns them, the staircase's
         * corners: each ACK of the other side when it arrives. A lost one never arrives; one no
         * higher than the last of its incarnation (a late copy, one overtaken on the way) changes
         * nothing, as SND.UNA does not go back.
         */
        List<Ack> acks(boolean left) {
            List<Ack> out = new ArrayList<>();
            if (!numbering.knows(left)) return out;   // an ACK of numbers never seen sent has no place on the axis
            long isn = -1;
            long last = -1;
            for (SegmentEvent s : delivered) {
                Segment seg = s.segment();
                if (fromLeft(seg, tuple) == left || !seg.isAck()) continue;
                long from = numbering.isnOf(left, s.time(), seg.ack());
                long value = numbering.relative(left, s.time(), seg.ack());
                if (from == isn && value <= last) continue;
                isn = from;
                last = value;
                out.add(new Ack(s.time(), value));
            }
            return out;
        }

        /** The pure ACKs of the other side the network lost, where they were sent: crossed out, as a lost segment is. */
        List<Ack> lostAcks(boolean left) {
            List<Ack> out = new ArrayList<>();
            if (!numbering.knows(left)) return out;
            for (SegmentEvent s : sent) {
                Segment seg = s.segment();
                if (fromLeft(seg, tuple) != left && seg.isAck() && seg.seqLength() == 0 && !seg.isRst() && dropped.contains(s)) {
                    out.add(new Ack(s.time(), numbering.relative(left, s.time(), seg.ack())));
                }
            }
            return out;
        }
    }

    private static void panel(Svg svg, double top, String title, Traffic traffic, boolean left, long start, long end) {
        FourTuple tuple = traffic.tuple();
        SeqNumbering numbering = traffic.numbering();
        List<Mark> marks = new ArrayList<>();
        List<Ack> acks = traffic.acks(left);
        List<Ack> lostAcks = traffic.lostAcks(left);
        for (SegmentEvent s : traffic.sent()) {
            Segment seg = s.segment();
            if (fromLeft(seg, tuple) == left) {
                long from = numbering.relative(left, s.time(), seg.seq());
                boolean lost = traffic.dropped().contains(s);
                if (seg.seqLength() > 0 || seg.isRst()) {
                    marks.add(new Mark(s.time(), from, from + Math.max(seg.seqLength(), 0), s.retransmission(), lost,
                            label(seg)));
                }
            }
        }
        long maxSeq = 1;
        for (Mark m : marks) maxSeq = Math.max(maxSeq, m.to());
        for (Ack a : acks) maxSeq = Math.max(maxSeq, a.value());
        for (Ack a : lostAcks) maxSeq = Math.max(maxSeq, a.value());
        double plotW = WIDTH - LEFT - RIGHT;
        double bottom = top + PANEL_H - 40;
        double span = Math.max(1, end - start);
        double seqTop = maxSeq * 1.05;
        java.util.function.DoubleUnaryOperator x = t -> LEFT + INSET + (t - start) / span * (plotW - 2 * INSET);
        java.util.function.DoubleUnaryOperator y = v -> bottom - v / seqTop * (bottom - top - 20);
        axes(svg, top, bottom, title, start, end, seqTop, x, y);
        int step = Math.max(1, (int) Math.ceil(marks.size() / (double) MAX_MARKS));
        // labels go where they cover no line and no other label: the ACK staircase, the I-beams, the axes
        LabelSpace space = new LabelSpace(LEFT + 2, top + 10, WIDTH - 4, bottom - 1);
        StringBuilder ackPath = new StringBuilder();
        int ackStep = Math.max(1, (int) Math.ceil(acks.size() / (double) MAX_MARKS));
        double px = 0, py = 0;
        for (int i = 0; i < acks.size(); i += ackStep) {
            double ax = x.applyAsDouble(acks.get(i).time());
            double ay = y.applyAsDouble(acks.get(i).value());
            if (ackPath.length() == 0) {
                ackPath.append('M').append(Svg.num(ax)).append(',').append(Svg.num(ay));
            } else {
                ackPath.append(" H").append(Svg.num(ax)).append(" V").append(Svg.num(ay));
                space.line(px, py, ax, py);
                space.line(ax, py, ax, ay);
            }
            px = ax;
            py = ay;
        }
        if (!acks.isEmpty()) {
            ackPath.append(" H").append(Svg.num(WIDTH - RIGHT));   // the last acknowledgement holds to the axis' end
            space.line(px, py, WIDTH - RIGHT, py);
            svg.raw("<path class=\"acks\" d=\"" + ackPath + "\" fill=\"none\" stroke=\"" + GREEN + "\" stroke-width=\"1.2\"/>");
        }
        for (int i = 0; i < marks.size(); i++) {
            Mark m = marks.get(i);
            if (i % step != 0 && !m.retx() && !m.lost()) continue;
            double mx = x.applyAsDouble(m.time());
            double y1 = y.applyAsDouble(m.from());
            double y2 = Math.min(y1 - 4, y.applyAsDouble(m.to()));
            space.line(mx - 3, y1, mx + 3, y2);   // every I-beam is known before any label is placed
        }
        for (int i = 0; i < marks.size(); i++) {
            Mark m = marks.get(i);
            if (i % step != 0 && !m.retx() && !m.lost()) continue;
            String colour = m.lost() ? RED : m.retx() ? RED : BLUE;
            double mx = x.applyAsDouble(m.time());
            double y1 = y.applyAsDouble(m.from());
            double y2 = Math.min(y1 - 4, y.applyAsDouble(m.to()));
            String kind = m.lost() ? "segment lost" : m.retx() ? "segment retransmitted" : "segment";
            svg.line(mx, y1, mx, y2, "class=\"" + kind + "\" stroke=\"" + colour + "\" stroke-width=\"1.5\"")
                    .line(mx - 3, y1, mx + 3, y1, "stroke=\"" + colour + "\"")
                    .line(mx - 3, y2, mx + 3, y2, "stroke=\"" + colour + "\"");
            if (m.lost()) {
                LabelSpace.Place p = space.place(around(mx, y1, y2, 1, 12), 1, 12);
                svg.text(p.x(), p.baseline(), "start", 12, "fill=\"" + RED + "\" font-weight=\"bold\"", "X");
            }
            if (!m.flags().isEmpty() && marks.size() <= 60) {
                LabelSpace.Place p = space.place(around(mx, y1, y2, m.flags().length(), 10), m.flags().length(), 10);
                svg.text(p.x(), p.baseline(), "start", 10, "fill=\"" + colour + "\"", m.flags());
            }
        }
        for (Ack a : lostAcks) {   // all of them, as every lost I-beam is drawn
            double ax = x.applyAsDouble(a.time());
            double ay = y.applyAsDouble(a.value());
            svg.line(ax - 3, ay, ax + 3, ay, "class=\"ack lost\" stroke=\"" + RED + "\" stroke-width=\"2\"");
            space.line(ax - 3, ay, ax + 3, ay);
            LabelSpace.Place p = space.place(around(ax, ay, ay, 1, 12), 1, 12);
            svg.text(p.x(), p.baseline(), "start", 12, "fill=\"" + RED + "\" font-weight=\"bold\"", "X");
        }
        legend(svg, top, marks.size(), step);
    }

    /** The flags a segment's I-beam is labelled with: the handshake's answer is a SYN-ACK, not a second SYN. */
    private static String label(Segment seg) {
        if (seg.isSyn()) return seg.isAck() ? "SYN-ACK" : "SYN";
        return seg.isFin() ? "FIN" : seg.isRst() ? "RST" : "";
    }

    /**
     * Places for a label of {@code chars} characters beside an I-beam at {@code mx} from {@code y1}
     * down to {@code y2} (its top): beside its top, above it, beside its foot, below it, then further up
     * or down, then further to the side (past a neighbouring I-beam).
     */
    private static List<LabelSpace.Place> around(double mx, double y1, double y2, int chars, int size) {
        double w = chars * size * 0.6;
        double h = size * 0.8;
        List<LabelSpace.Place> places = new ArrayList<>();
        for (double shift = 0; shift <= 3 * (w + 4); shift += w + 4) {
            for (double lift = 0; lift <= 4 * (h + 3); lift += h + 3) {
                places.add(new LabelSpace.Place(mx + 5 + shift, y2 + h / 2 - lift));
                places.add(new LabelSpace.Place(mx - 5 - w - shift, y2 + h / 2 - lift));
                if (shift == 0) places.add(new LabelSpace.Place(mx - w / 2, y2 - 4 - lift));
                places.add(new LabelSpace.Place(mx + 5 + shift, y1 + h / 2 + lift));
                places.add(new LabelSpace.Place(mx - 5 - w - shift, y1 + h / 2 + lift));
                if (shift == 0) places.add(new LabelSpace.Place(mx - w / 2, y1 + h + 4 + lift));
            }
        }
        return places;
    }

    private static void axes(Svg svg, double top, double bottom, String title, long start, long end, double seqTop,
                             java.util.function.DoubleUnaryOperator x, java.util.function.DoubleUnaryOperator y) {
        String axis = "stroke=\"#444\" stroke-width=\"1\"";
        svg.text(LEFT, top - 4, "start", 12, "font-weight=\"bold\"", title)
                .line(LEFT, bottom, WIDTH - RIGHT, bottom, axis)
                .line(LEFT, top + 10, LEFT, bottom, axis);
        boolean seconds = end - start >= 10_000_000;
        double unit = seconds ? 1e6 : 1e3;
        double tStep = nice((end - start) / unit / 5) * unit;
        for (double t = Math.ceil(start / tStep) * tStep; t <= end + 1e-9; t += tStep) {
            double tx = x.applyAsDouble(t);
            svg.line(tx, bottom, tx, bottom + 4, axis).text(tx, bottom + 16, "middle", 10, "fill=\"#444\"",
                    String.format(Locale.ROOT, tStep / unit >= 1 ? "%.0f" : "%.1f", t / unit));
        }
        double vStep = Math.max(1, nice(seqTop / 1.05 / 5));
        for (double v = 0; v <= seqTop; v += vStep) {
            double vy = y.applyAsDouble(v);
            svg.line(LEFT - 4, vy, LEFT, vy, axis).text(LEFT - 6, vy + 4, "end", 10, "fill=\"#444\"", String.format(Locale.ROOT, "%,d", Math.round(v)));
        }
        svg.text((LEFT + WIDTH - RIGHT) / 2.0, bottom + 32, "middle", 11, "fill=\"#444\"", seconds ? "emulated time (s)" : "emulated time (ms)");
        svg.raw(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\" %s fill=\"#444\" "
                + "transform=\"rotate(-90 16 %.1f)\">sequence number (bytes from ISN)</text>", (top + bottom) / 2, Svg.FONT, (top + bottom) / 2));
    }

    /** A round step near {@code rough}: 1, 2 or 5 times a power of ten. */
    static double nice(double rough) {
        if (rough <= 0) return 1;
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / power;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * power;
    }

    private static void legend(Svg svg, double top, int marks, int step) {
        double lx = WIDTH - RIGHT - 330;
        svg.line(lx, top + 4, lx, top - 6, "stroke=\"" + BLUE + "\" stroke-width=\"1.5\"").text(lx + 6, top + 2, "start", 10, "", "sent")
                .line(lx + 50, top + 4, lx + 50, top - 6, "stroke=\"" + RED + "\" stroke-width=\"1.5\"").text(lx + 56, top + 2, "start", 10, "", "retransmitted / X lost")
                .line(lx + 210, top - 1, lx + 230, top - 1, "stroke=\"" + GREEN + "\" stroke-width=\"1.5\"").text(lx + 236, top + 2, "start", 10, "", "acks received");
        if (step > 1) svg.text(WIDTH - RIGHT, top + 16, "end", 10, "fill=\"#666\" font-style=\"italic\"",
                String.format(Locale.ROOT, "1 in %d of %,d segments drawn (all retransmissions and losses)", step, marks));
    }

    private static boolean fromLeft(Segment seg, FourTuple tuple) {
        return seg.src().equals(tuple.local()) && seg.dst().equals(tuple.remote());
    }

    /** The latest sending of an equal segment, looked for among the last few hundred: the one a drop refers to. */
    private static SegmentEvent lastSent(List<SegmentEvent> sent, Segment seg) {
        for (int i = sent.size() - 1; i >= 0 && i >= sent.size() - 500; i--) if (sent.get(i).segment().equals(seg)) return sent.get(i);
        return null;
    }
}
