package io.tcpemu.reliability;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Notice;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.Seq;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.tcp.TimerKind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.tcpemu.tcp.State.CLOSED;
import static io.tcpemu.tcp.State.CLOSE_WAIT;
import static io.tcpemu.tcp.State.CLOSING;
import static io.tcpemu.tcp.State.ESTABLISHED;
import static io.tcpemu.tcp.State.FIN_WAIT_1;
import static io.tcpemu.tcp.State.FIN_WAIT_2;
import static io.tcpemu.tcp.State.LAST_ACK;
import static io.tcpemu.tcp.State.LISTEN;
import static io.tcpemu.tcp.State.SYN_RECEIVED;
import static io.tcpemu.tcp.State.SYN_SENT;
import static io.tcpemu.tcp.State.TIME_WAIT;

/**
 * Judges everything one {@link Recorded} connection did, step by step: each segment against the
 * state it was sent in and the sequence space it has used, each state change against
 * {@link AllowedEdges}, and the timers left armed against the state. Reads the whole history
 * from the start, so the fixture that drove the connection is checked too.
 */
final class CoreChecker {
    /** States in which our own bytes may go out. */
    private static final Set<State> SENDS_DATA = EnumSet.of(ESTABLISHED, FIN_WAIT_1, CLOSE_WAIT, LAST_ACK, CLOSING);
    /** States in which our FIN may go out (first time or again). */
    private static final Set<State> SENDS_FIN = EnumSet.of(FIN_WAIT_1, LAST_ACK, CLOSING);
    /** States with something of ours unacknowledged, so a timer must be armed to make progress. */
    private static final Set<State> AWAITS_ACK = EnumSet.of(SYN_SENT, SYN_RECEIVED, FIN_WAIT_1, CLOSING, LAST_ACK);

    private final Recorded rec;
    private final TcpConfig config;
    private final List<String> problems = new ArrayList<>();
    private int sentSeen;
    private int changesSeen;
    private State state = CLOSED;

    // The current incarnation's sequence space, as observed.
    private boolean haveIss;
    private int iss;
    private int highestEnd;
    private boolean haveAck;
    private int lastAck;
    private long writtenBase;
    /** Closed in SYN-RECEIVED before our SYN was acknowledged: the SYN,ACK may still be repeated. */
    private boolean synOutstanding;

    CoreChecker(Recorded rec) {
        this.rec = rec;
        this.config = rec.config;
    }

    /** Checks what happened since the last call; {@code arrived} is the segment handled, or null. */
    List<String> check(Segment arrived) {
        int firstSent = sentSeen;
        // Outputs and changes interleave; replay changes up to each segment by its recorded state.
        for (; sentSeen < rec.sent.size(); sentSeen++) {
            Recorded.Sent s = rec.sent.get(sentSeen);
            catchUpChanges(s.state());
            checkSegment(s.segment(), s.state(), arrived);
        }
        catchUpChanges(null);
        if (arrived != null && arrived.isRst()) {
            for (int i = firstSent; i < rec.sent.size(); i++) {
                if (rec.sent.get(i).segment().isRst()) problems.add("answered a RST with a RST: " + rec.sent.get(i).segment());
            }
        }
        checkTimers();
        checkClosedNotices();
        return problems;
    }

    List<String> problems() { return problems; }

    // ---- state changes ----------------------------------------------------------------------

    /** Applies recorded changes until the state equals {@code until} (all of them if null). */
    private void catchUpChanges(State until) {
        while (changesSeen < rec.changes.size() && (until == null || state != until)) {
            Recorded.Change c = rec.changes.get(changesSeen++);
            if (c.from() != state) problems.add("change " + c + " does not start from the previous state " + state);
            String why = AllowedEdges.violation(c.from(), c.to(), c.cause(), config);
            if (why != null) problems.add(why);
            enter(c.from(), c.to());
        }
        if (until != null && state != until) problems.add("sent a segment in " + until + " but the last reported state is " + state);
    }

    private void enter(State from, State to) {
        state = to;
        if (to == LISTEN || to == CLOSED) {
            haveIss = false;
            haveAck = false;
            writtenBase = rec.written;
        }
        // closed in SYN-RECEIVED: the SYN stays unacknowledged through FIN-WAIT-1, and CLOSING if the
        // peer's FIN comes with an ACK that is only a duplicate (RFC 9293 §3.10.7.4 ignores it)
        synOutstanding = (to == FIN_WAIT_1 && from == SYN_RECEIVED) || (to == CLOSING && from == FIN_WAIT_1 && synOutstanding);
    }

    // ---- segments ---------------------------------------------------------------------------

