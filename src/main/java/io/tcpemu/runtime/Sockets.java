package io.tcpemu.runtime;

import io.tcpemu.tcp.SockAddr;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.function.Function;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The socket API over the host actors, for the CLI, the console, scripts and tests: each call
 * answers asynchronously, failing with an {@link ErrnoException} that carries the errno.
 * Workload actors use the message protocol ({@link Host.Connect}, {@link Host.Listen} with
 * {@link SocketEvent.Delivery#PUSH}) instead, never ask.
 */
public final class Sockets {
    /** Long enough for any emulated handshake or read to finish; only a call nobody will ever answer hits it. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofDays(1);

    private final ActorSystem<?> system;
    private final Directory directory;
    private final Duration timeout;

    public Sockets(ActorSystem<?> system, Directory directory) { this(system, directory, DEFAULT_TIMEOUT); }

    public Sockets(ActorSystem<?> system, Directory directory, Duration timeout) {
        this.system = system;
        this.directory = directory;
        this.timeout = timeout;
    }

    /** listen(2) on {@code port} of {@code host}; fails with EADDRINUSE if the port is taken. */
    public CompletionStage<ListeningSocket> listen(String host, int port, int backlog, boolean reuseAddr) {
        return withHost(host, "listen " + port, ref -> askHost(ref, (ActorRef<SocketEvent> r) ->
                new Host.Listen(port, backlog, reuseAddr, r, SocketEvent.Delivery.PULL))
                .thenApply(ok -> new ListeningSocket(this, ref, host, port)));
    }

    /** connect(2) from an ephemeral port. */
    public CompletionStage<ConnectedSocket> connect(String host, SockAddr remote) { return connect(host, 0, remote); }

    /** connect(2) from {@code localPort} (bind first); 0 picks an ephemeral port. */
    public CompletionStage<ConnectedSocket> connect(String host, int localPort, SockAddr remote) {
        return withHost(host, "connect " + remote, ref -> askHost(ref, (ActorRef<SocketEvent> r) ->
                new Host.Connect(remote, localPort, r, SocketEvent.Delivery.PULL))
                .thenApply(e -> new ConnectedSocket(this, ((SocketEvent.Connected) e).socket())));
    }

    /**
     * connect(2) on a non-blocking socket: completes as soon as the SYN is on its way (Linux's
     * EINPROGRESS) with the socket, still connecting; {@link #poll} says when it is writable (connected)
     * or in error, and {@link #soError} what the error is. Close it to abandon the connect.
     * Fails at once only when no SYN could be sent (EADDRNOTAVAIL, ENETUNREACH, EINVAL).
     */
    public CompletionStage<ConnectedSocket> connectNonBlocking(String host, int localPort, SockAddr remote) {
        return withHost(host, "connect " + remote, ref -> askHost(ref, (ActorRef<SocketEvent> r) ->
                new Host.ConnectNonBlocking(remote, localPort, r))
                .thenApply(e -> new ConnectedSocket(this, ((SocketEvent.Connecting) e).socket())));
    }

    /**
     * getsockopt(SO_ERROR): the socket's pending error, which reading clears (as Linux's
     * {@code sock_error}); empty when there is none. A refused non-blocking connect reads
     * ECONNREFUSED once, then nothing. After close, always empty.
     */
    public CompletionStage<java.util.Optional<Errno>> soError(ConnectedSocket socket) {
        return askEndpoint(socket.ref(), Endpoint.GetError::new)
                .handle((reply, failure) -> failure != null || !(reply instanceof Endpoint.SoError e)
                        ? java.util.Optional.<Errno>empty() : java.util.Optional.ofNullable(e.errno()));
    }

    /**
     * poll(2) for one socket, now (it does not wait): readable, writable, error, hang-up, the peer
     * closed (POLLRDHUP), as Linux's {@code tcp_poll} reports them; see {@link Readiness}. While a
     * connect is pending nothing is ready; after close, {@link Readiness#ENDED}.
     */
    public CompletionStage<Readiness> poll(ConnectedSocket socket) {
        return askSocket(socket.ref(), Endpoint.Poll::new)
                .handle((r, failure) -> failure != null ? Readiness.ENDED : r);
    }

    /** The host's connections, listeners and TIME-WAIT entries. */
    public CompletionStage<Host.Table> table(String host) {
        return withHost(host, "table", ref -> ask(ref, Host.GetTable::new));
    }

    /** Every connection of the host with its state now (asks each endpoint; for the console, not the hot path). */
    public CompletionStage<List<Endpoint.Info>> connections(String host) {
        return table(host).thenCompose(table -> {
            List<CompletableFuture<Endpoint.Info>> infos = new ArrayList<>();
            for (SocketRef s : table.connections()) infos.add(askSocket(s, Endpoint.Query::new));
            return CompletableFuture.allOf(infos.toArray(CompletableFuture[]::new))
                    .thenApply(done -> infos.stream().map(CompletableFuture::join).toList());
        });
    }

    public CompletionStage<HostCounters.Snapshot> counters(String host) {
        return withHost(host, "counters", ref -> ask(ref, Host.GetCounters::new));
    }

    /** Asks a host for a socket event; a {@link SocketEvent.Failed} becomes a failed stage. */
    CompletionStage<SocketEvent> askHost(ActorRef<Host.Command> host, Function<ActorRef<SocketEvent>, Host.Command> message) {
        return ask(host, message).thenCompose(Sockets::unlessFailed);
    }

    /** Asks an endpoint; a {@link Endpoint.Failure} becomes a failed stage, and so does a socket whose endpoint is gone ({@link Gone}). */
    CompletionStage<Endpoint.Reply> askEndpoint(SocketRef socket, Function<ActorRef<Endpoint.Reply>, Endpoint.Command> message) {
        return askSocket(socket, message).thenCompose(reply ->
                reply instanceof Endpoint.Failure f ? CompletableFuture.failedStage(f.exception())
                        : CompletableFuture.completedStage(reply));
    }

    /**
     * Asks the endpoint of {@code socket} (through its host, {@link Host.ToEndpoint}); fails with
     * {@link Gone} when the endpoint is gone, as an ask to a stopped actor fails.
     */
    @SuppressWarnings("unchecked")
    <R> CompletableFuture<R> askSocket(SocketRef socket, Function<ActorRef<R>, Endpoint.Command> message) {
        return ask(socket.hostRef(), (ActorRef<Object> replyTo) ->
                new Host.ToEndpoint(socket, message.apply((ActorRef<R>) (ActorRef<?>) replyTo), replyTo))
                .thenCompose(reply -> reply instanceof Host.Gone ? CompletableFuture.failedFuture(new Gone(socket))
                        : CompletableFuture.completedFuture((R) reply));
    }

    /** A call on a socket whose endpoint is gone: its connection ended and its user closed it. */
    static final class Gone extends RuntimeException {
        Gone(SocketRef socket) { super(socket + ": the connection's endpoint is gone", null, false, false); }
    }

    /**
     * Pekko's ask, completing a plain future on the thread that delivers the reply. (The stage
     * Pekko returns runs even non-async callbacks on another thread; on virtual time that thread
     * is outside the emulation, so a driver waiting for the result would not see it.)
     */
    <Q, R> CompletableFuture<R> ask(ActorRef<Q> target, Function<ActorRef<R>, Q> message) {
        CompletableFuture<R> result = new CompletableFuture<>();
        AskPattern.ask(target, message, timeout, system.scheduler()).whenCompleteAsync((reply, failure) -> {
            if (failure != null) result.completeExceptionally(failure);
            else result.complete(reply);
        }, Runnable::run);
        return result;
    }

    private static CompletionStage<SocketEvent> unlessFailed(SocketEvent event) {
        return event instanceof SocketEvent.Failed f ? CompletableFuture.failedStage(f.exception())
                : CompletableFuture.completedStage(event);
    }

    private <T> CompletionStage<T> withHost(String host, String call, java.util.function.Function<ActorRef<Host.Command>, CompletionStage<T>> body) {
        ActorRef<Host.Command> ref = directory.host(host);
        if (ref == null) return CompletableFuture.failedStage(new ErrnoException(Errno.EINVAL, call + ": no host named '" + host + "'"));
        return body.apply(ref);
    }
}
