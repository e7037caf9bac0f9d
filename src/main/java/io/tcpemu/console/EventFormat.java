package io.tcpemu.console;

import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.HostEvent;
import io.tcpemu.trace.TraceEvent.NoticeEvent;
import io.tcpemu.trace.TraceEvent.SegmentEvent;
import io.tcpemu.trace.TraceEvent.SocketCall;
import io.tcpemu.trace.TraceEvent.StateChanged;
import io.tcpemu.trace.TraceEvent.TimerAction;
import io.tcpemu.trace.TraceEvent.TimerEvent;

import java.util.Locale;
import java.util.function.BiFunction;

/** One line per trace event, as the console prints it above the prompt; null when the verbosity hides it. */
final class EventFormat {
    private EventFormat() {}

    /** {@code names} gives a connection's console name from (host, connId), or null. */
    static String line(TraceEvent e, Verbosity v, BiFunction<String, Long, String> names) {
        String body = null;
        if (e instanceof StateChanged s) {
            // CLOSED -> LISTEN is each passive child being born; 'listening on port' already said it
            boolean birth = s.from() == State.CLOSED && s.to() == State.LISTEN;
            if (v == Verbosity.VERBOSE || v == Verbosity.NORMAL && !birth) {
                body = label(s.host(), s.connId(), names) + " " + s.from() + " -> " + s.to() + cause(s.cause());
            }
        } else if (e instanceof SegmentEvent s) {
            body = segment(s, v);
        } else if (e instanceof TimerEvent t) {
            body = timer(t, v, names);
        } else if (e instanceof NoticeEvent n) {
            // the session prints what a socket owner hears (connected, reset ...); the raw notice only when verbose
            if (v == Verbosity.VERBOSE) body = label(n.host(), n.connId(), names) + " notice " + n.notice();
        } else if (e instanceof SocketCall c) {
            if (v == Verbosity.VERBOSE) body = c.host() + " " + c.call() + " -> " + c.result();
        } else if (e instanceof TraceEvent.Forwarded f) {
            if (v == Verbosity.VERBOSE) body = f.router() + " forwarded " + f.out() + " to " + f.next() + " after "
                    + String.format(Locale.ROOT, "%.3fms", f.queued() / 1000.0) + cause(f.note());
        } else if (e instanceof HostEvent h) {
            if (v != Verbosity.QUIET) body = h.host() + " " + h.kind() + (h.detail().isEmpty() ? "" : ": " + h.detail());
        }
        return body == null ? null : time(e.time()) + "  " + body;
    }

    static String time(long micros) {
        return String.format(Locale.ROOT, "%12.3fms", micros / 1000.0);
    }

    private static String segment(SegmentEvent s, Verbosity v) {
        if (v == Verbosity.QUIET) return null;
        return switch (s.action()) {
            case SENT -> s.where() + " sent " + s.segment() + (s.retransmission() ? "  (retransmission)" : "");
            case DROPPED -> s.where() + " DROPPED " + s.segment() + cause(s.reason());
            case DUPLICATED -> s.where() + " duplicated " + s.segment() + cause(s.reason());
            case DELIVERED -> v == Verbosity.VERBOSE ? s.where() + " got " + s.segment() : null;
        };
    }

    private static String timer(TimerEvent t, Verbosity v, BiFunction<String, Long, String> names) {
        if (t.action() == TimerAction.FIRED && v != Verbosity.QUIET) return label(t.host(), t.connId(), names) + " timer " + t.kind() + " fired";
        if (v == Verbosity.VERBOSE) return label(t.host(), t.connId(), names) + " timer " + t.kind() + " " + t.action();
        return null;
    }

    private static String label(String host, long connId, BiFunction<String, Long, String> names) {
        String name = names.apply(host, connId);
        return name != null ? host + " " + name : host;
    }

    private static String cause(String c) { return c == null || c.isEmpty() ? "" : "  (" + c + ")"; }

}
