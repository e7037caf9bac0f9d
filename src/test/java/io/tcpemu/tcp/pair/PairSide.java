package io.tcpemu.tcp.pair;

import io.tcpemu.tcp.Connection;
import io.tcpemu.tcp.Effects;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.IsnGenerator;
import io.tcpemu.tcp.NoSocket;
import io.tcpemu.tcp.Notice;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.tcp.TimeWait;
import io.tcpemu.tcp.TimeWaitEntry;
import io.tcpemu.tcp.TimerKind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One end of a {@link CorePair}: a host with at most one {@link Connection}. With no connection
 * (never opened, crashed, or CLOSED) it answers as a host with no socket ({@link NoSocket}).
 * User calls go through here so the pair can put what they send on the link.
 */
public final class PairSide {
    private final CorePair pair;
    private final Dir outgoing;
    private final SockAddr local;
    private final SockAddr remote;
    private final IsnGenerator isn;
    private TcpConfig config;
    private Connection conn;
    private long nextId;
    private long generation;
    private Integer firstIsn;
    /** With a TIME-WAIT table: the entry a connection in TIME-WAIT was replaced by, as a host keeps it. */
    private boolean timeWaitTable;
    private TimeWaitEntry parked;
    private final Map<TimerKind, Long> timers = new EnumMap<>(TimerKind.class);
    private final List<Outgoing> outbox = new ArrayList<>();
    private final List<Notice> notices = new ArrayList<>();
    private final List<String> stateChanges = new ArrayList<>();

    record Outgoing(Segment segment, boolean retransmission) {}

    PairSide(CorePair pair, Dir outgoing, SockAddr local, SockAddr remote, TcpConfig config, long key, long firstId) {
        this.pair = pair;
        this.outgoing = outgoing;
        this.local = local;
        this.remote = remote;
        this.config = config;
        this.isn = new IsnGenerator(key);
        this.nextId = firstId;
    }

    // ---- user calls ---------------------------------------------------------------------

    public PairSide listen() { return open(c -> c.listen(local)); }

    public PairSide connect() { return open(c -> c.connect(local, remote, pair.now())); }

    public PairSide send(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return call(c -> c.send(bytes, 0, bytes.length, pair.now()));
    }

    /** Everything received so far, as text. */
    public String receiveAll() {
        byte[] bytes = conn.receive(Integer.MAX_VALUE, pair.now());
        pair.flush(this);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public PairSide close() { return call(c -> c.close(pair.now())); }

    public PairSide shutdown() { return call(c -> c.shutdown(pair.now())); }

    public PairSide abort() { return call(c -> c.abort(pair.now())); }

    /** Any other call on the connection; what it sends goes on the link. */
    public PairSide call(Consumer<Connection> action) {
        action.accept(conn);
        pair.flush(this);
        return this;
    }

    /** The host loses all its state at once, as in RFC 793's half-open figures; it keeps its ISN key. */
    public PairSide crash() {
        conn = null;
        generation++;
        timers.clear();
        outbox.clear();
        return this;
    }

    /**
     * Keep connections that reach TIME-WAIT as a compact {@link TimeWaitEntry} answered by
     * {@link TimeWait#handleSegment}, as a host does, instead of the {@link Connection} itself.
     */
    public PairSide useTimeWaitTable() {
        this.timeWaitTable = true;
        return this;
    }

    /** The configuration of connections opened from now on. */
    public PairSide configure(TcpConfig newConfig) {
        this.config = newConfig;
        return this;
    }

    // ---- queries ------------------------------------------------------------------------

    public State state() {
        if (parked != null) return State.TIME_WAIT;
        return conn == null ? State.CLOSED : conn.state();
    }

    public Connection conn() { return conn; }

    public List<Notice> notices() { return notices; }

    /** "FROM->TO (cause)" for every state change, oldest first. */
    public List<String> stateChanges() { return stateChanges; }

    public Map<TimerKind, Long> timers() { return timers; }

    /** The first SYN's sequence number this end sent (its first ISN). */
    public int isn() {
        if (firstIsn == null) throw new IllegalStateException(outgoing + ": no SYN sent yet");
        return firstIsn;
    }

    /** The ISN this end's generator would choose for its tuple at {@code time}. */
    public int isnAt(long time) { return isn.next(new FourTuple(local, remote), time); }

    public SockAddr address() { return local; }

    // ---- driven by the pair -------------------------------------------------------------

    void receive(Segment segment) {
        if (parked != null) {
            receiveInTable(segment);
        } else if (conn != null && conn.state() != State.CLOSED) {
            conn.handleSegment(segment, pair.now());
        } else {
            Segment rst = NoSocket.reply(segment);
            if (rst != null) outbox.add(new Outgoing(rst, false));
        }
    }

    Long nextDeadline() {
        return timers.values().stream().min(Long::compare).orElse(null);
    }

    /** Fires the earliest timer due at {@code now}; returns its kind. */
    TimerKind fireDue(long now) {
        for (Map.Entry<TimerKind, Long> t : timers.entrySet()) {
            if (t.getValue() <= now) {
                TimerKind kind = t.getKey();
                timers.remove(kind);
                if (parked != null) parked = null; // the table's entry expired
                else conn.handleTimer(kind, now);
                return kind;
            }
        }
        return null;
    }

    /** With a table, a connection that has just entered TIME-WAIT is replaced by its entry. */
    void settle() {
        if (!timeWaitTable || conn == null || conn.state() != State.TIME_WAIT) return;
        parked = conn.timeWaitEntry();
        conn = null;
        generation++;
        timers.clear();
        timers.put(TimerKind.TIME_WAIT, parked.expiresAt());
    }

    private void receiveInTable(Segment segment) {
        TimeWait.Result result = TimeWait.handleSegment(parked, segment, pair.now(), config);
        parked = result.entry();
        timers.clear();
        switch (result.verdict()) {
            case IGNORE, REPLY -> timers.put(TimerKind.TIME_WAIT, parked.expiresAt());
            case CLOSE -> { }
            // A host would pass the SYN to its listener; this one has none.
            case REOPEN -> receive(segment);
        }
        if (result.reply() != null) outbox.add(new Outgoing(result.reply(), false));
    }

    List<Outgoing> takeOutbox() {
        List<Outgoing> out = List.copyOf(outbox);
        outbox.clear();
        for (Outgoing o : out) {
            if (firstIsn == null && o.segment().isSyn()) firstIsn = o.segment().seq();
        }
        return out;
    }

    Dir outgoing() { return outgoing; }

    private PairSide open(Consumer<Connection> action) {
        timers.clear();
        generation++;
        conn = new Connection(nextId++, config, isn, new SideEffects(generation));
        return call(action);
    }

    /** Outputs of one connection; those of a connection since crashed or replaced are ignored. */
    private final class SideEffects implements Effects {
        private final long myGeneration;

        SideEffects(long generation) { this.myGeneration = generation; }

        private boolean current() { return myGeneration == generation; }

        @Override public void transmit(Segment segment, boolean retransmission) {
            if (current()) outbox.add(new Outgoing(segment, retransmission));
        }

        @Override public void armTimer(TimerKind kind, long deadline) {
            if (current()) timers.put(kind, deadline);
        }

        @Override public void cancelTimer(TimerKind kind) {
            if (current()) timers.remove(kind);
        }

        @Override public void stateChanged(State from, State to, String cause) {
            if (current()) stateChanges.add(from + "->" + to + " (" + cause + ")");
        }

        @Override public void notice(Notice notice) {
            if (current()) notices.add(notice);
        }
    }
}
