package io.tcpemu.pkt;

import io.tcpemu.runtime.Endpoint;
import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.SocketEvent;
import io.tcpemu.runtime.SocketRef;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.ReceiveBufferOption;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.TcpConfig;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongBiFunction;

/**
 * The script's file descriptors over the runtime's host and endpoint messages: what each fd is (a
 * new socket, a listener, a connection), its options, and each call's answer completing a
 * {@link PendingCall} at the emulated time it arrives.
 */
final class RuntimeSockets {
    /** One fd: options set before it had a connection, and what it became. */
    private static final class Fd {
        int port;
        boolean reuseAddr;
        boolean nonBlocking;
        boolean listening;
        Linger linger;
        /** SO_RCVBUF as the profile turned it into a buffer, bytes; 0 while unset. */
        int receiveBuffer;
        /** The connection, once established (accepted, or connected). */
        SocketRef connection;
        /** The socket of a non-blocking connect, from its SYN on: close and shutdown reach it while connecting. */
        SocketRef connecting;
        /** The connect in progress or finished; its errno, once, is the socket's pending error (SO_ERROR). */
        PendingCall connect;
        boolean errorTaken;
        /** shutdown(SHUT_RD): reads find the end of the stream once the received bytes are taken. */
        boolean readShut;
        /** A poll on this listener asked the host for a connection in the background; its arrival goes to readyAccepts. */
        boolean acceptWatched;
        /** An accept() that came while the background request was out: it takes the arrival. */
        Runnable acceptClaim;
        /** The endpoint is gone (CLOSED, or handed to TIME-WAIT) while the fd is still open. */
        boolean gone;
        /** A RST for this connection was injected: a read after the endpoint stopped reports it once. */
        boolean resetPending;
        final List<PendingCall> reads = new ArrayList<>();
        /** Connections a non-blocking accept gave up on (EAGAIN) that arrived later: the next accept takes them. */
        final Deque<SocketRef> readyAccepts = new ArrayDeque<>();
        /** Bytes (or the end of stream) a non-blocking read gave up on that arrived later: the next read takes them. */
        int stashedBytes;
        boolean stashedEof;
    }

    private final ActorSystem<?> system;
    private final ActorRef<Host.Command> host;
    private final TcpConfig tcp;
    private final LongSupplier now;
    private final Map<Integer, Fd> fds = new HashMap<>();
    /** Calls that already returned EAGAIN; their late answers are kept for the next call. */
    private final Set<PendingCall> abandoned = new HashSet<>();

    RuntimeSockets(ActorSystem<?> system, ActorRef<Host.Command> host, TcpConfig tcp, LongSupplier now) {
        this.system = system;
        this.host = host;
        this.tcp = tcp;
        this.now = now;
    }

    PendingCall call(SocketCall call) {
        if (call instanceof SocketCall.Socket) {
            fds.put(call.fd(), new Fd());
            return done(call.fd());
        }
        Fd fd = fds.get(call.fd());
        if (fd == null) return PendingCall.failed("EBADF", now.getAsLong());
        if (call instanceof SocketCall.Bind b) return option(() -> fd.port = b.local().port());
        if (call instanceof SocketCall.Listen l) return listen(fd, l.backlog());
        if (call instanceof SocketCall.Accept a) return accept(fd, a.newFd());
        if (call instanceof SocketCall.Connect c) return connect(fd, c);
        if (call instanceof SocketCall.Write w) return write(fd, w.bytes());
        if (call instanceof SocketCall.Read r) return read(fd, r.max());
        if (call instanceof SocketCall.Shutdown sh) return shutdown(fd, sh);
        if (call instanceof SocketCall.TakeError) return takeError(fd, null);
        if (call instanceof SocketCall.Poll p) return poll(fd, p);
        if (call instanceof SocketCall.Close) return close(call.fd(), fd);
        if (call instanceof SocketCall.SetReuseAddr o) return option(() -> fd.reuseAddr = o.on());
        if (call instanceof SocketCall.SetLinger o) return option(() -> { fd.linger = o.linger(); applyLinger(fd); });
        if (call instanceof SocketCall.SetNonBlocking o) return option(() -> fd.nonBlocking = o.on());
        if (call instanceof SocketCall.SetReceiveBuffer o) return setReceiveBuffer(fd, o.requested());
        if (call instanceof SocketCall.ReceiveBuffer) {
            return done(fd.receiveBuffer > 0 ? fd.receiveBuffer : ReceiveBufferOption.unset(tcp));
        }
        throw new IllegalStateException("no handler for " + call);
    }

