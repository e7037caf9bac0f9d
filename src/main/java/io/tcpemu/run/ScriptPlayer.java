package io.tcpemu.run;

import io.tcpemu.emulation.Emulation;
import io.tcpemu.runtime.ConnectedSocket;
import io.tcpemu.runtime.ErrnoException;
import io.tcpemu.runtime.ListeningSocket;
import io.tcpemu.runtime.SocketRef;
import io.tcpemu.tcp.SockAddr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Plays parsed script steps on an emulation. Calls never block: a step on a connection that is
 * not yet connected (or accepted) runs once it is. Every named connection is read as bytes
 * arrive, so unread data never turns a close into a RST, and the bytes are counted.
 * A call that fails (ECONNREFUSED, ETIMEDOUT ...) is an outcome of the scenario, not an error: it
 * is recorded in {@link #outcomes()}.
 */
final class ScriptPlayer {
    private static final int READ_CHUNK = 65536;

    private final Emulation emu;
    private final Map<String, CompletableFuture<ConnectedSocket>> sockets = new LinkedHashMap<>();
    private final Map<String, Named> named = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, CompletableFuture<ListeningSocket>> listeners = new LinkedHashMap<>();
    private final List<String> outcomes = Collections.synchronizedList(new ArrayList<>());

    /** A named connection as the script sees it. */
    static final class Named {
        final String name;
        final boolean active;
        volatile SocketRef ref;
        volatile String error = "";
        volatile long received;
        volatile long receivedAfterShutdown;
        volatile long shutdownAt = -1;

        Named(String name, boolean active) {
            this.name = name;
            this.active = active;
        }
    }

    ScriptPlayer(Emulation emu) { this.emu = emu; }

    /** Checks the names the steps use: each connection is created before it is used, and only once. */
    static void checkNames(List<ScriptCommand> steps) {
        java.util.Set<String> known = new java.util.HashSet<>();
        for (ScriptCommand c : steps) {
            boolean creates = c.verb().equals("connect") || c.verb().equals("accept");
            if (creates && !known.add(c.name())) throw new IllegalArgumentException(c.where() + ": do: the name '" + c.name() + "' is used twice");
            if (!creates && !c.name().isEmpty() && !known.contains(c.name())) {
                throw new IllegalArgumentException(c.where() + ": do: no connection named '" + c.name() + "' before this step"
                        + (known.isEmpty() ? "" : " (known: " + String.join(", ", known) + ")"));
            }
        }
    }

    void play(ScriptCommand c) {
        switch (c.verb()) {
            case "listen" -> listen(c);
            case "unlisten" -> { var l = listeners.remove(c.host() + ":" + c.port()); if (l != null) l.thenAccept(ListeningSocket::close); }
            case "connect" -> open(c, emu.sockets().connect(c.host(), (int) Math.max(0, c.number()), new SockAddr(emu.ip(c.target()), c.port())));
            case "accept" -> open(c, accept(c));
            case "send" -> on(c, s -> s.write(new byte[(int) c.number()]));
            case "shutdown" -> { mark(c); on(c, ConnectedSocket::shutdown); }
            case "close" -> { mark(c); on(c, ConnectedSocket::close); }
            case "abort" -> { mark(c); on(c, ConnectedSocket::abort); }
            case "linger" -> on(c, s -> { s.setLinger((int) c.number()); return CompletableFuture.completedFuture(0); });
            default -> throw new IllegalStateException("unparsed verb " + c.verb());
        }
    }

    /** Named connections in the order the script created them. */
    Map<String, Named> named() { synchronized (named) { return new LinkedHashMap<>(named); } }

    /** Calls that failed, e.g. "c1: connect 10.0.0.2:80: ECONNREFUSED (connection refused)". */
    List<String> outcomes() { synchronized (outcomes) { return List.copyOf(outcomes); } }

    private void listen(ScriptCommand c) {
        int backlog = c.number() > 0 ? (int) c.number() : 128;
        CompletableFuture<ListeningSocket> l = emu.sockets().listen(c.host(), c.port(), backlog, true).toCompletableFuture();
        l.whenComplete((s, e) -> { if (e != null) outcomes.add("listen " + c.host() + ":" + c.port() + ": " + message(e)); });
        listeners.put(c.host() + ":" + c.port(), l);
    }

    /** accept on a listener the script opened: waits for it to listen, then for a connection. */
    private CompletionStage<ConnectedSocket> accept(ScriptCommand c) {
        CompletableFuture<ListeningSocket> l = listeners.get(c.host() + ":" + c.port());
        if (l == null) throw new IllegalArgumentException(c.where() + ": do: accept: nobody listens on " + c.host() + ":" + c.port()
                + " (a 'listen " + c.host() + ":" + c.port() + "' step must come first)");
        return l.thenCompose(ListeningSocket::accept);
    }

    private void open(ScriptCommand c, CompletionStage<ConnectedSocket> call) {
        Named n = new Named(c.name(), c.verb().equals("connect"));
        named.put(c.name(), n);
        CompletableFuture<ConnectedSocket> socket = call.toCompletableFuture();
        sockets.put(c.name(), socket);
        socket.whenComplete((s, e) -> {
            if (e != null) {
                n.error = message(e);
                outcomes.add(c.name() + ": " + n.error);
            } else {
                n.ref = s.ref();
                drain(n, s);
            }
        });
    }

    private <T> void on(ScriptCommand c, java.util.function.Function<ConnectedSocket, CompletionStage<T>> call) {
        sockets.get(c.name()).thenCompose(call).whenComplete((r, e) -> {
            if (e != null && !(unwrap(e) instanceof ErrnoException && sockets.get(c.name()).isCompletedExceptionally())) {
                outcomes.add(c.name() + ": " + c.verb() + ": " + message(e));
            }
        });
    }

    private void mark(ScriptCommand c) {
        Named n = named.get(c.name());
        if (n.shutdownAt < 0) n.shutdownAt = c.at();
    }

    private void drain(Named n, ConnectedSocket s) {
        s.read(READ_CHUNK).whenComplete((bytes, e) -> {
            if (e != null || bytes.length == 0) return;
            n.received += bytes.length;
            if (n.shutdownAt >= 0) n.receivedAfterShutdown += bytes.length;
            drain(n, s);
        });
    }

    private static Throwable unwrap(Throwable e) { return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e; }

    private static String message(Throwable e) { return String.valueOf(unwrap(e).getMessage()); }
}
