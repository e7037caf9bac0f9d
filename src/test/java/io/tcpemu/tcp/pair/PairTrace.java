package io.tcpemu.tcp.pair;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.State;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What happened on a {@link CorePair}, in order, and its rendering in the notation of
 * RFC 793's figures 7 to 14:
 * <pre>
 *   SYN-SENT --> &lt;SEQ=100&gt;&lt;CTL=SYN&gt; --> SYN-RECEIVED
 * </pre>
 * A's state on the left, B's on the right. A segment sent and received with nothing in
 * between is one line; otherwise its sending and its arrival are two lines with {@code ...}
 * for the end not yet involved, as the RFC writes a segment still in the network.
 */
public final class PairTrace {

    /** What an event records. */
    public enum Kind { SEND, RECEIVE, DROP, TIMER }

    /**
     * @param a, b  the states of both ends after the input that caused the event
     * @param note  for {@link Kind#TIMER}: which timer; for {@link Kind#SEND}: "rexmit" or ""
     */
    public record Event(long time, Kind kind, Dir dir, Segment segment, State a, State b, String note) {
        boolean retransmission() { return "rexmit".equals(note); }
    }

    private final List<Event> events = new ArrayList<>();
    private final Numbering numbering;

    PairTrace(Numbering numbering) { this.numbering = numbering; }

    void add(Event event) { events.add(event); }

    public List<Event> events() { return Collections.unmodifiableList(events); }

    /** The segments sent in one direction, in order, with the times they were sent. */
    public List<Event> sent(Dir dir) {
        return events.stream().filter(e -> e.kind() == Kind.SEND && e.dir() == dir).toList();
    }

    /** The trace as RFC 793 figure lines (segments, dropped segments and state-changing timers). */
    public List<String> lines() { return linesSince(0); }

    /** How many events so far: a mark for {@link #linesSince}, to leave a test's set-up out. */
    public int mark() { return events.size(); }

    /** The lines of the events from {@code mark} on. */
    public List<String> linesSince(int mark) {
        List<String> out = new ArrayList<>();
        for (int i = mark; i < events.size(); i++) {
            Event e = events.get(i);
            Event next = i + 1 < events.size() ? events.get(i + 1) : null;
            boolean follows = next != null && next.segment() == e.segment() && e.kind() == Kind.SEND;
            if (follows && next.kind() == Kind.RECEIVE) {
                out.add(sentAndReceived(e, next));
                i++;
            } else if (follows && next.kind() == Kind.DROP) {
                out.add(sentAndLost(e));
                i++;
            } else {
                String line = alone(e);
                if (line != null) out.add(line);
            }
        }
        return out;
    }

    /** Every event with its time, for failure messages. */
    public String dump() {
        StringBuilder sb = new StringBuilder();
        for (Event e : events) {
            sb.append(String.format("%12.3f ms %-7s %s %-12s %-12s %s %s%n", e.time() / 1000.0, e.kind(), e.dir(),
                    e.a(), e.b(), e.segment() == null ? "" : segment(e.segment(), e.dir()), e.note()));
        }
        return sb.toString();
    }

    private String sentAndReceived(Event send, Event receive) {
        String seg = segment(send.segment(), send.dir());
        String arrow = send.dir().arrow();
        return send.dir() == Dir.A_TO_B
                ? send.a() + " " + arrow + " " + seg + " " + arrow + " " + receive.b()
                : receive.a() + " " + arrow + " " + seg + " " + arrow + " " + send.b();
    }

    private String sentAndLost(Event send) {
        String seg = segment(send.segment(), send.dir());
        String arrow = send.dir().arrow();
        return send.dir() == Dir.A_TO_B
                ? send.a() + " " + arrow + " " + seg + " (lost)"
                : "(lost) " + seg + " " + arrow + " " + send.b();
    }

    private String alone(Event e) {
        String arrow = e.dir() == null ? "" : e.dir().arrow();
        return switch (e.kind()) {
            case SEND -> e.dir() == Dir.A_TO_B
                    ? e.a() + " " + arrow + " " + segment(e.segment(), e.dir()) + " ..."
                    : "... " + segment(e.segment(), e.dir()) + " " + arrow + " " + e.b();
            case RECEIVE -> e.dir() == Dir.A_TO_B
                    ? "... " + segment(e.segment(), e.dir()) + " " + arrow + " " + e.b()
                    : e.a() + " " + arrow + " " + segment(e.segment(), e.dir()) + " ...";
            case DROP -> "(lost) " + segment(e.segment(), e.dir());
            case TIMER -> e.dir() == Dir.A_TO_B ? e.a() + " (" + e.note() + ")" : "(" + e.note() + ") " + e.b();
        };
    }

    /** {@code <SEQ=100><ACK=301><CTL=SYN,ACK><DATA=5>}, numbers relative as set by {@link Numbering}. */
    String segment(Segment s, Dir dir) {
        // The RST,ACK of a host with no socket has SEQ=0, in no one's sequence space: print it so.
        boolean noSpace = s.isRst() && s.isAck() && s.seq() == 0;
        StringBuilder sb = new StringBuilder("<SEQ=").append(noSpace ? 0 : numbering.shown(dir, s.seq())).append('>');
        if (s.isAck()) sb.append("<ACK=").append(numbering.shown(dir.reverse(), s.ack())).append('>');
        sb.append("<CTL=").append(Flags.rfc793(s.flags())).append('>');
        if (s.length() > 0) sb.append("<DATA=").append(s.length()).append('>');
        return sb.toString();
    }

}