    /** A call on a non-blocking fd that did not finish at once fails as the kernel's would. */
    PendingCall afterSettling(SocketCall call, PendingCall pending) {
        Fd fd = fds.get(call.fd());
        if (pending.done() || fd == null || !fd.nonBlocking) return pending;
        if (call instanceof SocketCall.Connect) return PendingCall.failed("EINPROGRESS", now.getAsLong());
        if (!(call instanceof SocketCall.Accept || call instanceof SocketCall.Read)) return pending;
        if (call instanceof SocketCall.Read && fd.readShut) {
            abandoned.add(pending);
            return done(0);
        }
        abandoned.add(pending);
        return PendingCall.failed("EAGAIN", now.getAsLong());
    }

    /**
     * SO_RCVBUF: kept for the connect or listen to come, or handed to the listener for the connections
     * it opens next (as the kernel's request socks read the listener's buffer). On a socket with a
     * connection (or a connect under way) the kernel resizes a live buffer, which is not modelled.
     */
    private PendingCall setReceiveBuffer(Fd fd, long requested) {
        if (fd.connection != null || fd.connect != null) {
            throw new UnsupportedOperationException("SO_RCVBUF on a socket that connected or is connecting is not modelled"
                    + " (only before connect or listen, or on a listener)");
        }
        fd.receiveBuffer = ReceiveBufferOption.buffer(tcp, requested);
        if (fd.listening) host.tell(new Host.SetListenerReceiveBuffer(fd.port, fd.receiveBuffer));
        return done(0);
    }

    private PendingCall listen(Fd fd, int backlog) {
        if (fd.listening) return done(0);    // a second listen() only changes the backlog
        if (fd.connect != null || fd.connection != null) return PendingCall.failed("EINVAL", now.getAsLong());
        return hostCall(r -> new Host.Listen(fd.port, backlog, fd.reuseAddr, r, SocketEvent.Delivery.PULL, fd.receiveBuffer), (p, e) -> {
            fd.listening = true;
            return 0;
        });
    }

    private PendingCall accept(Fd listener, int newFd) {
        if (!listener.listening) return PendingCall.failed("EINVAL", now.getAsLong());
        if (!listener.readyAccepts.isEmpty()) return done(adopt(listener, listener.readyAccepts.poll(), newFd));
        if (listener.acceptWatched) {
            PendingCall claimed = new PendingCall();
            listener.acceptClaim = () -> {
                if (!abandoned.remove(claimed)) claimed.succeed(adopt(listener, listener.readyAccepts.poll(), newFd), now.getAsLong());
            };
            return claimed;
        }
        return hostCall(r -> new Host.Accept(listener.port, r), (pending, e) -> {
            SocketRef socket = ((SocketEvent.Accepted) e).socket();
            if (!abandoned.remove(pending)) return adopt(listener, socket, newFd);
            listener.readyAccepts.add(socket);
            return -1;
        });
    }

    /** The accepted connection becomes {@code newFd}, inheriting the listener's SO_LINGER. */
    private long adopt(Fd listener, SocketRef socket, int newFd) {
        Fd child = new Fd();
        child.connection = socket;
        child.linger = listener.linger;
        child.receiveBuffer = listener.receiveBuffer;
        applyLinger(child);
        watch(child);
        fds.put(newFd, child);
        return newFd;
    }

    private PendingCall connect(Fd fd, SocketCall.Connect c) {
        if (fd.listening || fd.connection != null) return PendingCall.failed("EISCONN", now.getAsLong());
        if (fd.connect != null && !fd.connect.done()) return PendingCall.failed("EALREADY", now.getAsLong());
        fd.errorTaken = false;
        if (fd.nonBlocking) return connectNonBlocking(fd, c);
        fd.connect = hostCall(r -> new Host.Connect(c.remote(), fd.port, r, SocketEvent.Delivery.PULL, fd.receiveBuffer), (p, e) -> {
            established(fd, ((SocketEvent.Connected) e).socket());
            return 0;
        });
        fd.connect.whenDone(this::recheckPolls);
        return fd.connect;
    }

