package io.tcpemu.runtime;

import io.tcpemu.tcp.Connection;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.IsnGenerator;
import io.tcpemu.tcp.Notice;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.tcp.TimerKind;
import io.tcpemu.trace.TraceEvent.TimerAction;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One end of one connection: an object owning one core {@link Connection}, run by its host actor
 * on the host's thread (no actor of its own: spawning and stopping one per connection was a
 * quarter of the CPU a lifecycle costs). The host hands it segments and timer firings by call,
 * and socket calls that come addressed to it by {@link SocketRef} ({@link Host.ToEndpoint}). It
 * feeds the core and carries out what the core asks for (through {@link CoreOutputs}); it decides
 * no protocol rule itself. When the core reaches TIME-WAIT the endpoint hands the compact entry to
 * its host, which drops it; at CLOSED likewise.
 */
public final class Endpoint {

    public sealed interface Command extends WireMessage {}

    /** A segment for this connection, demultiplexed by the host. */
    public record Incoming(Segment segment) implements Command {}

    /** Queue bytes for sending; {@code replyTo} (may be null) hears {@link Ok} once all are buffered. */
    public record Write(byte[] data, ActorRef<Reply> replyTo) implements Command {}

    /** Take up to {@code max} received bytes; answered when there are some, or at end of stream. */
    public record Read(int max, ActorRef<Reply> replyTo) implements Command {}

    /**
     * shutdown(2): {@link Shut#WR} sends FIN after the queued data and keeps receiving; {@link Shut#RD}
     * sends nothing (Linux still takes and acknowledges data) but reads see end of stream once the
     * buffer is empty; {@link Shut#RDWR} is both. During a connect (SYN-SENT) each abandons it, as Linux's.
     */
    public record Shutdown(Shut how, ActorRef<Reply> replyTo) implements Command {
        /** shutdown(SHUT_WR). */
        public Shutdown(ActorRef<Reply> replyTo) { this(Shut.WR, replyTo); }
    }

    /** The {@code how} of shutdown(2). */
    public enum Shut {
        RD, WR, RDWR;

        boolean reading() { return this != WR; }
        boolean writing() { return this != RD; }
    }

    /** getsockopt(SO_ERROR): answered with {@link SoError}, which clears the pending error. */
    public record GetError(ActorRef<Reply> replyTo) implements Command {}

    /** poll(2) for this socket, now: answered with its {@link Readiness}. */
    public record Poll(ActorRef<Readiness> replyTo) implements Command {}

    /** close(): FIN (or RST with SO_LINGER 0, or with unread data when the policy says so). */
    public record Close(ActorRef<Reply> replyTo) implements Command {}

    /** Abort: RST at once. */
    public record Abort(ActorRef<Reply> replyTo) implements Command {}

    /** SO_LINGER with a zero timeout: close() aborts. */
    public record SetLingerZero(boolean on) implements Command {}

    /** Hand the socket to another owner (null: nobody hears events). */
    public record SetOwner(ActorRef<SocketEvent> owner, SocketEvent.Delivery delivery) implements Command {}

    /** For the console: state and counters of this connection. */
    public record Query(ActorRef<Info> replyTo) implements Command {}

    /**
     * Tell {@code replyTo} {@link Stopped} once this endpoint is gone (its connection ended and its
     * user, if it held the socket, closed it); at once if it is gone already.
     */
    public record WatchStop(ActorRef<Stopped> replyTo) implements Command {}

    /** The endpoint a {@link WatchStop} was about is gone: calls to its socket reach nobody now. */
    public record Stopped() implements WireMessage {}

    /** Answers to the request/reply calls. */
    public sealed interface Reply extends WireMessage {}
    /** The call completed; {@code bytes} is how many were written (0 for other calls). */
    public record Ok(int bytes) implements Reply {}
    /** Bytes read; empty means end of stream. */
    public record Received(byte[] bytes) implements Reply {}
    /** The pending socket error, now cleared; null when there was none (SO_ERROR 0). */
    public record SoError(Errno errno) implements Reply {}
    public record Failure(String call, Errno errno) implements Reply {
        public ErrnoException exception() { return new ErrnoException(errno, call); }
    }

    public record Info(SocketRef socket, State state, int readable, boolean passive) implements WireMessage {}

