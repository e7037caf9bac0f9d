package io.tcpemu.pkt;

import io.tcpemu.tcp.SockAddr;

/**
 * Carries out one script system call: applies packetdrill's conventions (fds, {@code ...}
 * addresses), answers what the runner knows itself (fcntl F_GETFL, getsockopt, a bad fd) and
 * hands the rest to the {@link Target}.
 */
final class Calls {
    private static final long O_RDWR = 0x2;
    private static final long O_NONBLOCK = 0x800;

    private final Conventions conv;
    private final FdTable fds;
    private final Wire wire;
    private final Target target;
    /** The epoll instances: epfd to its interest list (fd to the events asked for). */
    private final java.util.Map<Integer, java.util.Map<Integer, Integer>> epolls = new java.util.HashMap<>();

    Calls(Conventions conv, FdTable fds, Wire wire, Target target) {
        this.conv = conv;
        this.fds = fds;
        this.wire = wire;
        this.target = target;
    }

    PendingCall perform(Event.Syscall call) {
        long now = target.now();
        if (call.name().equals("socket")) return socket(call);
        if (call.name().equals("poll")) return poll(call);
        if (call.name().equals("epoll_create")) {
            int epfd = fds.open();
            epolls.put(epfd, new java.util.LinkedHashMap<>());
            return PendingCall.returned(epfd, now);
        }
        int fd = fd(call);
        FdTable.Socket socket = fds.get(fd);
        if (socket == null) return PendingCall.failed("EBADF", now);
        if (epolls.containsKey(fd)) return onEpoll(call, fd, now);
        if (call.name().startsWith("epoll_")) return PendingCall.failed("EINVAL", now);
        return switch (call.name()) {
            case "bind" -> bind(fd);
            case "listen" -> target.call(new SocketCall.Listen(fd, (int) number(call, 1, "the backlog")));
            case "accept" -> accept(fd);
            case "connect" -> connect(fd);
            case "write" -> target.call(new SocketCall.Write(fd, length(call)));
            case "read" -> target.call(new SocketCall.Read(fd, (int) number(call, 2, "the byte count")));
            case "send" -> withFlags(call, fd, socket, new SocketCall.Write(fd, length(call)));
            case "recv" -> withFlags(call, fd, socket, new SocketCall.Read(fd, (int) number(call, 2, "the byte count")));
            case "shutdown" -> shutdown(call, fd);
            case "close" -> close(fd);
            case "setsockopt" -> setsockopt(call, fd, socket);
            case "getsockopt" -> getsockopt(call, fd, socket, now);
            case "fcntl" -> fcntl(call, fd, socket);
            default -> throw new IllegalStateException("unsupported call reached the runner: " + call.name());
        };
    }

    /** socket(2); {@code SOCK_STREAM | SOCK_NONBLOCK} makes the new socket non-blocking at once. */
    private PendingCall socket(Event.Syscall call) {
        int fd = fds.open();
        PendingCall c = target.call(new SocketCall.Socket(fd));
        if (mentions(call.arg(1), "SOCK_NONBLOCK")) {
            fds.get(fd).nonBlocking = true;
            target.call(new SocketCall.SetNonBlocking(fd, true));
        }
        return c;
    }

    private PendingCall bind(int fd) {
        SockAddr local = new SockAddr(conv.localIp(), conv.bindPort());
        wire.bound(local);
        return target.call(new SocketCall.Bind(fd, local));
    }

    /** accept(2); the new socket inherits the listener's SO_REUSEADDR and SO_LINGER, as on Linux. */
    private PendingCall accept(int fd) {
        int newFd = fds.open();
        FdTable.Socket listener = fds.get(fd);
        fds.get(newFd).reuseAddr = listener.reuseAddr;
        fds.get(newFd).linger = listener.linger;
        PendingCall c = target.call(new SocketCall.Accept(fd, newFd));
        if (c.done() && c.errno() != null) fds.close(newFd);
        return c;
    }

    /** connect(2); one refused at once (EISCONN, EALREADY) leaves the script's peer where it was. */
    private PendingCall connect(int fd) {
        SockAddr remote = new SockAddr(conv.remoteIp(), conv.connectPort());
        PendingCall c = target.call(new SocketCall.Connect(fd, remote));
        if (!(c.done() && ("EISCONN".equals(c.errno()) || "EALREADY".equals(c.errno())))) wire.connecting(remote);
        return c;
    }

    /**
     * poll(2): returns 1 with the ready events, compared with the script's revents, or 0 at the
     * timeout; a closed fd is POLLNVAL, as the kernel reports it.
     */
    private PendingCall poll(Event.Syscall call) {
        Poll p = Poll.of(call);
        if (fds.get(p.fd()) == null) return compareRevents(p, PendingCall.returned(0x20, target.now()));
        PendingCall ready;
        try {
            ready = target.call(new SocketCall.Poll(p.fd(), p.events(), p.timeoutMillis()));
        } catch (UnsupportedOperationException e) {
            throw new ScriptProblem(call.line(), e.getMessage());
        }
        PendingCall result = new PendingCall();
        ready.whenDone(() -> {
            if (ready.errno() != null) result.fail(ready.errno(), ready.at());
            else compareRevents(p, result, (int) ready.value(), ready.at());
        });
        return result;
    }

