package io.tcpemu.testkit;

import io.tcpemu.report.Ladder;
import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.Seq;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import io.tcpemu.trace.TraceEvent.SegmentEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The segments of one connection in the notation of RFC 793's figures, one line per segment put
 * on the wire: {@code "a --> b  <SEQ=100><CTL=SYN>"}, {@code "a <-- b  <SEQ=300><ACK=101><CTL=SYN,ACK>"}.
 * Sequence numbers are relative: the left end's first SYN (or first sequence number) prints as
 * {@code leftIsn}, the right end's as {@code rightIsn}. Suffixes say what became of a segment or
 * where it came from: {@code (lost)}, {@code (retx)}, {@code (dup)}, {@code (injected)}.
 */
final class Exchange {
    private final FourTuple tuple;
    private final long leftShown;
    private final long rightShown;
    private Integer leftAnchor;
    private Integer rightAnchor;

    private Exchange(FourTuple tuple, long leftShown, long rightShown) {
        this.tuple = tuple;
        this.leftShown = leftShown;
        this.rightShown = rightShown;
    }

    static List<String> lines(List<TraceEvent> events, FourTuple tuple, long leftIsn, long rightIsn) {
        return new Exchange(tuple, leftIsn, rightIsn).render(events);
    }

    private List<String> render(List<TraceEvent> events) {
        Ladder ladder = Ladder.of(events, tuple);
        List<Ladder.Arrow> arrows = ladder.rows().stream().map(Ladder.Row::arrow).filter(a -> a != null).toList();
        String left = name(ladder.left());
        String right = name(ladder.right());
        anchor(events);
        List<String> lines = new ArrayList<>();
        for (TraceEvent e : events) {
            if (!(e instanceof SegmentEvent s) || !startsArrow(s) || direction(s.segment()) == 0) continue;
            boolean toRight = direction(s.segment()) > 0;
            // The ladder draws the same arrows in the same order, and knows which were lost.
            boolean lost = lines.size() < arrows.size() && arrows.get(lines.size()).lost();
            lines.add(left + (toRight ? " --> " : " <-- ") + right + "  " + segment(s.segment(), toRight)
                    + (s.retransmission() ? " (retx)" : "") + (s.action() == SegmentAction.DUPLICATED ? " (dup)" : "")
                    + ("injected".equals(s.reason()) ? " (injected)" : "") + (lost ? " (lost)" : ""));
        }
        return lines;
    }

    /** Each side's sequence space is anchored at the first SYN it sends, or else its first segment. */
    private void anchor(List<TraceEvent> events) {
        Integer leftFirst = null;
        Integer rightFirst = null;
        for (TraceEvent e : events) {
            if (!(e instanceof SegmentEvent s) || s.action() != SegmentAction.SENT || direction(s.segment()) == 0) continue;
            Segment seg = s.segment();
            boolean toRight = direction(seg) > 0;
            if (toRight && leftFirst == null) leftFirst = seg.seq();
            if (!toRight && rightFirst == null) rightFirst = seg.seq();
            if (toRight && seg.isSyn() && leftAnchor == null) leftAnchor = seg.seq();
            if (!toRight && seg.isSyn() && rightAnchor == null) rightAnchor = seg.seq();
        }
        if (leftAnchor == null) leftAnchor = leftFirst;
        if (rightAnchor == null) rightAnchor = rightFirst;
    }

    private String segment(Segment s, boolean toRight) {
        // A RST from a host with no socket (SEQ=0, ACK set) is in no one's sequence space: print 0.
        boolean noSpace = s.isRst() && s.isAck() && s.seq() == 0;
        StringBuilder sb = new StringBuilder("<SEQ=").append(noSpace ? 0 : shown(s.seq(), toRight)).append('>');
        if (s.isAck()) sb.append("<ACK=").append(shown(s.ack(), !toRight)).append('>');
        sb.append("<CTL=").append(Flags.rfc793(s.flags())).append('>');
        if (s.length() > 0) sb.append("<DATA=").append(s.length()).append('>');
        return sb.toString();
    }

    /** {@code raw} in the left end's space ({@code leftSpace}) or the right end's. */
    private long shown(int raw, boolean leftSpace) {
        Integer anchor = leftSpace ? leftAnchor : rightAnchor;
        if (anchor == null) return Seq.unsigned(raw);
        return (leftSpace ? leftShown : rightShown) + Seq.diff(raw, anchor);
    }

    /** +1 left to right, -1 right to left, 0 another connection. */
    private int direction(Segment seg) {
        if (seg.src().equals(tuple.local()) && seg.dst().equals(tuple.remote())) return 1;
        if (seg.src().equals(tuple.remote()) && seg.dst().equals(tuple.local())) return -1;
        return 0;
    }

    private static boolean startsArrow(SegmentEvent s) {
        return s.action() == SegmentAction.SENT || s.action() == SegmentAction.DUPLICATED;
    }

    private static String name(Ladder.End end) { return end.host().isEmpty() ? end.addr().toString() : end.host(); }
}