    /**
     * Everything an endpoint needs from its host, to begin with (what it opens with is
     * {@link #begin}'s); it keeps only what it needs later (a million endpoints would otherwise
     * hold a million of these).
     *
     * @param tuple this end's 4-tuple: the host's key for it, shared rather than copied
     * @param tcp   the connection's config: the host's, or with the receive buffer its socket set (SO_RCVBUF)
     * @param announced a non-blocking connect: its user holds the socket from the start and asks
     *                  {@link GetError} and {@link Poll} for the outcome; {@code owner} is then
     *                  only who asked to hear Connected or Failed as well (often nobody)
     */
    record Params(long connId, FourTuple tuple, HostSpec spec, TcpConfig tcp, IsnGenerator isn, RuntimeEnv env,
                  ActorRef<SocketEvent> owner, SocketEvent.Delivery delivery, boolean announced) {}

    private final EndpointTimers timers;
    private final Host host;
    private final SocketRef me;
    private final RuntimeEnv env;
    private final Connection conn;
    // The three queues exist only while they hold something: at a million endpoints, empty
    // collections kept for the odd call would cost a few hundred megabytes.
    private List<Notice> notices;
    private ArrayDeque<Write> writes;
    private ArrayDeque<Read> reads;
    private ActorRef<SocketEvent> owner;
    private SocketEvent.Delivery delivery;
    private Link.Wire link;
    private int written;
    private boolean connected, eof, peerFinished, sendShut, lingerZero, tookSyn, reported, userClosed, errorReported;
    /** The user holds the socket since its (non-blocking) connect; shutdown(SHUT_RD) was called. */
    private boolean announced, readShut;
    /** Ended while its user still holds the socket: calls are answered as a dead socket's ({@link #defunct}). */
    private boolean defunct;
    private Errno error;
    /** Who asked to hear when this endpoint is gone ({@link WatchStop}); null while nobody did. */
    private List<ActorRef<Stopped>> stopWatchers;

    /** Made by {@code host} (whose actor's address the socket carries); {@link #begin} opens it. */
    Endpoint(Host host, ActorRef<Host.Command> hostRef, Params p) {
        this.host = host;
        this.timers = new EndpointTimers(host.context(), this);
        this.env = p.env();
        this.me = new SocketRef(hostRef, p.tuple(), p.spec().name(), p.connId());
        this.owner = p.owner();   // for an announced socket, whoever asked to hear the outcome (or nobody)
        this.delivery = p.delivery();
        this.announced = p.announced();
        this.conn = new Connection(p.connId(), p.tcp(), p.isn(), new CoreOutputs());
    }

    SocketRef socket() { return me; }

    /**
     * Opens the connection: a connect's SYN ({@code syn} null), or a listener's child taking its
     * {@code syn}, answered with {@code iss} (a SYN reopening a TIME-WAIT tuple), or -1: the generator's.
     */
    void begin(Segment syn, long iss) {
        conn.presetIss(iss);
        long now = now();
        FourTuple tuple = me.tuple();
        link = env.directory().wire(tuple.local().ip(), tuple.remote().ip());
        if (syn == null) {
            conn.connect(tuple, now);
        } else {
            conn.listen(tuple.local());
            conn.handleSegment(syn, now);
            tookSyn = true;
        }
        settle();
    }

    /**
     * A socket call (or a segment) addressed to this endpoint; returns false when the endpoint is
     * gone after it (its user closed the socket of an ended connection).
     */
    boolean receive(Command m) {
        if (defunct) return defunct(m);
        if (m instanceof Incoming i) incoming(i.segment());
        else if (m instanceof Write w) onWrite(w);
        else if (m instanceof Close c) onClose(c);
        else if (m instanceof SetOwner o) onSetOwner(o);
        else if (m instanceof Read r) onRead(r);
        else if (m instanceof Shutdown sh) onShutdown(sh);
        else if (m instanceof Abort a) onAbort(a);
        else if (m instanceof SetLingerZero l) lingerZero = l.on();
        else if (m instanceof Query q) onQuery(q);
        else if (m instanceof GetError g) onGetError(g);
        else if (m instanceof Poll p) onPoll(p);
        else if (m instanceof WatchStop w) watchStop(w);
        return true;
    }

    // ---- inputs ------------------------------------------------------------------------

    /** A segment for this connection, demultiplexed by the host. */
    void incoming(Segment segment) {
        conn.handleSegment(segment, now());
        settle();
    }