    /** A call on an epoll fd: epoll_ctl edits the interest list, epoll_wait polls it, close drops it. */
    private PendingCall onEpoll(Event.Syscall call, int epfd, long now) {
        java.util.Map<Integer, Integer> interest = epolls.get(epfd);
        switch (call.name()) {
            case "close" -> {
                epolls.remove(epfd);
                fds.close(epfd);
                return PendingCall.returned(0, now);
            }
            case "epoll_ctl" -> {
                int fd = (int) number(call, 2, "the fd");
                if (fds.get(fd) == null || epolls.containsKey(fd)) return PendingCall.failed("EBADF", now);
                String op = ((Expr.Word) call.arg(1)).name();
                if (op.equals("EPOLL_CTL_DEL")) return interest.remove(fd) == null ? PendingCall.failed("ENOENT", now) : PendingCall.returned(0, now);
                boolean known = interest.containsKey(fd);
                if (op.equals("EPOLL_CTL_ADD") && known) return PendingCall.failed("EEXIST", now);
                if (op.equals("EPOLL_CTL_MOD") && !known) return PendingCall.failed("ENOENT", now);
                interest.put(fd, Epoll.of(call.arg(3)).events());
                return PendingCall.returned(0, now);
            }
            case "epoll_wait" -> { return epollWait(call, interest); }
            default -> { return PendingCall.failed("EINVAL", now); }
        }
    }

    /**
     * epoll_wait(2), level-triggered, on an interest list of one fd: poll(2) of that fd; the event
     * returned (0 events when none is ready) is compared with the script's, as packetdrill does.
     */
    private PendingCall epollWait(Event.Syscall call, java.util.Map<Integer, Integer> interest) {
        if (interest.isEmpty()) throw new ScriptProblem(call.line(), "epoll_wait on an epoll with no fd (was its epoll_ctl skipped?)");
        if (interest.size() > 1) {
            throw new ScriptProblem(call.line(), "epoll_wait on an epoll of " + interest.size() + " fds is not modelled (only one)");
        }
        Epoll want = Epoll.of(call.arg(1));
        java.util.Map.Entry<Integer, Integer> watched = interest.entrySet().iterator().next();
        PendingCall ready;
        try {
            ready = target.call(new SocketCall.Poll(watched.getKey(), watched.getValue(), number(call, 3, "the timeout")));
        } catch (UnsupportedOperationException e) {
            throw new ScriptProblem(call.line(), e.getMessage());
        }
        PendingCall result = new PendingCall();
        ready.whenDone(() -> {
            if (ready.errno() != null) {
                result.fail(ready.errno(), ready.at());
                return;
            }
            int events = (int) ready.value();
            if (events != want.events()) result.withOutProblem("events were " + Epoll.text(events) + ", not " + Epoll.text(want.events()));
            else if (events != 0 && want.fd() != watched.getKey()) result.withOutProblem("the event's fd was " + watched.getKey() + ", not " + want.fd());
            result.succeed(events == 0 ? 0 : 1, ready.at());
        });
        return result;
    }

    private static PendingCall compareRevents(Poll p, PendingCall nval) {
        PendingCall c = new PendingCall();
        compareRevents(p, c, (int) nval.value(), nval.at());
        return c;
    }

    private static void compareRevents(Poll p, PendingCall c, int revents, long at) {
        if (p.revents() >= 0 && revents != p.revents()) c.withOutProblem("revents were " + Poll.text(revents) + ", not " + Poll.text(p.revents()));
        c.succeed(revents == 0 ? 0 : 1, at);
    }

    /** send/recv: as write/read; MSG_DONTWAIT makes this one call non-blocking. */
    private PendingCall withFlags(Event.Syscall call, int fd, FdTable.Socket socket, SocketCall io) {
        boolean dontWait = mentions(call.arg(3), "MSG_DONTWAIT") && !socket.nonBlocking;
        if (dontWait) target.call(new SocketCall.SetNonBlocking(fd, true));
        PendingCall c = target.call(io);
        if (dontWait) target.call(new SocketCall.SetNonBlocking(fd, false));
        return c;
    }

    private PendingCall shutdown(Event.Syscall call, int fd) {
        String how = ((Expr.Word) call.arg(1)).name();
        return target.call(new SocketCall.Shutdown(fd, !how.equals("SHUT_WR"), !how.equals("SHUT_RD")));
    }

