package io.tcpemu.console;

import io.tcpemu.runtime.SocketRef;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import org.apache.pekko.actor.typed.ActorRef;

import java.io.ByteArrayOutputStream;

/**
 * One connection end the console knows by name ({@code c1} for the user's connects,
 * {@code b.conn1} for the ones a host accepted). Written from emulation threads, read by the
 * console: every access is synchronized on the connection.
 */
public final class NamedConnection {
    private final String id;
    private final String host;
    private final SockAddr remote;
    private final boolean active;
    private long connId = -1;
    private FourTuple tuple;
    private SocketRef socket;
    private State state = State.CLOSED;
    private boolean eof;
    private String error = "";
    /** True once the endpoint is gone (the connection ended): calls are answered here, as the kernel answers a dead socket. */
    private boolean ended;
    /** The error a reset left for the next call to report once (Linux's sk_err); null when none. */
    private io.tcpemu.runtime.Errno pendingError;
    /** Calls that failed, as "connect 10.0.0.2:81: ECONNREFUSED (connection refused)". */
    private final java.util.List<String> failedCalls = new java.util.ArrayList<>();
    private long bytesReceived, bytesAfterClose;
    /** Bytes this console handed to this end's write. */
    private long bytesWritten;
    /** True once this end called shutdown, close or abort: what arrives after that is counted apart. */
    private boolean closeCalled;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private ActorRef<Object> owner;

    NamedConnection(String id, String host, SockAddr remote, boolean active) {
        this.id = id;
        this.host = host;
        this.remote = remote;
        this.active = active;
    }

    public String id() { return id; }
    public String host() { return host; }
    public synchronized State state() { return state; }
    public synchronized FourTuple tuple() { return tuple; }
    public synchronized long connId() { return connId; }
    public synchronized boolean eof() { return eof; }
    public synchronized String error() { return error; }
    public synchronized int readable() { return received.size(); }
    /** True for an end this session opened with connect, false for one a host accepted. */
    public boolean active() { return active; }
    /** Every byte received, read or not. */
    public synchronized long bytesReceived() { return bytesReceived; }
    /** Bytes the console's writes handed to this end. */
    public synchronized long bytesWritten() { return bytesWritten; }
    synchronized void wrote(int bytes) { bytesWritten += bytes; }
    /** The bytes received after this end called shutdown, close or abort (a half-close's data). */
    public synchronized long bytesAfterClose() { return bytesAfterClose; }
    /** Calls on this connection that failed, each as "call: ERRNO (meaning)". */
    public synchronized java.util.List<String> failedCalls() { return java.util.List.copyOf(failedCalls); }

    /** The remote end this connection was opened toward (for matching it to the trace before it is known). */
    SockAddr remote() { return remote; }

    synchronized boolean isBound() { return connId >= 0; }

    synchronized boolean hasSocket() { return socket != null; }

    synchronized void bind(long connId, FourTuple tuple) {
        this.connId = connId;
        if (tuple != null && tuple.remote() != null) this.tuple = tuple;
    }

    synchronized void socket(SocketRef ref) {
        this.socket = ref;
        bind(ref.connId(), ref.tuple());
    }

    synchronized void state(State s) { this.state = s; }
    synchronized void received(byte[] bytes) {
        received.writeBytes(bytes);
        bytesReceived += bytes.length;
        if (closeCalled) bytesAfterClose += bytes.length;
    }

    synchronized void closeCalled() { closeCalled = true; }
    synchronized void failedCall(String what) { failedCalls.add(what); }
    synchronized void eofSeen() { eof = true; }
    synchronized void failed(String why) { error = why; }
    synchronized void reset() {
        error = "ECONNRESET";
        pendingError = io.tcpemu.runtime.Errno.ECONNRESET;
    }
    synchronized void ended() { ended = true; }

    /**
     * Null while the endpoint lives; once it is gone, why a write fails: the pending error once
     * (ECONNRESET after a reset), then EPIPE, as Linux answers writes on a dead connection.
     */
    synchronized io.tcpemu.runtime.Errno writeRefusal() {
        if (!ended) return null;
        io.tcpemu.runtime.Errno e = pendingError != null ? pendingError : io.tcpemu.runtime.Errno.EPIPE;
        pendingError = null;
        return e;
    }
    synchronized void owner(ActorRef<Object> ref) { owner = ref; }
    synchronized ActorRef<Object> owner() { return owner; }

    /** The bytes received so far (at most {@code max}), removed from the buffer. */
    synchronized byte[] take(int max) {
        byte[] all = received.toByteArray();
        int n = Math.min(max, all.length);
        received.reset();
        received.write(all, n, all.length - n);
        return java.util.Arrays.copyOf(all, n);
    }

    /** True when this end's connect failed (ECONNREFUSED, ETIMEDOUT ...): it never had a socket. */
    public synchronized boolean connectFailed() { return socket == null && !error.isEmpty(); }

    /** The socket to call its endpoint through, or an error saying why there is none yet / any more. */
    synchronized SocketRef endpoint() {
        if (socket == null) {
            throw new ConsoleError(id + " is " + describeState() + ", not connected yet",
                    "try 'step 100ms' or 'run until " + id + " is ESTABLISHED'");
        }
        return socket;
    }

    synchronized String describeState() {
        return error.isEmpty() ? state.toString() : state + " (" + error + ")";
    }
}