    /** A timer went off (ignored if it was cancelled or re-armed since: {@link EndpointTimers#take}). */
    void fired(EndpointTimers.Fired m) {
        if (!timers.take(m)) return;
        Traces.timer(env.trace(), now(), me.host(), me.connId(), m.kind(), TimerAction.FIRED, now());
        conn.handleTimer(m.kind(), now());
        settle();
    }

    private void watchStop(WatchStop m) {
        if (stopWatchers == null) stopWatchers = new ArrayList<>(1);
        stopWatchers.add(m.replyTo());
    }

    /** The host drops this endpoint: its timers must not fire any more, and who watched it hears it is gone. */
    void stop() {
        timers.cancelAll();
        if (stopWatchers != null) for (ActorRef<Stopped> w : stopWatchers) w.tell(new Stopped());
        stopWatchers = null;
    }

    private void onWrite(Write m) {
        if (error != null) reply(m.replyTo(), new Failure("write", takeError(Errno.EPIPE)));
        else if (sendShut) reply(m.replyTo(), new Failure("write", Errno.EPIPE));
        else if (!connected && !conn.passive()) reply(m.replyTo(), new Failure("write", Errno.EAGAIN)); // connect pending
        else if (!connected) reply(m.replyTo(), new Failure("write", Errno.ENOTCONN));
        else {
            if (writes == null) writes = new ArrayDeque<>(1);
            writes.addLast(m);
            pumpWrites();
        }
        settle();
    }

    private void onRead(Read m) {
        if (reads == null) reads = new ArrayDeque<>(1);
        reads.addLast(m);
        serveReads();
        settle();
    }

    private void onShutdown(Shutdown m) {
        // Linux's inet_shutdown disconnects a socket in SYN-SENT whatever `how` is: the connect is abandoned
        boolean abandonsConnect = conn.state() == State.SYN_SENT;
        if ((m.how().writing() || abandonsConnect) && !sendShut) {
            sendShut = true;
            conn.shutdown(now());
            pumpWrites();                      // a write still waiting for space now fails: EPIPE, as Linux
        }
        if (m.how().reading() && !readShut) {
            readShut = true;
            serveReads();                      // a read waiting for bytes now sees end of stream
        }
        reply(m.replyTo(), new Ok(0));
        settle();
    }

    private void onGetError(GetError m) {
        reply(m.replyTo(), new SoError(takeError(null)));
    }

    private void onPoll(Poll m) {
        m.replyTo().tell(readiness());
    }

    /** tcp_poll: see {@link Readiness}. */
    private Readiness readiness() {
        boolean pendingError = error != null && !errorReported;
        boolean over = reported;
        boolean connecting = !connected && !over;
        boolean readEnded = peerFinished || readShut || over;
        boolean readable = !connecting && (conn.readable() > 0 || readEnded);
        boolean writable = !connecting && (sendShut || over || conn.sendSpace() > 0);
        return new Readiness(readable, writable, pendingError, over || (readEnded && sendShut), readEnded && !connecting);
    }

    private void onClose(Close m) {
        sendShut = true;
        userClosed = true;
        if (lingerZero) conn.abort(now());
        else conn.close(now());
        pumpWrites();
        reply(m.replyTo(), new Ok(0));
        settle();
    }

    private void onAbort(Abort m) {
        sendShut = true;
        userClosed = true;
        conn.abort(now());
        reply(m.replyTo(), new Ok(0));
        settle();
    }

    private void onSetOwner(SetOwner m) {
        owner = m.owner();
        delivery = m.delivery();
        if (delivery == SocketEvent.Delivery.PUSH) {
            // Catch the new owner up: what arrived before it took over (often the FIN, right behind the ACK).
            pushReceived();
            if (peerFinished) tell(new SocketEvent.Eof(me));
            if (error == Errno.ECONNRESET) tell(new SocketEvent.Reset(me));
        }
        settle();
    }

    private void onQuery(Query m) {
        m.replyTo().tell(new Info(me, conn.state(), conn.readable(), conn.passive()));
    }

    // ---- after every input: act on the notices, then see whether the connection ended --------

    private void settle() {
        settleStep();
        timers.startDeferred(env.time());   // a TIME_WAIT timer the host did not take over with the connection
    }

