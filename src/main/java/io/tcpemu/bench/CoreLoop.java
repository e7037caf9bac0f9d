package io.tcpemu.bench;

import io.tcpemu.tcp.Connection;
import io.tcpemu.tcp.Effects;
import io.tcpemu.tcp.IsnGenerator;
import io.tcpemu.tcp.Notice;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.tcp.TimerKind;

import java.util.ArrayDeque;

/**
 * Two core connections wired back to back with no actors, no link delay and no trace: the
 * fastest a lifecycle can go, the floor under every actor-level figure. One lifecycle is a
 * handshake, a client-first close, and TIME-WAIT expiry on the client.
 */
public final class CoreLoop {
    private static final SockAddr SERVER = SockAddr.of("10.0.0.2", 80);
    private static final int CLIENT_IP = SockAddr.parseIp("10.0.0.1");

    private final TcpConfig config;
    private final IsnGenerator isn = new IsnGenerator(42);
    private final ArrayDeque<Segment> toServer = new ArrayDeque<>();
    private final ArrayDeque<Segment> toClient = new ArrayDeque<>();
    private long now;
    private long ids;
    private Connection client;
    private Connection server;
    private boolean serverSawEof;

    public CoreLoop(TcpConfig config) { this.config = config; }

    /** Runs one full lifecycle on the given client port; returns the client's final state. */
    public State lifecycle(int clientPort) {
        serverSawEof = false;
        client = new Connection(++ids, config, isn, new Wire(toServer, false));
        server = new Connection(++ids, config, isn, new Wire(toClient, true));
        server.listen(SERVER);
        client.connect(new SockAddr(CLIENT_IP, clientPort), SERVER, now);
        pump();
        client.close(now);
        pump();
        if (serverSawEof) server.close(now);
        pump();
        now += config.timeWait();
        client.handleTimer(TimerKind.TIME_WAIT, now);
        now += 1;
        return client.state();
    }

    private void pump() {
        while (!toServer.isEmpty() || !toClient.isEmpty()) {
            Segment s;
            while ((s = toServer.poll()) != null) server.handleSegment(s, now);
            while ((s = toClient.poll()) != null) client.handleSegment(s, now);
        }
    }

    private final class Wire implements Effects {
        private final ArrayDeque<Segment> out;
        private final boolean isServer;

        Wire(ArrayDeque<Segment> out, boolean isServer) {
            this.out = out;
            this.isServer = isServer;
        }

        @Override public void transmit(Segment segment, boolean retransmission) { out.add(segment); }
        @Override public void armTimer(TimerKind kind, long deadline) {}
        @Override public void cancelTimer(TimerKind kind) {}
        @Override public void stateChanged(State from, State to, String cause) {}
        @Override public void notice(Notice notice) {
            if (isServer && notice == Notice.END_OF_STREAM) serverSawEof = true;
        }
    }
}
