package io.tcpemu.console;

import io.tcpemu.runtime.Endpoint;
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
public final class Conn {
    private final String id;
    private final String host;
    private final SockAddr remote;
    private long connId = -1;
    private FourTuple tuple;
    private SocketRef socket;
    private State state = State.CLOSED;
    private boolean eof;
    private String error = "";
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private ActorRef<Object> owner;

    Conn(String id, String host, SockAddr remote) {
        this.id = id;
        this.host = host;
        this.remote = remote;
    }

    public String id() { return id; }
    public String host() { return host; }
    public synchronized State state() { return state; }
    public synchronized FourTuple tuple() { return tuple; }
    public synchronized long connId() { return connId; }
    public synchronized boolean eof() { return eof; }
    public synchronized String error() { return error; }
    public synchronized int readable() { return received.size(); }

    /** The remote end this connection was opened toward (for matching it to the trace before it is known). */
    SockAddr remote() { return remote; }

    synchronized boolean isBound() { return connId >= 0; }

    synchronized void bind(long connId, FourTuple tuple) {
        this.connId = connId;
        if (tuple != null && tuple.remote() != null) this.tuple = tuple;
    }

    synchronized void socket(SocketRef ref) {
        this.socket = ref;
        bind(ref.connId(), ref.tuple());
    }

    synchronized void state(State s) { this.state = s; }
    synchronized void received(byte[] bytes) { received.writeBytes(bytes); }
    synchronized void eofSeen() { eof = true; }
    synchronized void failed(String why) { error = why; }
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

    /** The endpoint actor, or an error saying why there is none yet / any more. */
    synchronized ActorRef<Endpoint.Command> endpoint() {
        if (socket == null) {
            throw new ConsoleError(id + " is " + describeState() + ", not connected yet",
                    "try 'step 100ms' or 'run until " + id + " is ESTABLISHED'");
        }
        return socket.endpoint();
    }

    synchronized String describeState() {
        return error.isEmpty() ? state.toString() : state + " (" + error + ")";
    }
}