    /**
     * A non-blocking connect holds its socket from the SYN on (as the kernel's), so close() or
     * shutdown() while it is pending reach the connection; the call returns EINPROGRESS, and
     * {@code fd.connect} completes with the outcome.
     */
    private PendingCall connectNonBlocking(Fd fd, SocketCall.Connect c) {
        PendingCall call = new PendingCall();
        PendingCall outcome = new PendingCall();
        fd.connect = outcome;
        ActorRef<SocketEvent> outcomeTo = ReplyActor.spawn(system, (SocketEvent e) -> {
            if (e instanceof SocketEvent.Connected ok) {
                established(fd, ok.socket());
                outcome.succeed(0, now.getAsLong());
            } else if (e instanceof SocketEvent.Failed f) {
                outcome.fail(f.errno().name(), now.getAsLong());
            }
        });
        host.tell(new Host.ConnectNonBlocking(c.remote(), fd.port, ReplyActor.spawn(system, (SocketEvent e) -> {
            if (e instanceof SocketEvent.Connecting started) {
                fd.connecting = started.socket();
                applyLinger(fd);
                call.fail("EINPROGRESS", now.getAsLong());
            } else if (e instanceof SocketEvent.Failed f) {  // no SYN could be sent: the call itself fails
                outcome.fail(f.errno().name(), now.getAsLong());
                fd.errorTaken = true;
                call.fail(f.errno().name(), now.getAsLong());
            }
        }), outcomeTo, fd.receiveBuffer));
        outcome.whenDone(this::recheckPolls);
        return call;
    }

    private void established(Fd fd, SocketRef socket) {
        fd.connection = socket;
        applyLinger(fd);
        watch(fd);
    }

    // ---- poll: connect and accept readiness ----------------------------------------------

    private record WaitingPoll(Fd fd, int events, PendingCall call) {}

    private final List<WaitingPoll> polls = new ArrayList<>();

    /** poll(2) on one fd: answers at once if it is ready or the timeout is 0, else when it becomes ready or times out. */
    private PendingCall poll(Fd fd, SocketCall.Poll p) {
        if (fd.listening) watchAccepts(fd);
        PendingCall call = new PendingCall();
        int ready = revents(fd, p.events());
        if (ready != 0 || p.timeoutMillis() == 0) {
            call.succeed(ready, now.getAsLong());
            return call;
        }
        WaitingPoll waiting = new WaitingPoll(fd, p.events(), call);
        polls.add(waiting);
        if (p.timeoutMillis() > 0) {
            system.scheduler().scheduleOnce(Duration.ofMillis(p.timeoutMillis()), () -> {
                if (polls.remove(waiting)) call.succeed(0, now.getAsLong());
            }, system.executionContext());
        }
        return call;
    }

    private void recheckPolls() {
        for (WaitingPoll w : List.copyOf(polls)) {
            int ready = revents(w.fd(), w.events());
            if (ready != 0 && polls.remove(w)) w.call().succeed(ready, now.getAsLong());
        }
    }

    /**
     * The events ready on {@code fd}, masked as Linux masks them (POLLERR and POLLHUP always count):
     * a listener is readable with a connection to accept; a connecting socket is writable once its
     * connect finished, with POLLERR and POLLHUP if it failed; a socket that never connected is
     * writable and hung up. Readiness to read a connection is not modelled.
     */
    private int revents(Fd fd, int events) {
        int ready;
        if (fd.listening) {
            ready = fd.readyAccepts.isEmpty() ? 0 : Poll.POLLIN | 0x40;
        } else if (fd.connection != null) {
            if ((events & Poll.POLLIN) != 0) throw new UnsupportedOperationException("poll for POLLIN on a connection is not modelled");
            ready = Poll.POLLOUT | 0x100;
        } else if (fd.connect != null && !fd.connect.done()) {
            ready = 0;
        } else if (fd.connect != null && fd.connect.errno() != null) {
            ready = Poll.POLLOUT | 0x100 | Poll.POLLERR | Poll.POLLHUP | Poll.POLLIN | 0x40 | 0x2000;
        } else {
            ready = Poll.POLLOUT | 0x100 | Poll.POLLHUP;
        }
        return ready & (events | Poll.POLLERR | Poll.POLLHUP);
    }

