package io.tcpemu.tcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** An {@link Effects} that records every output, for tests to read back in order. */
final class RecordingEffects implements Effects {
    /** One transmitted segment. */
    record Sent(Segment segment, boolean retransmission) {}

    /** One stale-data report. */
    record Stale(long origin, int bytes) {}

    final Deque<Sent> sent = new ArrayDeque<>();
    final Map<TimerKind, Long> timers = new EnumMap<>(TimerKind.class);
    /** "FROM -> TO (cause)", in order. */
    final List<String> transitions = new ArrayList<>();
    final List<Notice> notices = new ArrayList<>();
    final List<Stale> stale = new ArrayList<>();

    @Override public void transmit(Segment segment, boolean retransmission) { sent.add(new Sent(segment, retransmission)); }
    @Override public void armTimer(TimerKind kind, long deadline) { timers.put(kind, deadline); }
    @Override public void cancelTimer(TimerKind kind) { timers.remove(kind); }
    @Override public void stateChanged(State from, State to, String cause) { transitions.add(from + " -> " + to + " (" + cause + ")"); }
    @Override public void notice(Notice notice) { notices.add(notice); }
    @Override public void staleDataAccepted(long staleOrigin, int bytes) { stale.add(new Stale(staleOrigin, bytes)); }

    /** The deadline of an armed timer; fails if it is not armed. */
    long deadline(TimerKind kind) {
        Long d = timers.get(kind);
        if (d == null) throw new AssertionError(kind + " timer is not armed; armed: " + timers);
        return d;
    }

    /** Forgets what was recorded so far, keeping the armed timers. */
    void clear() {
        sent.clear();
        transitions.clear();
        notices.clear();
        stale.clear();
    }
}
