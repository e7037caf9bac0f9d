package io.tcpemu.runtime;

import io.tcpemu.tcp.FourTuple;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** A connected socket from {@link Sockets}: the calls of a stream socket, each answered later. */
public final class ConnectedSocket {
    private final Sockets sockets;
    private final SocketRef ref;

    ConnectedSocket(Sockets sockets, SocketRef ref) {
        this.sockets = sockets;
        this.ref = ref;
    }

    public SocketRef ref() { return ref; }
    public FourTuple tuple() { return ref.tuple(); }

    /** write(2): completes with the byte count once all are in the send buffer; EPIPE after shutdown. */
    public CompletionStage<Integer> write(byte[] data) {
        return ifGone(sockets.askEndpoint(ref, r -> new Endpoint.Write(data, r)), new Endpoint.Failure("write", Errno.EPIPE))
                .thenApply(reply -> ((Endpoint.Ok) reply).bytes());
    }

    /** read(2): up to {@code max} bytes once some arrived; an empty array at end of stream. */
    public CompletionStage<byte[]> read(int max) {
        return ifGone(sockets.askEndpoint(ref, r -> new Endpoint.Read(max, r)), new Endpoint.Received(new byte[0]))
                .thenApply(reply -> ((Endpoint.Received) reply).bytes());
    }

    /** shutdown(SHUT_WR): send FIN after the queued data; reading goes on. */
    public CompletionStage<Void> shutdown() { return shutdown(Endpoint.Shut.WR); }

    /**
     * shutdown(2): SHUT_WR sends FIN after the queued data; SHUT_RD sends nothing but reads see end of
     * stream once the buffer is empty (arriving bytes are still taken and acknowledged, as on Linux);
     * SHUT_RDWR both.
     */
    public CompletionStage<Void> shutdown(Endpoint.Shut how) {
        return done(sockets.askEndpoint(ref, r -> new Endpoint.Shutdown(how, r)));
    }

    /** close(2). With SO_LINGER 0 this is an abort (RST). */
    public CompletionStage<Void> close() { return done(sockets.askEndpoint(ref, Endpoint.Close::new)); }

    /** Abort: RST now, no TIME-WAIT. */
    public CompletionStage<Void> abort() { return done(sockets.askEndpoint(ref, Endpoint.Abort::new)); }

    /** SO_LINGER: {@code seconds == 0} makes close() an abort; any other value restores a normal close. */
    public void setLinger(int seconds) { ref.tell(new Endpoint.SetLingerZero(seconds == 0)); }

    /** The connection's state as its endpoint sees it now. */
    public CompletionStage<Endpoint.Info> info() {
        return sockets.askSocket(ref, Endpoint.Query::new);
    }

    private static CompletionStage<Void> done(CompletionStage<Endpoint.Reply> stage) {
        return ifGone(stage, new Endpoint.Ok(0)).thenApply(r -> null);
    }

    /**
     * After the connection ended (reset, timed out, closed) its endpoint is gone, but the socket
     * still answers as Linux's does once the error was reported: writes EPIPE, reads end of
     * stream, close and shutdown succeed.
     */
    private static CompletionStage<Endpoint.Reply> ifGone(CompletionStage<Endpoint.Reply> stage, Endpoint.Reply answer) {
        return stage.handle((reply, failure) -> {
            if (failure == null) return CompletableFuture.completedStage(reply);
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof Sockets.Gone)
                return answer instanceof Endpoint.Failure f ? CompletableFuture.<Endpoint.Reply>failedStage(f.exception())
                        : CompletableFuture.completedStage(answer);
            return CompletableFuture.<Endpoint.Reply>failedStage(cause);
        }).thenCompose(x -> x);
    }

    @Override public String toString() { return ref.toString(); }
}
