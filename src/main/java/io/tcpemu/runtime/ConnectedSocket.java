package io.tcpemu.runtime;

import io.tcpemu.tcp.FourTuple;

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
        return sockets.askEndpoint(ref, r -> new Endpoint.Write(data, r)).thenApply(reply -> ((Endpoint.Ok) reply).bytes());
    }

    /** read(2): up to {@code max} bytes once some arrived; an empty array at end of stream. */
    public CompletionStage<byte[]> read(int max) {
        return sockets.askEndpoint(ref, r -> new Endpoint.Read(max, r)).thenApply(reply -> ((Endpoint.Received) reply).bytes());
    }

    /** shutdown(SHUT_WR): send FIN after the queued data; reading goes on. */
    public CompletionStage<Void> shutdown() { return done(sockets.askEndpoint(ref, Endpoint.Shutdown::new)); }

    /** close(2). With SO_LINGER 0 this is an abort (RST). */
    public CompletionStage<Void> close() { return done(sockets.askEndpoint(ref, Endpoint.Close::new)); }

    /** Abort: RST now, no TIME-WAIT. */
    public CompletionStage<Void> abort() { return done(sockets.askEndpoint(ref, Endpoint.Abort::new)); }

    /** SO_LINGER: {@code seconds == 0} makes close() an abort; any other value restores a normal close. */
    public void setLinger(int seconds) { ref.endpoint().tell(new Endpoint.SetLingerZero(seconds == 0)); }

    /** The connection's state as its endpoint sees it now. */
    public CompletionStage<Endpoint.Info> info() {
        return sockets.ask(ref.endpoint(), Endpoint.Query::new);
    }

    private static CompletionStage<Void> done(CompletionStage<Endpoint.Reply> stage) { return stage.thenApply(r -> null); }

    @Override public String toString() { return ref.toString(); }
}