    private void settleStep() {
        if (notices != null) {
            while (!notices.isEmpty()) onNotice(notices.remove(0));
            notices = null;
        }
        if (reported) return;
        State state = conn.state();
        if (state == State.TIME_WAIT) {
            boolean holds = userHoldsIt();
            ended(holds);
            host.endpointInTimeWait(this, conn.timeWaitEntry(), holds);
        } else if (state == State.CLOSED || (state == State.LISTEN && tookSyn)) {
            // A listener's child sent back to LISTEN by a RST has no SYN left to wait for: it ends.
            if (state == State.LISTEN) conn.abort(now());
            boolean holds = userHoldsIt();
            ended(holds);
            host.endpointClosed(this, holds);
        }
    }

    /**
     * A connected socket pulled through {@link Sockets} lives on (defunct) until its user closes
     * it, as a file descriptor does. (The host still stops a child nobody accepted.)
     */
    private boolean userHoldsIt() { return delivery == SocketEvent.Delivery.PULL && !userClosed && (connected || announced); }

    /**
     * The connection is over for its user. Its host then drops this endpoint, or, if the user still
     * holds the socket ({@code holds}: as it was when the core ended), keeps it answering calls in
     * the {@link #defunct} phase until closed.
     */
    private void ended(boolean holds) {
        reported = true;
        // An active open that ends without CONNECTED or a failure notice (aborted by its user) still owes a result.
        if (!connected && error == null && !conn.passive()) fail(Errno.ECONNABORTED);
        eof = true;
        serveReads();
        Errno pending = error != null ? error : Errno.EPIPE;
        failWrites(pending);
        if (delivery == SocketEvent.Delivery.PUSH) tell(new SocketEvent.Closed(me));
        if (!holds) return;
        timers.cancelAll();
        defunct = true;
    }

    /**
     * After the end, while the user still holds the socket: the pending error is reported once
     * (as Linux's sk_err), then writes fail with EPIPE and reads take what is left, then see end of
     * stream. Returns false on close or abort: the endpoint is gone.
     */
    private boolean defunct(Command m) {
        if (m instanceof Write w) reply(w.replyTo(), new Failure("write", takeError(Errno.EPIPE)));
        else if (m instanceof Read r) {
            // bytes that came with the FIN that ended the connection are still the reader's, even
            // if a RST followed the FIN (Linux keeps its receive queue then: tcp_reset purges only
            // the write queue, and tcp_recvmsg copies queued data before it looks at SOCK_DONE)
            if ((error == null || peerFinished) && conn.readable() > 0) {
                reply(r.replyTo(), new Received(conn.receive(r.max(), now())));
                return true;
            }
            // after the peer's FIN a read finds the end of the stream and leaves the error to a
            // write (Linux's tcp_recvmsg checks SOCK_DONE before sk_err)
            Errno e = peerFinished ? null : takeError(null);
            reply(r.replyTo(), e == null ? new Received(Segment.NO_PAYLOAD) : new Failure("read", e));
        }
        // the connection is CLOSED (or its TIME-WAIT is the host's): Linux's inet_shutdown gives ENOTCONN
        else if (m instanceof Shutdown sh) reply(sh.replyTo(), new Failure("shutdown", Errno.ENOTCONN));
        else if (m instanceof Close c) {
            reply(c.replyTo(), new Ok(0));
            return false;
        } else if (m instanceof Abort a) {
            reply(a.replyTo(), new Ok(0));
            return false;
        } else if (m instanceof Query q) onQuery(q);
        else if (m instanceof GetError g) onGetError(g);
        else if (m instanceof Poll p) onPoll(p);
        else if (m instanceof WatchStop w) watchStop(w);
        return true;
    }

    private Errno takeError(Errno otherwise) {
        Errno e = error != null && !errorReported ? error : otherwise;
        errorReported = true;
        return e;
    }

    private void onNotice(Notice notice) {
        switch (notice) {
            case CONNECTED -> onConnected();
            case READABLE -> { serveReads(); pushReceived(); }
            case END_OF_STREAM -> {
                eof = true;
                peerFinished = true;
                serveReads();
                if (delivery == SocketEvent.Delivery.PUSH) { pushReceived(); tell(new SocketEvent.Eof(me)); }
            }
            case WRITABLE -> pumpWrites();
            case RESET -> fail(Errno.ECONNRESET);
            case RESET_AFTER_PEER_FIN -> fail(Errno.EPIPE);
            case REFUSED -> fail(Errno.ECONNREFUSED);
            case TIMED_OUT -> fail(Errno.ETIMEDOUT);
            case CLOSED -> { }
        }
    }

