package io.tcpemu.pkt;

import io.tcpemu.console.Suggest;

import java.util.Set;

/**
 * What the emulator honours of the socket API: the system calls of a connection's lifecycle, the
 * socket options SO_REUSEADDR, SO_LINGER and SO_RCVBUF, and fcntl's O_NONBLOCK. Everything else is skipped
 * with a reason, so a report shows what a run did not check.
 */
final class Support {
    private Support() {}

    static final Set<String> CALLS = Set.of(
            "socket", "bind", "listen", "accept", "connect", "write", "read", "send", "recv",
            "shutdown", "close", "setsockopt", "getsockopt", "fcntl", "poll", "epoll_create", "epoll_ctl", "epoll_wait");

    static final Set<String> SHUTDOWN_HOWS = Set.of("SHUT_RD", "SHUT_WR", "SHUT_RDWR");

    /** send/recv flags that change nothing for the emulated stream (MSG_DONTWAIT is honoured separately). */
    static final Set<String> MESSAGE_FLAGS = Set.of("MSG_DONTWAIT", "MSG_NOSIGNAL");

    /** Every system call packetdrill knows (its run_system_call.c); a name outside it is a typo, not a skip. */
    static final Set<String> PACKETDRILL_CALLS = Set.of(
            "socket", "bind", "listen", "accept", "connect", "read", "readv", "recv", "recvfrom", "recvmsg",
            "write", "writev", "send", "sendto", "sendmsg", "fcntl", "ioctl", "close", "shutdown",
            "getsockopt", "setsockopt", "poll", "cap_set", "open", "sendfile", "epoll_create", "epoll_ctl",
            "epoll_wait", "pipe", "splice", "psp_rx_assoc", "psp_tx_assoc");

    static final Set<String> SOCKET_OPTIONS = Set.of("SO_REUSEADDR", "SO_LINGER", "SO_ERROR", "SO_RCVBUF");

    static final Set<String> FILE_FLAGS = Set.of("O_NONBLOCK", "O_RDWR");

    /** Why this call is skipped, or null if the emulator runs it. */
    static String whyNot(Event.Syscall call) {
        if (!CALLS.contains(call.name())) return "system call '" + call.name() + "' is not emulated";
        return switch (call.name()) {
            case "setsockopt", "getsockopt" -> socketOption(call);
            case "fcntl" -> fcntl(call);
            case "shutdown" -> call.arg(1) instanceof Expr.Word w && SHUTDOWN_HOWS.contains(w.name()) ? null
                    : "shutdown(" + call.arg(1) + ") is not a shutdown direction (SHUT_RD, SHUT_WR, SHUT_RDWR)";
            case "send", "recv" -> messageFlags(call.arg(3));
            case "poll" -> Poll.of(call) == null ? "poll of more than one fd, or with events it does not know, is not modelled" : null;
            case "epoll_create", "epoll_ctl", "epoll_wait" -> Epoll.whyNot(call);
            default -> null;
        };
    }

    private static String socketOption(Event.Syscall call) {
        Expr option = call.arg(2);
        if (option instanceof Expr.Word w && w.name().equals("SO_ERROR") && call.name().equals("setsockopt")) {
            return "setsockopt(SO_ERROR) is not a settable option";
        }
        if (option instanceof Expr.Word w && SOCKET_OPTIONS.contains(w.name())) return null;
        return "socket option " + (option == null ? "(none)" : option) + " is not modelled (only SO_REUSEADDR, SO_LINGER, SO_RCVBUF and SO_ERROR)";
    }

    /** Why these send/recv flags are not honoured, or null (0, MSG_DONTWAIT, MSG_NOSIGNAL). */
    private static String messageFlags(Expr flags) {
        if (flags == null || flags instanceof Expr.Int i && i.value() == 0) return null;
        if (flags instanceof Expr.Binary b && b.op().equals("|")) {
            String lhs = messageFlags(b.lhs());
            return lhs != null ? lhs : messageFlags(b.rhs());
        }
        if (flags instanceof Expr.Word w && MESSAGE_FLAGS.contains(w.name())) return null;
        return "message flag " + flags + " is not modelled (only MSG_DONTWAIT and MSG_NOSIGNAL)";
    }

    private static String fcntl(Event.Syscall call) {
        Expr command = call.arg(1);
        if (command instanceof Expr.Word w && w.name().equals("F_GETFL")) return null;
        if (command instanceof Expr.Word w && w.name().equals("F_SETFL") && onlyKnownFlags(call.arg(2))) return null;
        return "fcntl " + (command == null ? "" : command) + (call.arg(2) == null ? "" : " " + call.arg(2))
                + " is not modelled (only F_GETFL and F_SETFL with O_NONBLOCK)";
    }

    private static boolean onlyKnownFlags(Expr flags) {
        if (flags instanceof Expr.Binary b && b.op().equals("|")) return onlyKnownFlags(b.lhs()) && onlyKnownFlags(b.rhs());
        if (flags instanceof Expr.Int i) return i.value() == 0;
        return flags instanceof Expr.Word w && FILE_FLAGS.contains(w.name());
    }

    /** Checks the call's name and the arguments the runner will read, so a bad one is a syntax error at its line. */
    static void checkArguments(Event.Syscall call, Cursor in, Token first) {
        if (!PACKETDRILL_CALLS.contains(call.name())) {
            String near = Suggest.closest(call.name(), PACKETDRILL_CALLS);
            throw in.error(first, "unknown system call '" + call.name() + "'" + (near == null ? "" : ", did you mean " + near + "?"));
        }
        if (call.name().equals("setsockopt") && call.arg(2) instanceof Expr.Word w && w.name().equals("SO_LINGER")
                && Linger.of(call.arg(3)) == null) {
            throw in.error(first, "SO_LINGER expects {onoff=N, linger=N}, got " + call.arg(3));
        }
    }
}