    /** Asks the host for the listener's next connection in the background, so poll can see it arrive. */
    private void watchAccepts(Fd listener) {
        if (!listener.readyAccepts.isEmpty() || listener.acceptWatched) return;
        listener.acceptWatched = true;
        hostCall(r -> new Host.Accept(listener.port, r), (pending, e) -> {
            listener.acceptWatched = false;
            listener.readyAccepts.add(((SocketEvent.Accepted) e).socket());
            Runnable claim = listener.acceptClaim;
            listener.acceptClaim = null;
            if (claim != null) claim.run();
            recheckPolls();
            return 0;
        });
    }

    /**
     * The socket's pending error: a failed connect's errno, reported once (by SO_ERROR or the
     * next read or write, as the kernel's sk_err); {@code otherwise} when there is none.
     */
    private PendingCall takeError(Fd fd, String otherwise) {
        if (fd.connect != null && fd.connect.errno() != null && !fd.errorTaken) {
            fd.errorTaken = true;
            return PendingCall.failed(fd.connect.errno(), now.getAsLong());
        }
        return otherwise == null ? done(0) : PendingCall.failed(otherwise, now.getAsLong());
    }

    /**
     * A read or write on a socket with no connection: EAGAIN while a non-blocking connect is in
     * progress (a blocking one waits, which the runner does not model: the call never returns),
     * else the pending error, else {@code errnoIfIdle}.
     */
    private PendingCall unconnected(Fd fd, String errnoIfIdle) {
        if (fd.connect != null && !fd.connect.done()) return fd.nonBlocking ? PendingCall.failed("EAGAIN", now.getAsLong()) : new PendingCall();
        return takeError(fd, errnoIfIdle);
    }

    /** write(2); on a socket that never connected, EPIPE (Linux's answer, with SIGPIPE). */
    private PendingCall write(Fd fd, int bytes) {
        if (fd.connection == null) return unconnected(fd, "EPIPE");
        return onEndpoint(fd, r -> new Endpoint.Write(new byte[bytes], r));
    }

    /**
     * shutdown(2), carried out by the endpoint: SHUT_WR sends the FIN, SHUT_RD only ends reading (the
     * kernel sends nothing either), during a connect each abandons it, and once the connection ended
     * ENOTCONN; on a listener SHUT_RD stops listening; with no socket ENOTCONN.
     */
    private PendingCall shutdown(Fd fd, SocketCall.Shutdown how) {
        if (fd.listening) {
            if (how.read()) {
                fd.listening = false;
                host.tell(new Host.Unlisten(fd.port));
            }
            return done(0);
        }
        SocketRef socket = fd.connection != null ? fd.connection : connectPending(fd) ? fd.connecting : null;
        if (socket == null || fd.gone) return PendingCall.failed("ENOTCONN", now.getAsLong());
        if (how.read()) fd.readShut = true;
        Endpoint.Shut shut = how.read() && how.write() ? Endpoint.Shut.RDWR : how.read() ? Endpoint.Shut.RD : Endpoint.Shut.WR;
        return ask(fd, socket, r -> new Endpoint.Shutdown(shut, r));
    }

    /** The runner injected this segment: remember a RST for the connection it belongs to. */
    void injected(Segment segment) {
        if (!segment.isRst()) return;
        for (Fd fd : fds.values()) {
            if (fd.connection != null && fd.connection.tuple().equals(FourTuple.ofArriving(segment))) fd.resetPending = true;
        }
    }