    private void checkSegment(Segment s, State st, Segment arrived) {
        String what = "sent in " + st + ": " + s;
        if (s.isRst()) {
            checkRst(s, what, arrived);
            return;
        }
        if (st == CLOSED || st == LISTEN) problems.add("only RSTs may leave " + st + "; " + what);
        if (s.isSyn()) checkSyn(s, st, what);
        if (!haveIss) {
            problems.add("a segment before any SYN of this incarnation; " + what);
            return;
        }
        if (Seq.lt(s.seq(), iss) || Seq.gt(s.seq(), highestEnd)) {
            problems.add("SEQ outside [ISS " + Seq.unsigned(iss) + ", highest sent " + Seq.unsigned(highestEnd) + "]; " + what);
        }
        checkBytes(s, st, what);
        int end = s.seq() + s.seqLength();
        if (Seq.gt(end, highestEnd)) highestEnd = end;
        if (s.isAck()) {
            if (haveAck && Seq.lt(s.ack(), lastAck)) problems.add("ACK went back from " + Seq.unsigned(lastAck) + "; " + what);
            haveAck = true;
            lastAck = s.ack();
        } else if (!(s.isSyn() && st == SYN_SENT)) {
            problems.add("only a SYN in SYN-SENT may go without ACK; " + what);
        }
        if (s.window() > config.receiveWindow()) problems.add("window above the configured " + config.receiveWindow() + "; " + what);
        if ((st == FIN_WAIT_2 || st == TIME_WAIT) && (s.flags() & ~Flags.PSH) != Flags.ACK) {
            problems.add("only ACKs may leave " + st + "; " + what);
        }
    }

    private void checkSyn(Segment s, State st, String what) {
        if (s.isFin() || s.length() > 0) problems.add("a SYN with FIN or data; " + what);
        boolean allowed = switch (st) {
            case SYN_SENT -> !s.isAck();
            case SYN_RECEIVED -> s.isAck();
            case FIN_WAIT_1, CLOSING -> s.isAck() && (synOutstanding || config.handshake() == TcpConfig.Handshake.TWO_WAY);
            // the two-way experiment's server never has its SYN acknowledged, so it may repeat it later
            case ESTABLISHED, CLOSE_WAIT, LAST_ACK -> s.isAck() && config.handshake() == TcpConfig.Handshake.TWO_WAY;
            default -> false;
        };
        if (!allowed) problems.add("a SYN in a state that has no SYN to send; " + what);
        if (!haveIss) {
            haveIss = true;
            iss = s.seq();
            highestEnd = iss;
        } else if (s.seq() != iss) {
            problems.add("a SYN not at ISS " + Seq.unsigned(iss) + "; " + what);
        }
    }

    /** Payload and FIN: only in states that send, only bytes the user wrote, in order; FIN right after them. */
    private void checkBytes(Segment s, State st, String what) {
        int len = s.length();
        if (len > 0 && !SENDS_DATA.contains(st)) problems.add("data in " + st + "; " + what);
        if (s.isFin() && !SENDS_FIN.contains(st)) problems.add("a FIN in " + st + "; " + what);
        if (s.isSyn()) return;
        long streamWritten = rec.written - writtenBase;
        int dataEnd = iss + 1 + (int) streamWritten;
        if (len > 0 && Seq.gt(s.seq() + len, dataEnd)) problems.add("bytes beyond the " + streamWritten + " written; " + what);
        if (s.isFin() && s.seq() + len != dataEnd) problems.add("FIN not right after the " + streamWritten + " bytes written; " + what);
        long offset = writtenBase + Seq.diff(s.seq(), iss + 1);
        byte[] p = s.payload();
        for (int i = 0; i < len; i++) {
            if (p[i] != (byte) ((offset + i) % 251)) {
                problems.add("wrong byte at stream offset " + (offset + i) + "; " + what);
                return;
            }
        }
    }

    /** A RST is at our SND.NXT, or the RFC 9293 §3.10.7.1 answer to the segment that arrived. */
    private void checkRst(Segment s, String what, Segment arrived) {
        if (s.isSyn() || s.isFin() || s.length() > 0) problems.add("a RST with SYN, FIN or data; " + what);
        // An abort's RST carries no ACK (RFC 9293), or acknowledges what was received (Linux, activeResetAck).
        boolean ours = haveIss && Seq.ge(s.seq(), iss) && Seq.le(s.seq(), highestEnd)
                && (!s.isAck() || config.activeResetAck());
        boolean answer = arrived != null && !arrived.isRst()
                && (arrived.isAck() ? s.seq() == arrived.ack() && !s.isAck()
                                    : s.seq() == 0 && s.isAck() && s.ack() == arrived.seq() + arrived.seqLength());
        if (!ours && !answer) problems.add("a RST neither at our sequence numbers nor answering " + arrived + "; " + what);
    }

    // ---- timers and notices -----------------------------------------------------------------

    private void checkTimers() {
        State now = rec.state();
        var armed = rec.timers.keySet();
        if ((now == CLOSED || now == LISTEN) && !armed.isEmpty()) problems.add("timers left armed in " + now + ": " + armed);
        if (now == TIME_WAIT && !armed.equals(EnumSet.of(TimerKind.TIME_WAIT))) problems.add("TIME-WAIT with timers " + armed);
        boolean moving = armed.contains(TimerKind.RETRANSMIT) || armed.contains(TimerKind.PERSIST);
        if (AWAITS_ACK.contains(now) && !moving) problems.add(now + " with nothing armed to retransmit: it would hang; timers " + armed);
        if ((now == ESTABLISHED || now == CLOSE_WAIT) && rec.conn.unacknowledged() > 0 && !moving) {
            problems.add(now + " with " + rec.conn.unacknowledged() + " bytes unacknowledged and no timer: they would never go");
        }
    }

    private void checkClosedNotices() {
        long notices = rec.notices.stream().filter(n -> n == Notice.CLOSED).count();
        long closes = rec.changes.stream().filter(c -> c.to() == CLOSED).count();
        if (notices != closes) problems.add(closes + " changes to CLOSED but " + notices + " CLOSED notices");
    }
}
