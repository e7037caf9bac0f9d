package io.tcpemu.reliability;

import io.tcpemu.tcp.Connection;
import io.tcpemu.tcp.Effects;
import io.tcpemu.tcp.IsnGenerator;
import io.tcpemu.tcp.Notice;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.tcp.TimerKind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Connection} whose every output is recorded together with the state it was in when it
 * came out: what a checker needs to judge "no data before synchronized" or "SYN only in SYN-SENT".
 */
final class Recorded implements Effects {
    /** A transmitted segment and the sender's state at that moment. */
    record Sent(Segment segment, State state, boolean retransmission) {}

    /** One reported state change. */
    record Change(State from, State to, String cause) {}

    final Connection conn;
    final TcpConfig config;
    final List<Sent> sent = new ArrayList<>();
    final List<Change> changes = new ArrayList<>();
    final Map<TimerKind, Long> timers = new EnumMap<>(TimerKind.class);
    final List<Notice> notices = new ArrayList<>();
    /** Bytes the user handed to {@link Connection#send} and it took. */
    long written;

    Recorded(long id, TcpConfig config, IsnGenerator isn) {
        this.config = config;
        this.conn = new Connection(id, config, isn, this);
    }

    State state() { return conn.state(); }

    /** Queues {@code n} bytes (each byte its offset in the stream, mod 251) and counts what was taken. */
    int write(int n, long now) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) data[i] = (byte) ((written + i) % 251);
        int taken = conn.send(data, 0, n, now);
        if (taken > 0) written += taken;
        return taken;
    }

    @Override public void transmit(Segment segment, boolean retransmission) {
        sent.add(new Sent(segment, conn.state(), retransmission));
    }

    @Override public void armTimer(TimerKind kind, long deadline) { timers.put(kind, deadline); }

    @Override public void cancelTimer(TimerKind kind) { timers.remove(kind); }

    @Override public void stateChanged(State from, State to, String cause) { changes.add(new Change(from, to, cause)); }

    @Override public void notice(Notice notice) { notices.add(notice); }
}