    /**
     * getsockopt: the value written back is compared with the script's ({@code [1]},
     * {@code [ECONNREFUSED]}, {@code {onoff=1, linger=0}}); a different one fails the line.
     */
    private PendingCall getsockopt(Event.Syscall call, int fd, FdTable.Socket socket, long now) {
        String option = ((Expr.Word) call.arg(2)).name();
        Expr want = call.arg(3);
        return switch (option) {
            case "SO_ERROR" -> {
                PendingCall error = target.call(new SocketCall.TakeError(fd));
                String got = error.errno() == null ? "0" : error.errno();
                String expected = want instanceof Expr.Array a && a.items().size() == 1 ? a.items().get(0).toString() : String.valueOf(want);
                PendingCall c = PendingCall.returned(0, now);
                yield expected.equals(got) || want instanceof Expr.Ellipsis ? c : c.withOutProblem("SO_ERROR was " + got + ", not " + expected);
            }
            case "SO_RCVBUF" -> {
                PendingCall buffer = target.call(new SocketCall.ReceiveBuffer(fd));
                PendingCall c = PendingCall.returned(0, now);
                yield want instanceof Expr.Ellipsis || firstNumber(want) == buffer.value() ? c
                        : c.withOutProblem("SO_RCVBUF was [" + buffer.value() + "], not " + want);
            }
            case "SO_REUSEADDR" -> {
                long got = socket.reuseAddr ? 1 : 0;
                PendingCall c = PendingCall.returned(0, now);
                yield want instanceof Expr.Ellipsis || firstNumber(want) == got ? c : c.withOutProblem("SO_REUSEADDR was [" + got + "], not " + want);
            }
            default -> {
                Linger got = socket.linger == null ? new Linger(false, 0) : socket.linger;
                Linger expected = Linger.of(want);
                PendingCall c = PendingCall.returned(0, now);
                yield want instanceof Expr.Ellipsis || got.equals(expected) ? c
                        : c.withOutProblem("SO_LINGER was {onoff=" + (got.on() ? 1 : 0) + ", linger=" + got.seconds() + "}, not " + want);
            }
        };
    }

    private PendingCall close(int fd) {
        PendingCall c = target.call(new SocketCall.Close(fd));
        fds.close(fd);
        return c;
    }

    private PendingCall setsockopt(Event.Syscall call, int fd, FdTable.Socket socket) {
        if (call.arg(2) instanceof Expr.Word w && w.name().equals("SO_LINGER")) {
            socket.linger = Linger.of(call.arg(3));
            return target.call(new SocketCall.SetLinger(fd, socket.linger));
        }
        if (call.arg(2) instanceof Expr.Word w && w.name().equals("SO_RCVBUF")) {
            try {
                return target.call(new SocketCall.SetReceiveBuffer(fd, firstNumber(call.arg(3))));
            } catch (UnsupportedOperationException e) {
                throw new ScriptProblem(call.line(), e.getMessage());
            }
        }
        socket.reuseAddr = firstNumber(call.arg(3)) != 0;
        return target.call(new SocketCall.SetReuseAddr(fd, socket.reuseAddr));
    }

    private PendingCall fcntl(Event.Syscall call, int fd, FdTable.Socket socket) {
        if (call.arg(1) instanceof Expr.Word w && w.name().equals("F_GETFL")) {
            return PendingCall.returned(O_RDWR | (socket.nonBlocking ? O_NONBLOCK : 0), target.now());
        }
        socket.nonBlocking = mentions(call.arg(2), "O_NONBLOCK");
        return target.call(new SocketCall.SetNonBlocking(fd, socket.nonBlocking));
    }

    static int fd(Event.Syscall call) {
        if (call.arg(0) instanceof Expr.Int i) return (int) i.value();
        throw new ScriptProblem(call.line(), call.name() + " needs a file descriptor number as its first argument, got " + call.arg(0));
    }

    private static long number(Event.Syscall call, int index, String what) {
        if (call.arg(index) instanceof Expr.Int i) return i.value();
        throw new ScriptProblem(call.line(), call.name() + " needs a number for " + what + " (argument " + (index + 1) + "), got " + call.arg(index));
    }

    /** write(fd, ..., N), write(fd, "text", N), send(fd, ..., N, flags): the byte count. */
    private static int length(Event.Syscall call) {
        if (call.arg(2) instanceof Expr.Int i) return (int) i.value();
        if (call.arg(1) instanceof Expr.Str s) return s.value().length();
        return (int) number(call, 2, "the byte count");
    }

    private static long firstNumber(Expr e) {
        if (e instanceof Expr.Int i) return i.value();
        if (e instanceof Expr.Array a && !a.items().isEmpty()) return firstNumber(a.items().get(0));
        return 0;
    }

    private static boolean mentions(Expr e, String word) {
        if (e instanceof Expr.Word w) return w.name().equals(word);
        return e instanceof Expr.Binary b && (mentions(b.lhs(), word) || mentions(b.rhs(), word));
    }

    /** A script line the runner cannot carry out, reported as a failure of that line. */
    static final class ScriptProblem extends RuntimeException {
        final int line;

        ScriptProblem(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }
}