    private void onConnected() {
        connected = true;
        host.endpointEstablished(me, conn.passive());
        if (conn.passive()) return;
        tell(new SocketEvent.Connected(me));
        if (delivery == SocketEvent.Delivery.PULL) owner = null;
    }

    private void fail(Errno errno) {
        boolean beforeConnect = !connected;
        error = errno;
        host.countOutcome(errno);
        serveReads();
        failWrites(errno);
        if (beforeConnect && !conn.passive()) {
            // the host traced the call; the trace has this outcome as the core's notice
            tell(new SocketEvent.Failed(null, "connect " + me.tuple().remote(), errno));
        }
        else if (errno == Errno.ECONNRESET && delivery == SocketEvent.Delivery.PUSH) tell(new SocketEvent.Reset(me));
        else if (delivery == SocketEvent.Delivery.PUSH) tell(new SocketEvent.Failed(me, "send", errno));
    }

    // ---- moving bytes between the socket calls and the core ------------------------------

    private void failWrites(Errno errno) {
        while (writes != null && !writes.isEmpty()) reply(writes.pollFirst().replyTo(), new Failure("write", errno));
        writes = null;
    }

    private void pumpWrites() {
        while (writes != null && !writes.isEmpty()) {
            Write w = writes.peekFirst();
            int n = conn.send(w.data(), written, w.data().length - written, now());
            if (n < 0) {                       // the connection takes no more data (the core's -1)
                written = 0;
                failWrites(Errno.EPIPE);
                return;
            }
            written += n;
            if (written < w.data().length) return;
            writes.pollFirst();
            written = 0;
            reply(w.replyTo(), new Ok(w.data().length));
        }
        writes = null;
    }

    private void serveReads() {
        while (reads != null && !reads.isEmpty()) {
            Read r = reads.peekFirst();
            if (conn.readable() > 0) r.replyTo().tell(new Received(conn.receive(r.max(), now())));
            else if (peerFinished || ((eof || readShut) && error == null)) r.replyTo().tell(new Received(Segment.NO_PAYLOAD));
            else if (error != null) r.replyTo().tell(new Failure("read", takeError(error)));
            else return;
            reads.pollFirst();
        }
        reads = null;
    }

    private void pushReceived() {
        if (delivery != SocketEvent.Delivery.PUSH || owner == null || (reads != null && !reads.isEmpty())) return;
        if (conn.readable() > 0) tell(new SocketEvent.Data(me, conn.receive(Integer.MAX_VALUE, now())));
    }

    private void tell(SocketEvent event) {
        if (owner != null) owner.tell(event);
    }

    private static void reply(ActorRef<Reply> replyTo, Reply reply) {
        if (replyTo != null) replyTo.tell(reply);
    }

    private long now() { return env.time().now(); }

    /** Carries out the core's outputs: wire, timers, trace, notices. */
    private final class CoreOutputs implements io.tcpemu.tcp.Effects {
        @Override public void transmit(Segment segment, boolean retransmission) {
            long now = now();
            Traces.sent(env.trace(), now, me.host(), segment, retransmission);
            if (link != null) link.transmit(segment, conn.state(), now);
        }

        @Override public void armTimer(TimerKind kind, long deadline) {
            long now = now();
            timers.start(kind, Math.max(0, deadline - now), env.time());
            Traces.timer(env.trace(), now, me.host(), me.connId(), kind, TimerAction.ARMED, deadline);
        }

        @Override public void cancelTimer(TimerKind kind) {
            if (!timers.isActive(kind)) return;
            timers.cancel(kind);
            Traces.timer(env.trace(), now(), me.host(), me.connId(), kind, TimerAction.CANCELLED, -1);
        }

        @Override public void stateChanged(State from, State to, String cause) {
            Traces.state(env.trace(), now(), me.host(), me.connId(), conn.tuple(), from, to, cause);
        }

        @Override public void notice(Notice notice) {
            if (notices == null) notices = new ArrayList<>(4);
            notices.add(notice);
            Traces.notice(env.trace(), now(), me.host(), me.connId(), notice);
        }

        /** Traced as the metrics expect: HostEvent "stale-data", detail "bytes=N conn=ID origin=ID". */
        @Override public void staleDataAccepted(long staleOrigin, int bytes) {
            host.countStaleBytes(bytes);
            Traces.host(env.trace(), now(), me.host(), "stale-data",
                    "bytes=" + bytes + " conn=" + me.connId() + " origin=" + staleOrigin);
        }
    }
}
