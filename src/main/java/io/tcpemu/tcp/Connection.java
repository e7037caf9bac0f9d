package io.tcpemu.tcp;

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
 * One end of one TCP connection: the RFC 9293 state machine (§3.10), with RFC 6298
 * retransmission, RFC 5961 challenge ACKs and RFC 7323 timestamps as policies of {@link TcpConfig}.
 *
 * <p>Inputs: the user calls below and {@link #handleSegment}, {@link #handleTimer}, each with
 * {@code now} in microseconds. Outputs go to the {@link Effects} given at construction.
 * The CLOSED, LISTEN and TIME-WAIT rules are shared with the host: {@link NoSocket},
 * {@link Listen}, {@link TimeWait}.
 *
 * <p>Segment arrival in a synchronized state follows the RFC's order: PAWS, sequence check, RST,
 * SYN, ACK, text, FIN; the closing transitions are one table, {@link #advanceClose}.
 */
public final class Connection {
    /** RFC 9293 §3.7.1: the MSS to assume when the peer's SYN carries no MSS option. */
    static final int DEFAULT_MSS = 536;

    // Reasons for state changes: constants, so a transition allocates nothing.
    private static final String LISTEN_CALL = "listen";
    private static final String CONNECT_CALL = "connect";
    private static final String SHUTDOWN_CALL = "shutdown";
    private static final String CLOSE_CALL = "close";
    private static final String CLOSE_UNREAD = "close with unread data";
    private static final String ABORT_CALL = "abort";
    private static final String DATA_AFTER_CLOSE = "rcv data after close";
    private static final String RCV_SYN = "rcv SYN";
    private static final String RCV_SYN_ACK = "rcv SYN,ACK";
    private static final String RCV_ACK = "rcv ACK";
    private static final String RCV_FIN = "rcv FIN";
    private static final String RCV_FIN_ACK = "rcv FIN,ACK";
    private static final String RCV_RST = "rcv RST";
    private static final String RCV_SYN_REOPEN = "rcv SYN reopening TIME-WAIT";
    private static final String RETRIES_EXHAUSTED = "retransmissions exhausted";
    private static final String TIME_WAIT_OVER = "TIME-WAIT timeout";
    private static final String FIN_WAIT_2_OVER = "FIN-WAIT-2 timeout";

    // Bits of `bits`: booleans packed to keep the object small.
    private static final int PASSIVE = 1;
    private static final int ORPHANED = 2;
    private static final int FIN_QUEUED = 4;
    private static final int TIMESTAMPS = 8;
    private static final int WRITE_BLOCKED = 16;
    private static final int ACK_PENDING = 32;
    private static final int FIN_BUFFERED = 64;
    /** An ACK is owed for in-order data (or a FIN) and {@link #delayedAck} may let it wait. */
    private static final int ACK_SCHEDULED = 128;
    /** Both SYNs carried the window scale option (RFC 7323 §2.2). */
    private static final int WINDOW_SCALING = 256;
    /** Both SYNs carried SACK-permitted (RFC 2018). */
    private static final int SACK = 512;
    /**
     * The peer's FIN reached a closed socket in FIN-WAIT-2: Linux had already put it in a TIME-WAIT mini
     * socket (tcp_time_wait when our FIN was acked), whose window was fixed then, so the FIN is not held.
     */
    private static final int FIN_TO_MINI_SOCKET = 1024;

    private final long id;
    private final TcpConfig config;
    private final IsnGenerator isn;
    private long presetIss = -1;
    /** Added to our timestamp clock (RFC 7323, Linux's tsoffset), so TSval does not give away the host's uptime. */
    private int tsOffset;
    private final Effects effects;
    private final TimerTable timers;
    private final RttEstimator rtt;
    /** Linux's delayed-ACK rules, or null: every segment is acknowledged at once. */
    private DelayedAck delayedAck;

    private State state = CLOSED;
    private FourTuple tuple;
    private int bits;
    /** The {@code now} of the input being handled. */
    private long now;

    // Send sequence space (RFC 9293 §3.3.1). SND.MAX is the highest SND.NXT so far.
    private int iss, sndUna, sndNxt, sndMax, sndWnd, sndWl1, sndWl2;
    /** The largest window the peer has offered (RFC 5961 §5's MAX.SND.WND). */
    private int maxSndWnd;
    /** Sequence number of the first byte in the send buffer. */
    private int bufSeq;
    /** min(our MSS, the peer's). */
    private int sendMss;
    /** Consecutive retransmission (or window probe) timeouts without progress. */
    private int retries;
    /** When connect() sent the first SYN: Linux gives up on a connect by time ({@link TcpConfig#synLinearTimeouts()}). */
    private long connectedAt;

    // Receive sequence space.
    private int rcvNxt;
    private int lastWindow;
    /** The window we offer, and its scale. */
    private AdvertisedWindow advertised;
    /** Where the latest out-of-order segment began: its SACK block goes first. */
    private int lastOutOfOrder;
    /** The peer's window scale: its windows (but a SYN's) are shifted left by this. */
    private int sndShift;
    /** With {@link #FIN_BUFFERED}: where a FIN that came beyond a gap sits. */
    private int bufferedFinSeq;
    private long tsRecent = Segment.NO_TIMESTAMP;
    /** The incarnation that synchronized with us (origin of its SYN). */
    private long peerOrigin;

    private SendBuffer sendBuffer;
    private ReceiveBuffer receiveBuffer;
    private TimeWaitEntry timeWaitEntry;

    /**
     * @param id      this incarnation's id, stamped as {@link Segment#origin()} on every segment sent
     * @param config  protocol parameters and policies
     * @param isn     initial sequence numbers (RFC 6528)
     * @param effects where outputs go
     */
    public Connection(long id, TcpConfig config, IsnGenerator isn, Effects effects) {
        this.id = id;
        this.config = config;
        this.isn = isn;
        this.effects = effects;
        this.timers = new TimerTable(effects);
        this.rtt = new RttEstimator(config);
        this.advertised = new AdvertisedWindow(config);
    }

    // ---- user calls -------------------------------------------------------------------

    /** Passive open: CLOSED → LISTEN on {@code local}. A listening connection accepts one SYN. */
    public void listen(SockAddr local) {
        requireClosed(LISTEN_CALL);
        tuple = new FourTuple(local, null);
        forgetPeer();
        bits = PASSIVE;
        setState(LISTEN, LISTEN_CALL);
    }

    /** Active open: CLOSED → SYN-SENT, sends SYN. */
    public void connect(SockAddr local, SockAddr remote, long now) { connect(new FourTuple(local, remote), now); }

    /** Active open on {@code tuple}, kept as given: a host that already holds it as its key need not hold a copy. */
    public void connect(FourTuple tuple, long now) {
        requireClosed(CONNECT_CALL);
        this.now = now;
        this.tuple = tuple;
        forgetPeer();
        bits = 0;
        chooseIss();
        connectedAt = now;
        setState(SYN_SENT, CONNECT_CALL);
        sendSyn(false);
        armRetransmit();
    }

    /**
     * Queues bytes for sending; returns how many fit in the send buffer (0 when full), or -1
     * when this state takes no more data (CLOSED, LISTEN, TIME-WAIT, or after shutdown/close).
     */
    public int send(byte[] data, int offset, int length, long now) {
        this.now = now;
        boolean open = state == SYN_SENT || state == SYN_RECEIVED || state == ESTABLISHED || state == CLOSE_WAIT;
        if (!open || has(FIN_QUEUED)) return -1;
        if (sendBuffer == null) sendBuffer = new SendBuffer(config.sendBuffer());
        int n = sendBuffer.append(data, offset, length);
        if (n < length) bits |= WRITE_BLOCKED;
        pump(Integer.MAX_VALUE);
        return n;
    }

    /** Takes up to {@code max} received in-order bytes (an empty array if none). */
    public byte[] receive(int max, long now) {
        this.now = now;
        if (receiveBuffer == null || receiveBuffer.readable() == 0 || max <= 0) return Segment.NO_PAYLOAD;
        byte[] bytes = receiveBuffer.read(max);
        if (has(ACK_SCHEDULED) && delayedAck.ackOnRead(rcvNxt, receiveBuffer.readable() == 0)) sendAck();
        maybeUpdateWindow();
        return bytes;
    }

    /** Half-close: a FIN follows the queued data; receiving goes on. */
    public void shutdown(long now) {
        this.now = now;
        closeSending(SHUTDOWN_CALL);
    }

    /** Full close: like shutdown, but a RST instead when unread data is pending and the policy says so. */
    public void close(long now) {
        this.now = now;
        bits |= ORPHANED;
        if (config.rstOnCloseWithUnread() && readable() > 0 && state.isSynchronized() && state != TIME_WAIT) {
            transmit(activeReset(), false);
            setState(CLOSED, CLOSE_UNREAD);
            return;
        }
        closeSending(CLOSE_CALL);
        if (state == FIN_WAIT_2) armFinWait2();
    }

    /** Abort: send RST (if synchronized) and go to CLOSED at once. Also SO_LINGER with zero timeout. */
    public void abort(long now) {
        this.now = now;
        bits |= ORPHANED;
        switch (state) {
            case CLOSED -> { }
            case SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> {
                transmit(activeReset(), false);
                setState(CLOSED, ABORT_CALL);
            }
            default -> setState(CLOSED, ABORT_CALL);
        }
    }

    // ---- network and timers -----------------------------------------------------------

    /** A segment addressed to this connection arrived. Never throws, whatever the segment holds. */
    public void handleSegment(Segment segment, long now) {
        this.now = now;
        switch (state) {
            case CLOSED -> transmitIfAny(NoSocket.reply(segment));
            case LISTEN -> listenArrives(segment);
            case SYN_SENT -> synSentArrives(segment);
            case TIME_WAIT -> timeWaitArrives(segment);
            default -> synchronizedArrives(segment);
        }
        if (has(ACK_PENDING)) {
            if (state != CLOSED && state != LISTEN) sendAck();
            bits &= ~ACK_PENDING;
        } else if (has(ACK_SCHEDULED)) {
            ackOrDelay();
        }
    }

    /** A timer armed through {@link Effects#armTimer} fired. Stale firings are ignored. */
    public void handleTimer(TimerKind kind, long now) {
        this.now = now;
        if (!timers.fire(kind, now)) return;
        switch (kind) {
            case RETRANSMIT -> retransmitTimeout();
            case PERSIST -> probeWindow();
            case TIME_WAIT -> { if (state == TIME_WAIT) setState(CLOSED, TIME_WAIT_OVER); }
            case FIN_WAIT_2 -> { if (state == FIN_WAIT_2) setState(CLOSED, FIN_WAIT_2_OVER); }
            case DELAYED_ACK -> delayedAckTimeout();
        }
    }

    // ---- queries ----------------------------------------------------------------------

    public long id() { return id; }
    public State state() { return state; }
    /** Local and remote address; remote is null while LISTEN. */
    public FourTuple tuple() { return tuple; }
    /** True if this connection began with a passive open (so RST in SYN-RECEIVED returns it to LISTEN). */
    public boolean passive() { return has(PASSIVE); }
    /** Received in-order bytes not yet taken by {@link #receive}. */
    public int readable() { return receiveBuffer == null ? 0 : receiveBuffer.readable(); }
    /** True once the user has called close() or abort() (no one will read any more). */
    public boolean orphaned() { return has(ORPHANED); }

    /** In TIME-WAIT: the compact record a host can keep instead of this object; else null. */
    public TimeWaitEntry timeWaitEntry() { return state == TIME_WAIT ? timeWaitEntry : null; }

    /** Bytes written but not yet acknowledged (sent or not). */
    public int unacknowledged() { return sendBuffer == null ? 0 : sendBuffer.size(); }
    /** How many more bytes {@link #send} would take now (poll's "writable"). */
    public int sendSpace() { return Math.max(0, config.sendBuffer() - unacknowledged()); }
    /** The current retransmission timeout (RFC 6298), backoff included, in microseconds. */
    public long rto() { return rtt.rto(); }
    /** The smoothed round-trip time in microseconds, or -1 before the first sample. */
    public long srtt() { return rtt.srtt(); }
    /** The MSS this end sends with: min(ours, the peer's). */
    public int sendMss() { return sendMss; }
    /** True when both SYNs offered RFC 7323 timestamps and we use them. */
    public boolean timestampsOn() { return has(TIMESTAMPS); }
    /** True when both SYNs offered window scaling (RFC 7323). */
    public boolean windowScalingOn() { return has(WINDOW_SCALING); }
    /** True when both SYNs offered SACK-permitted (RFC 2018). */
    public boolean sackOn() { return has(SACK); }
    /** The peer's send window in bytes (its window field, scaled). */
    public int sendWindow() { return sndWnd; }
    int outOfOrderBytes() { return receiveBuffer == null ? 0 : receiveBuffer.outOfOrderBytes(); }

    @Override public String toString() { return "Connection#" + id + " " + tuple + " " + state; }

    // ---- the one place state changes --------------------------------------------------

    private void setState(State to, String cause) {
        State from = state;
        if (from == to) return;
        state = to;
        effects.stateChanged(from, to, cause);
        switch (to) {
            case CLOSED -> {
                timers.cancelAll();
                sendBuffer = null;
                timeWaitEntry = null;
                effects.notice(Notice.CLOSED);
            }
            case TIME_WAIT -> enterTimeWait();
            case FIN_WAIT_2 -> { if (has(ORPHANED)) armFinWait2(); }
            default -> { }
        }
    }

    private void enterTimeWait() {
        timers.cancel(TimerKind.RETRANSMIT);
        timers.cancel(TimerKind.PERSIST);
        timers.cancel(TimerKind.FIN_WAIT_2);
        timers.cancel(TimerKind.DELAYED_ACK);
        bits &= ~ACK_SCHEDULED;
        sendBuffer = null;
        long expires = now + config.timeWait();
        timeWaitEntry = new TimeWaitEntry(tuple, sndNxt, rcvNxt,
                has(TIMESTAMPS) ? tsRecent : Segment.NO_TIMESTAMP, now, expires, id, tsOffset,
                advertised.remainingField(has(FIN_TO_MINI_SOCKET) ? rcvNxt - 1 : rcvNxt));
        timers.arm(TimerKind.TIME_WAIT, expires);
    }

    // ---- opening ----------------------------------------------------------------------

    private void requireClosed(String call) {
        if (state != CLOSED) throw new IllegalStateException(call + ": connection " + id + " is " + state + ", expected CLOSED");
    }

    /**
     * The ISN this connection's SYN or SYN-ACK uses instead of the generator's: Linux's for a SYN that
     * reopens a TIME-WAIT tuple ({@link TimeWait#reopenIsn}). Call before the SYN arrives; -1 clears it.
     */
    public void presetIss(long iss) { this.presetIss = iss; }

    private void chooseIss() {
        iss = presetIss >= 0 ? (int) presetIss : isn.next(tuple, now);
        presetIss = -1;
        tsOffset = isn.timestampOffset(tuple);
        sndUna = iss;
        sndNxt = iss;
        sndMax = iss;
        bufSeq = iss + 1;
        sendMss = config.mss();
        retries = 0;
    }

    /** What the peer's SYN tells us: its ISN, MSS, timestamp offer and incarnation. */
    private void learnFromSyn(Segment syn) {
        rcvNxt = syn.seq() + 1;
        peerOrigin = syn.origin();
        sendMss = Math.min(config.mss(), syn.mss() > 0 ? syn.mss() : DEFAULT_MSS);
        if (config.timestamps() && syn.hasTimestamp()) {
            bits |= TIMESTAMPS;
            tsRecent = syn.tsVal();
        }
        if (config.windowScaling() && syn.hasWscale()) {
            bits |= WINDOW_SCALING;
            sndShift = Math.min(syn.wscale(), TcpConfig.MAX_WINDOW_SCALE); // RFC 7323 §2.3: larger is taken as 14
            advertised.scaled();
        }
        if (config.sack() && syn.sackPermitted()) bits |= SACK;
        setSendWindow(syn.window()); // a SYN's window is never scaled
        sndWl1 = syn.seq();
        sndWl2 = syn.ack();
        if (config.delayedAck()) {
            delayedAck = new DelayedAck(config.mss(), config.receiveWindow());
            delayedAck.start(rcvNxt);
        }
    }

    /**
     * SYN (from SYN-SENT) or SYN-ACK (otherwise), always at ISS. A SYN offers every option the config
     * has; a SYN-ACK only those the peer's SYN offered, except Linux's after a simultaneous open, which
     * repeats its SYN (tcp_send_synack resends the SYN with ACK set, options and window as they were).
     */
    private void sendSyn(boolean retransmission) {
        boolean synAck = state != SYN_SENT;
        boolean asOurSyn = !synAck || (!passive() && config.windowRules() == TcpConfig.WindowRules.LINUX);
        long tsVal = Segment.NO_TIMESTAMP;
        long tsEcr = Segment.NO_TIMESTAMP;
        if (asOurSyn ? config.timestamps() : has(TIMESTAMPS)) {
            tsVal = TimeWait.tsVal(now, tsOffset);
            tsEcr = synAck && has(TIMESTAMPS) ? tsRecent : 0;
        }
        int window = advertised.synField(!asOurSyn, tsVal != Segment.NO_TIMESTAMP, rcvNxt, window());
        lastWindow = advertised.offered();
        int wscale = (asOurSyn ? config.windowScaling() : has(WINDOW_SCALING)) ? config.windowScale() : Segment.NO_WSCALE;
        boolean sackOk = asOurSyn ? config.sack() : has(SACK);
        Segment syn = new Segment(tuple.local(), tuple.remote(), iss, synAck ? rcvNxt : 0,
                synAck ? Flags.SYN | Flags.ACK : Flags.SYN, window, config.mss(), tsVal, tsEcr, Segment.NO_PAYLOAD, id,
                wscale, sackOk);
        if (sndNxt == iss) sndNxt = iss + 1;
        if (Seq.gt(sndNxt, sndMax)) sndMax = sndNxt;
        if (!retransmission) rtt.startTiming(iss + 1, now);
        bits &= ~ACK_PENDING;
        effects.transmit(syn, retransmission);
    }

    /** The server's side of the handshake, after {@link Listen} accepted a SYN. */
    private void acceptSyn(Segment syn) {
        tuple = new FourTuple(tuple.local(), syn.src());
        chooseIss();
        learnFromSyn(syn);
        if (config.handshake() == TcpConfig.Handshake.TWO_WAY) {
            setState(ESTABLISHED, RCV_SYN);
            effects.notice(Notice.CONNECTED);
        } else {
            setState(SYN_RECEIVED, RCV_SYN);
        }
        sendSyn(false);
        armRetransmit();
    }

    private void establish(String cause) {
        setState(ESTABLISHED, cause);
        effects.notice(Notice.CONNECTED);
        if (has(FIN_QUEUED)) setState(FIN_WAIT_1, cause);
    }

    // ---- segment arrives: LISTEN, SYN-SENT, TIME-WAIT -----------------------------------

    private void listenArrives(Segment seg) {
        Listen.Verdict verdict = Listen.handleSegment(seg, config);
        switch (verdict.action()) {
            case DROP -> { }
            case RESET -> transmitIfAny(verdict.reply());
            case ACCEPT -> acceptSyn(seg);
        }
    }

    /** RFC 9293 §3.10.7.3. */
    private void synSentArrives(Segment seg) {
        if (seg.isAck() && (Seq.le(seg.ack(), iss) || Seq.gt(seg.ack(), sndMax))) {
            // Not for our SYN: an old duplicate SYN-ACK, or garbage.
            if (!seg.isRst()) transmitIfAny(NoSocket.reply(seg));
            // Linux: the peer may have ignored our SYN for an old connection our RST now ends; try again soon
            if (config.synResendAfterBadAck() && retries == 0) {
                timers.arm(TimerKind.RETRANSMIT, now + TcpConfig.SYN_RESEND_AFTER_BAD_ACK);
            }
            return;
        }
        if (seg.isRst()) {
            if (seg.isAck()) {
                effects.notice(Notice.REFUSED);
                setState(CLOSED, RCV_RST);
            }
            return;
        }
        if (!seg.isSyn()) return;
        learnFromSyn(seg);
        advertised.startAt(rcvNxt);
        if (seg.isAck()) {
            acknowledge(seg.ack());
            establish(RCV_SYN_ACK);
            if (config.handshake() == TcpConfig.Handshake.THREE_WAY) sendAck();
            if (seg.length() > 0 || seg.isFin()) advanceClose(receiveText(seg), seg);
            pump(Integer.MAX_VALUE);
        } else {
            // Simultaneous open: both SYNs crossed.
            // Linux's tcp_rcv_synsent_state_process keeps the scale of its own SYN here even when the peer's SYN
            // offered none (only the SYN-ACK path turns it off): its windows stay shifted, the peer's are read unshifted.
            if (config.windowRules() == TcpConfig.WindowRules.LINUX && config.windowScaling()) advertised.scaled();
            setState(SYN_RECEIVED, RCV_SYN);
            rtt.stopTiming();
            sendSyn(false);
            armRetransmit();
        }
    }

    /** RFC 9293 §3.10.7.4 for TIME-WAIT, decided by the rules the host's table uses too. */
    private void timeWaitArrives(Segment seg) {
        TimeWait.Result result = TimeWait.handleSegment(timeWaitEntry, seg, now, config);
        switch (result.verdict()) {
            case IGNORE -> keepTimeWait(result.entry());
            case REPLY -> {
                keepTimeWait(result.entry());
                transmitIfAny(result.reply());
            }
            case CLOSE -> setState(CLOSED, RCV_RST);
            // A Connection cannot hand the SYN on; it frees the tuple and the peer's next SYN finds a listener.
            case REOPEN -> setState(CLOSED, RCV_SYN_REOPEN);
        }
    }

    /** Keeps what the TIME-WAIT rules made of the entry, restarting the timer if they did. */
    private void keepTimeWait(TimeWaitEntry entry) {
        boolean restarted = entry.expiresAt() != timeWaitEntry.expiresAt();
        timeWaitEntry = entry;
        if (restarted) timers.arm(TimerKind.TIME_WAIT, timeWaitEntry.expiresAt());
    }

    // ---- segment arrives: synchronized states (and SYN-RECEIVED) ------------------------

    private void synchronizedArrives(Segment seg) {
        if (pawsRejects(seg)) {
            bits |= ACK_PENDING;
            return;
        }
        if (isCrossedSynAck(seg)) {
            synchronize(seg, RCV_SYN_ACK);
            pump(Integer.MAX_VALUE);
            return;
        }
        if (!acceptable(seg)) {
            if (seg.isRst()) return;
            if (state == SYN_RECEIVED && isRetransmittedSyn(seg)) sendSyn(true);
            else bits |= ACK_PENDING;
            return;
        }
        if (has(TIMESTAMPS) && seg.hasTimestamp() && Seq.le(seg.seq(), rcvNxt)
                && Seq.ge((int) seg.tsVal(), (int) tsRecent)) tsRecent = seg.tsVal();
        if (seg.isRst()) {
            rstArrives(seg);
            return;
        }
        if (seg.isSyn()) {
            synArrives(seg);
            return;
        }
        if (!seg.isAck()) return;
        if (state == SYN_RECEIVED) {
            if (!Seq.gt(seg.ack(), sndUna) || Seq.gt(seg.ack(), sndMax)) {
                transmitIfAny(NoSocket.reply(seg));
                return;
            }
            synchronize(seg, RCV_ACK);
        } else if (!ackArrives(seg)) {
            return;
        }
        advanceClose(receiveText(seg), seg);
        if (state != CLOSED) pump(Integer.MAX_VALUE);
    }

    /** RFC 7323 §5: a segment whose timestamp is older than TS.Recent is an old duplicate. */
    private boolean pawsRejects(Segment seg) {
        return has(TIMESTAMPS) && seg.hasTimestamp() && !seg.isRst()
                && Seq.lt((int) seg.tsVal(), (int) tsRecent);
    }

    /** RFC 9293 §3.10.7.4, first check; with a zero window only SEG.SEQ = RCV.NXT passes (its text is then trimmed away). */
    private boolean acceptable(Segment seg) {
        int wnd = window();
        int seq = seg.seq();
        if (wnd == 0) return seq == rcvNxt;
        int end = rcvNxt + wnd;
        int len = seg.seqLength();
        if (len == 0) return Seq.inWindow(seq, rcvNxt, end);
        return Seq.inWindow(seq, rcvNxt, end) || Seq.inWindow(seq + len - 1, rcvNxt, end);
    }

    /** SYN-RECEIVED to ESTABLISHED: the peer acknowledged our SYN. */
    private void synchronize(Segment seg, String cause) {
        setSendWindow(peerWindow(seg));
        sndWl1 = seg.seq();
        sndWl2 = seg.ack();
        acknowledge(seg.ack());
        establish(cause);
    }

    /**
     * Simultaneous open (RFC 9293 Figure 8): the peer's SYN-ACK repeats its SYN, so the sequence
     * test would reject it, yet its ACK is what completes our side.
     */
    private boolean isCrossedSynAck(Segment seg) {
        return state == SYN_RECEIVED && !passive() && seg.isSyn() && seg.isAck() && !seg.isRst() && !seg.isFin()
                && seg.seq() + 1 == rcvNxt && Seq.gt(seg.ack(), sndUna) && Seq.le(seg.ack(), sndMax);
    }

    /** The peer's first SYN once more: our SYN-ACK was lost. */
    private boolean isRetransmittedSyn(Segment seg) {
        return seg.isSyn() && !seg.isAck() && seg.seq() + 1 == rcvNxt;
    }

    /** Second check: an in-window RST. */
    private void rstArrives(Segment seg) {
        if (config.challengeAcks() && seg.seq() != rcvNxt) {
            bits |= ACK_PENDING; // RFC 5961 §3.2: only an exact RST resets; else a challenge ACK
            return;
        }
        if (state == SYN_RECEIVED && passive()) {
            returnToListen(RCV_RST);
            return;
        }
        Notice notice = resetNotice();
        if (notice != null) effects.notice(notice);
        setState(CLOSED, RCV_RST);
    }

    /** What a RST in this (synchronized) state tells the user, by the profile's {@link TcpConfig.ResetErrors}. */
    private Notice resetNotice() {
        if (config.resetErrors() == TcpConfig.ResetErrors.LINUX) {
            return state == CLOSE_WAIT ? Notice.RESET_AFTER_PEER_FIN : Notice.RESET;
        }
        return switch (state) {
            case SYN_RECEIVED -> Notice.REFUSED;
            case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> Notice.RESET;
            default -> null;
        };
    }

    /** Fourth check: a SYN in a synchronized state. */
    private void synArrives(Segment seg) {
        if (state == SYN_RECEIVED && passive()) {
            returnToListen(RCV_SYN);
            return;
        }
        if (config.challengeAcks()) {
            bits |= ACK_PENDING; // RFC 5961 §4.2 challenge ACK
            return;
        }
        transmitIfAny(NoSocket.reply(seg));
        effects.notice(Notice.RESET);
        setState(CLOSED, RCV_SYN);
    }

    private void returnToListen(String cause) {
        timers.cancelAll();
        tuple = new FourTuple(tuple.local(), null);
        forgetPeer();
        bits &= PASSIVE | ORPHANED;
        setState(LISTEN, cause);
    }

    /** Drops what an earlier peer left behind, so a reused object starts clean. */
    private void forgetPeer() {
        sendBuffer = null;
        receiveBuffer = null;
        timeWaitEntry = null;
        delayedAck = null;
        tsRecent = Segment.NO_TIMESTAMP;
        peerOrigin = 0;
        rcvNxt = 0;
        sndWnd = 0;
        maxSndWnd = 0;
        sndShift = 0;
        advertised = new AdvertisedWindow(config);
    }

    /** The peer's FIN has arrived (it waits in the receive queue until read, which the core does not see). */
    private boolean peerFinReceived() {
        if (has(FIN_TO_MINI_SOCKET)) return false;
        return state == CLOSE_WAIT || state == LAST_ACK || state == CLOSING || state == TIME_WAIT;
    }

    /** The peer's window in bytes: RFC 7323 §2.3, scaled unless the segment is a SYN. */
    private int peerWindow(Segment seg) {
        return seg.isSyn() ? seg.window() : seg.window() << sndShift;
    }

    private void setSendWindow(int window) {
        sndWnd = window;
        if (window > maxSndWnd) maxSndWnd = window;
    }

    /** Fifth check, past SYN-RECEIVED. Returns false if the segment is to be dropped. */
    private boolean ackArrives(Segment seg) {
        int ack = seg.ack();
        if (Seq.gt(ack, sndMax)) {
            bits |= ACK_PENDING; // acknowledges something not yet sent
            return false;
        }
        if (config.challengeAcks() && Seq.lt(ack, sndUna - maxSndWnd)) {
            bits |= ACK_PENDING; // RFC 5961 §5: too old to be real, maybe blind injection
            return false;
        }
        if (Seq.gt(ack, sndUna)) acknowledge(ack);
        if (Seq.le(sndUna, ack) && (Seq.lt(sndWl1, seg.seq()) || (sndWl1 == seg.seq() && Seq.le(sndWl2, ack)))) {
            setSendWindow(peerWindow(seg));
            sndWl1 = seg.seq();
            sndWl2 = ack;
            if (sndWnd > 0 && timers.isArmed(TimerKind.PERSIST)) {
                timers.cancel(TimerKind.PERSIST);
                retries = 0;
            }
        }
        return true;
    }

    /** SND.UNA advances to {@code ack} (which is in (SND.UNA, SND.MAX]). */
    private void acknowledge(int ack) {
        if (sendBuffer != null) {
            int n = Math.max(0, Math.min(ack - bufSeq, sendBuffer.size()));
            if (n > 0) {
                sendBuffer.acknowledge(n);
                bufSeq += n;
                if (has(WRITE_BLOCKED)) {
                    bits &= ~WRITE_BLOCKED;
                    effects.notice(Notice.WRITABLE);
                }
            }
        }
        sndUna = ack;
        if (Seq.lt(sndNxt, sndUna)) sndNxt = sndUna;
        rtt.onAck(ack, now);
        retries = 0;
        if (sndUna == sndMax) timers.cancel(TimerKind.RETRANSMIT);
        else armRetransmit();
    }

    /**
     * Seventh step: take the in-window part of the text. Returns true if the segment's FIN is
     * next in sequence (all text before it received) and this state still reads.
     */
    private boolean receiveText(Segment seg) {
        if (state != ESTABLISHED && state != FIN_WAIT_1 && state != FIN_WAIT_2) return false;
        int dataSeq = seg.isSyn() ? seg.seq() + 1 : seg.seq();
        int len = seg.length();
        if (len > 0 && has(ORPHANED) && config.rstOnCloseWithUnread() && Seq.gt(dataSeq + len, rcvNxt)) {
            // Linux (TCPAbortOnData): nobody will ever read this, so say so at once.
            transmit(reset(sndNxt), false);
            setState(CLOSED, DATA_AFTER_CLOSE);
            return false;
        }
        boolean held = len == 0 || acceptText(seg, dataSeq, len);
        if (seg.isFin()) {
            int finSeq = dataSeq + len;
            if (finSeq == rcvNxt) return true;
            bits |= ACK_PENDING; // a FIN beyond a gap: say where the gap starts
            if (held && config.bufferOutOfOrder() && Seq.gt(finSeq, rcvNxt)) {
                bits |= FIN_BUFFERED; // all its text is held, so it counts once the gap fills
                bufferedFinSeq = finSeq;
            }
            return false;
        }
        if (has(FIN_BUFFERED) && bufferedFinSeq == rcvNxt) {
            bits &= ~FIN_BUFFERED;
            return true;
        }
        return false;
    }

    /** Returns true if the whole payload is now held (in order, buffered, or already had). */
    private boolean acceptText(Segment seg, int dataSeq, int len) {
        int offset = dataSeq - rcvNxt;
        int skip = Math.max(0, -offset);
        if (skip >= len) { // a duplicate: our ACK may have been lost, so say at once where we are
            bits |= ACK_PENDING;
            if (delayedAck != null) delayedAck.enterQuickAck(window());
            return true;
        }
        int at = offset + skip;
        // Every data segment is acknowledged; out of order (or filling a gap) at once, in order perhaps later.
        boolean gapBefore = outOfOrderBytes() > 0;
        bits |= delayedAck == null || at > 0 || gapBefore ? ACK_PENDING : ACK_SCHEDULED;
        if (at > 0 && !config.bufferOutOfOrder()) return false;
        int n = Math.min(len - skip, window() - at);
        if (n <= 0) return false;
        if (receiveBuffer == null) receiveBuffer = new ReceiveBuffer(config.receiveWindow());
        int advanced = receiveBuffer.write(at, seg.payload(), skip, n);
        if (at > 0) lastOutOfOrder = rcvNxt + at;
        rcvNxt += advanced;
        if (advanced > 0 && delayedAck != null) delayedAck.dataReceived(now, n, window(), rtt.rto());
        if (seg.origin() != 0 && seg.origin() != peerOrigin) effects.staleDataAccepted(seg.origin(), n);
        if (advanced > 0) effects.notice(Notice.READABLE);
        return n == len - skip;
    }

    /**
     * Eighth step and the closing transitions of the ACK step, as one table over
     * (state, our FIN acknowledged, the peer's FIN arrived).
     */
    private void advanceClose(boolean finArrived, Segment seg) {
        if (finArrived) {
            rcvNxt++;
            if (delayedAck != null && state == ESTABLISHED) {
                delayedAck.finReceived(); // Linux waits for the application's FIN to carry this ACK
                bits |= ACK_SCHEDULED;
            } else {
                bits |= ACK_PENDING;
            }
            effects.notice(Notice.END_OF_STREAM);
        }
        boolean finAcked = finAcked();
        String cause = finArrived ? (seg.isAck() ? RCV_FIN_ACK : RCV_FIN) : RCV_ACK;
        switch (state) {
            case ESTABLISHED -> { if (finArrived) setState(CLOSE_WAIT, cause); }
            case FIN_WAIT_1 -> {
                if (finArrived) setState(finAcked ? TIME_WAIT : CLOSING, cause);
                else if (finAcked) setState(FIN_WAIT_2, cause);
            }
            case FIN_WAIT_2 -> {
                if (finArrived && orphaned() && config.timeWaitRules() == TcpConfig.TimeWaitRules.LINUX) bits |= FIN_TO_MINI_SOCKET;
                if (finArrived) setState(TIME_WAIT, cause);
            }
            case CLOSING -> { if (finAcked) setState(TIME_WAIT, cause); }
            case LAST_ACK -> { if (finAcked) setState(CLOSED, cause); }
            default -> { }
        }
    }

    private boolean finAcked() {
        return has(FIN_QUEUED) && unacknowledged() == 0 && sndUna == bufSeq + 1;
    }

    // ---- sending ----------------------------------------------------------------------

    private void closeSending(String cause) {
        switch (state) {
            case LISTEN, SYN_SENT -> setState(CLOSED, cause);
            case SYN_RECEIVED -> {
                bits |= FIN_QUEUED; // RFC 9293 §3.10.4: FIN now if nothing is queued, else after ESTABLISHED
                if (unacknowledged() == 0) {
                    setState(FIN_WAIT_1, cause);
                    pump(Integer.MAX_VALUE);
                }
            }
            case ESTABLISHED -> {
                bits |= FIN_QUEUED;
                setState(FIN_WAIT_1, cause);
                pump(Integer.MAX_VALUE);
            }
            case CLOSE_WAIT -> {
                bits |= FIN_QUEUED;
                setState(LAST_ACK, cause);
                pump(Integer.MAX_VALUE);
            }
            default -> { } // already closing or closed
        }
    }

    /**
     * Sends what the window allows, up to {@code maxSegments}: unsent data in MSS-sized
     * segments (PSH on the one that empties the buffer), then the FIN once it is next.
     * Bytes below SND.MAX were sent before within an offered window, so they may always go again.
     */
    private void pump(int maxSegments) {
        if (state != ESTABLISHED && state != CLOSE_WAIT && state != FIN_WAIT_1
                && state != LAST_ACK && state != CLOSING) return;
        for (int sent = 0; sent < maxSegments; sent++) {
            int size = unacknowledged();
            int offset = sndNxt - bufSeq;
            int unsent = size - offset;
            if (offset < 0) return;
            if (unsent > 0) {
                int edge = Seq.gt(sndUna + sndWnd, sndMax) ? sndUna + sndWnd : sndMax;
                int usable = edge - sndNxt;
                if (usable <= 0) {
                    if (sndUna == sndMax && !timers.isArmed(TimerKind.PERSIST)) armPersist();
                    return;
                }
                int len = Math.min(Math.min(unsent, usable), sendMss);
                boolean last = len == unsent;
                sendData(offset, len, last, last && has(FIN_QUEUED));
            } else if (unsent == 0 && has(FIN_QUEUED) && state != ESTABLISHED && state != CLOSE_WAIT) {
                sendData(offset, 0, false, true);
            } else {
                return;
            }
        }
    }

    private void sendData(int offset, int len, boolean psh, boolean fin) {
        int seq = sndNxt;
        boolean retransmission = Seq.lt(seq, sndMax);
        byte[] payload = len == 0 ? Segment.NO_PAYLOAD : sendBuffer.copy(offset, len);
        int flags = Flags.ACK | (psh ? Flags.PSH : 0) | (fin ? Flags.FIN : 0);
        sndNxt = seq + len + (fin ? 1 : 0);
        if (Seq.gt(sndNxt, sndMax)) sndMax = sndNxt;
        if (!retransmission) rtt.startTiming(sndNxt, now);
        if (len > 0 && delayedAck != null) delayedAck.dataSent(now);
        if (!timers.isArmed(TimerKind.RETRANSMIT)) armRetransmit();
        timers.cancel(TimerKind.PERSIST);
        transmit(segment(seq, flags, payload), retransmission);
    }

    private void sendAck() {
        transmit(segment(sndNxt, Flags.ACK, Segment.NO_PAYLOAD), false);
    }

    /** An ACK when reading has reopened a window the peer may think shut (avoids a deadlock). */
    private void maybeUpdateWindow() {
        if (state != ESTABLISHED && state != FIN_WAIT_1 && state != FIN_WAIT_2) return;
        int threshold = Math.max(1, Math.min(config.receiveWindow() / 2, config.mss()));
        if (lastWindow < threshold && window() >= threshold) sendAck();
    }

    /**
     * The RST of an abort: RFC 9293's bare one, or Linux's RST+ACK that acknowledges what we received and,
     * sent by tcp_transmit_skb like any segment of the socket, carries its window (the unread data was
     * dropped first, so none counts as held).
     */
    private Segment activeReset() {
        if (!config.activeResetAck()) return reset(sndNxt);
        int field = config.windowRules() == TcpConfig.WindowRules.LINUX ? advertised.field(rcvNxt, window(), sendMss, false) : 0;
        return Segment.control(tuple.local(), tuple.remote(), sndNxt, rcvNxt, Flags.RST | Flags.ACK, field).withOrigin(id);
    }

    /** {@code <SEQ=seq><CTL=RST>} to the peer. */
    private Segment reset(int seq) {
        return Segment.control(tuple.local(), tuple.remote(), seq, 0, Flags.RST, 0).withOrigin(id);
    }

    private Segment segment(int seq, int flags, byte[] payload) {
        int field = advertised.field(rcvNxt, window(), sendMss, readable() > 0 || peerFinReceived());
        long tsVal = Segment.NO_TIMESTAMP;
        long tsEcr = Segment.NO_TIMESTAMP;
        if (has(TIMESTAMPS)) {
            tsVal = TimeWait.tsVal(now, tsOffset);
            tsEcr = tsRecent;
        }
        lastWindow = advertised.offered();
        return new Segment(tuple.local(), tuple.remote(), seq, rcvNxt, flags, field, 0, tsVal, tsEcr, payload, id,
                Segment.NO_WSCALE, false, sackBlocks(tsVal != Segment.NO_TIMESTAMP));
    }

    /**
     * RFC 2018 §4: the out-of-order data held, the block with the latest segment first, then the others
     * in order; at most 4 blocks (3 beside timestamps). A FIN held beyond the gap counts, as Linux's does.
     */
    private int[] sackBlocks(boolean timestamps) {
        if (!has(SACK) || outOfOrderBytes() == 0) return Segment.NO_SACK;
        int[] ranges = receiveBuffer.outOfOrderRanges();
        int held = ranges.length / 2;
        int latest = 0;
        for (int i = 0; i < held; i++) {
            if (Seq.inWindow(lastOutOfOrder, rcvNxt + ranges[2 * i], rcvNxt + ranges[2 * i + 1])) latest = i;
        }
        int count = Math.min(held, timestamps ? 3 : 4);
        int[] blocks = new int[2 * count];
        for (int n = 0, i = 0; n < count; i++) {
            int r = n == 0 ? latest : i - 1;
            if (n > 0 && r == latest) continue;
            blocks[2 * n] = rcvNxt + ranges[2 * r];
            int end = rcvNxt + ranges[2 * r + 1];
            blocks[2 * n + 1] = has(FIN_BUFFERED) && bufferedFinSeq == end ? end + 1 : end;
            n++;
        }
        return blocks;
    }

    private void transmit(Segment seg, boolean retransmission) {
        if (seg.isAck()) ackGoes();
        effects.transmit(seg, retransmission);
    }

    /** Every segment with ACK set acknowledges RCV.NXT, so no ACK is owed any more. */
    private void ackGoes() {
        if (delayedAck != null && state != SYN_SENT && state != LISTEN) {
            delayedAck.ackSent(rcvNxt, has(ACK_SCHEDULED | ACK_PENDING));
            timers.cancel(TimerKind.DELAYED_ACK);
        }
        bits &= ~(ACK_PENDING | ACK_SCHEDULED);
    }

    /** In-order data or a FIN is to be acknowledged: now, or when {@link DelayedAck} says. */
    private void ackOrDelay() {
        if (state == CLOSED || state == LISTEN) {
            bits &= ~ACK_SCHEDULED;
            return;
        }
        if (delayedAck.ackNow(rcvNxt)) {
            sendAck();
            return;
        }
        long deadline = delayedAck.deadline(now, rtt.srtt());
        if (deadline < 0) sendAck();
        else timers.arm(TimerKind.DELAYED_ACK, deadline);
    }

    /** The delayed ACK's timer: it goes alone. */
    private void delayedAckTimeout() {
        if (delayedAck == null) return;
        delayedAck.timerGone();
        if (!has(ACK_SCHEDULED)) return;
        delayedAck.timerFired(rtt.rto());
        sendAck();
    }

    /** Sends a reply built by the shared rules, stamped as ours. */
    private void transmitIfAny(Segment reply) {
        if (reply != null) transmit(reply.origin() == id ? reply : reply.withOrigin(id), false);
    }

    private int window() { return receiveBuffer == null ? config.receiveWindow() : receiveBuffer.window(); }

    // ---- timers -----------------------------------------------------------------------

    private void armRetransmit() { timers.arm(TimerKind.RETRANSMIT, now + rtt.rto()); }

    private void armFinWait2() {
        if (config.finWait2Timeout() > 0) timers.arm(TimerKind.FIN_WAIT_2, now + config.finWait2Timeout());
    }

    private void armPersist() {
        long interval = TimeHorizon.doubled(rtt.rto(), retries, config.rtoMax());
        timers.arm(TimerKind.PERSIST, TimeHorizon.plus(now, Math.max(interval, 1)));
    }

    /** RFC 6298 §5.4–5.6: resend the earliest unacknowledged segment with a doubled RTO, or give up. */
    private void retransmitTimeout() {
        if (sndUna == sndMax) return;
        int limit = state == SYN_SENT ? config.synRetries()
                : sndUna == iss ? config.synAckRetries() : config.dataRetries();
        if (state == SYN_SENT && config.synLinearTimeouts() > 0 ? now - connectedAt >= synTimeout() : retries >= limit) {
            giveUp();
            return;
        }
        retries++;
        if (state == SYN_SENT && retries <= config.synLinearTimeouts()) rtt.stopTiming(); // linear: the RTO stays
        else rtt.backOff();
        sndNxt = sndUna;
        if (sndUna == iss) {
            sendSyn(true);
        } else {
            pump(1);
        }
        armRetransmit();
    }

    /**
     * Linux's tcp_model_timeout: how long {@code synRetries} retransmissions would take backing off
     * exponentially from the initial RTO (capped at RTO max), 127 s for 6 from 1 s.
     */
    private long synTimeout() {
        long base = config.rtoInitial();
        int threshold = 63 - Long.numberOfLeadingZeros(Math.max(1, config.rtoMax() / base));
        int n = config.synRetries();
        if (n <= threshold) return ((2L << n) - 1) * base;
        return ((2L << threshold) - 1) * base + (long) (n - threshold) * config.rtoMax();
    }

    private void giveUp() {
        boolean halfOpenChild = passive() && state == SYN_RECEIVED;
        if (!halfOpenChild) effects.notice(Notice.TIMED_OUT);
        setState(CLOSED, RETRIES_EXHAUSTED);
    }

    /** The peer's window is shut: an old sequence number makes it answer with its current window. */
    private void probeWindow() {
        if (sndWnd > 0 || unacknowledged() <= sndNxt - bufSeq || sndUna != sndMax) return;
        transmit(segment(sndUna - 1, Flags.ACK, Segment.NO_PAYLOAD), false);
        if (retries < 30) retries++;
        armPersist();
    }

    private boolean has(int bit) { return (bits & bit) != 0; }
}