    /** read(2); once the endpoint has stopped: ECONNRESET once if a RST ended it, then the end of the stream (0). */
    private PendingCall read(Fd fd, int max) {
        if (fd.gone && fd.resetPending) {
            fd.resetPending = false;
            return PendingCall.failed("ECONNRESET", now.getAsLong());
        }
        if (fd.stashedBytes > 0) {
            int n = Math.min(max, fd.stashedBytes);
            fd.stashedBytes -= n;
            return done(n);
        }
        if (fd.gone || fd.stashedEof) return done(0);
        if (fd.connection == null) return unconnected(fd, "ENOTCONN");
        PendingCall pending = onEndpoint(fd, to -> new Endpoint.Read(max, to));
        if (!pending.done()) fd.reads.add(pending);
        return pending;
    }

    /**
     * The runtime drops an endpoint when its connection reaches CLOSED or TIME-WAIT, though the
     * application may still hold the fd; reads waiting then see the end of the stream, as on Linux.
     */
    private void watch(Fd fd) {
        fd.connection.tell(new Endpoint.WatchStop(ReplyActor.spawn(system, (Endpoint.Stopped stopped) -> {
            fd.gone = true;
            for (PendingCall r : fd.reads) {
                if (fd.resetPending) r.fail("ECONNRESET", now.getAsLong());
                else r.succeed(0, now.getAsLong());
                fd.resetPending = false;
            }
            fd.reads.clear();
        })));
    }

    private PendingCall close(int number, Fd fd) {
        fds.remove(number);
        if (fd.listening) host.tell(new Host.Unlisten(fd.port));
        SocketRef socket = socket(fd);
        if (socket != null) socket.tell(new Endpoint.Close(null));
        return done(0);
    }

    private static boolean connectPending(Fd fd) {
        return fd.connecting != null && fd.connect != null && !fd.connect.done();
    }

    /** The fd's endpoint: its connection, or the socket of its non-blocking connect. */
    private static SocketRef socket(Fd fd) {
        return fd.connection != null ? fd.connection : fd.connecting;
    }

    private static void applyLinger(Fd fd) {
        SocketRef socket = socket(fd);
        if (socket != null && fd.linger != null) {
            socket.tell(new Endpoint.SetLingerZero(fd.linger.abortsOnClose()));
        }
    }

    /** Asks the host; the call completes with {@code value} of the answer, or -1 and the errno of a failure. */
    private PendingCall hostCall(Function<ActorRef<SocketEvent>, Host.Command> message,
                                 ToLongBiFunction<PendingCall, SocketEvent> value) {
        PendingCall pending = new PendingCall();
        host.tell(message.apply(ReplyActor.spawn(system, (SocketEvent e) -> {
            if (e instanceof SocketEvent.Failed f) pending.fail(f.errno().name(), now.getAsLong());
            else pending.succeed(value.applyAsLong(pending, e), now.getAsLong());
        })));
        return pending;
    }

    /** Asks the connection's endpoint; ENOTCONN if the fd has none. */
    private PendingCall onEndpoint(Fd fd, Function<ActorRef<Endpoint.Reply>, Endpoint.Command> message) {
        if (fd.connection == null) return PendingCall.failed("ENOTCONN", now.getAsLong());
        if (fd.gone) return PendingCall.failed("EPIPE", now.getAsLong());
        return ask(fd, fd.connection, message);
    }

    private PendingCall ask(Fd fd, SocketRef socket, Function<ActorRef<Endpoint.Reply>, Endpoint.Command> message) {
        PendingCall pending = new PendingCall();
        socket.tell(message.apply(ReplyActor.spawn(system, (Endpoint.Reply r) -> {
            if (r instanceof Endpoint.Failure f) pending.fail(f.errno().name(), now.getAsLong());
            else if (r instanceof Endpoint.Received b && abandoned.remove(pending)) stash(fd, b.bytes().length);
            else if (r instanceof Endpoint.Received b) pending.succeed(b.bytes().length, now.getAsLong());
            else pending.succeed(((Endpoint.Ok) r).bytes(), now.getAsLong());
        })));
        return pending;
    }

    private static void stash(Fd fd, int bytes) {
        if (bytes == 0) fd.stashedEof = true;
        fd.stashedBytes += bytes;
    }

    /** A call that only records something on the fd and returns 0. */
    private PendingCall option(Runnable record) {
        record.run();
        return done(0);
    }

    private PendingCall done(long value) { return PendingCall.returned(value, now.getAsLong()); }
}
