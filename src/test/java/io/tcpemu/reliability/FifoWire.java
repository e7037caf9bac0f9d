package io.tcpemu.reliability;

import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.IsnGenerator;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.TcpConfig;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Two {@link Recorded} connections joined by a FIFO wire that delivers one segment per step,
 * 1 ms apart, so a fixture can stop the exchange at the moment a state is reached. The only timer
 * that runs is a delayed ACK's (linux profile), when nothing else is in flight: Linux waits for the
 * application before it ACKs a FIN.
 */
final class FifoWire {
    static final SockAddr CLIENT = SockAddr.of("10.0.0.1", 40000);
    static final SockAddr SERVER = SockAddr.of("10.0.0.2", 80);
    private static final long STEP = 1_000;

    final Recorded client;
    final Recorded server;
    long now;
    private final Deque<Segment> inFlight = new ArrayDeque<>();
    private final List<Predicate<Segment>> dropOnce = new ArrayList<>();
    private int clientCursor;
    private int serverCursor;

    /**
     * @param isnSeed   the ISN generator's key
     * @param clientIsn the ISN the client's first SYN will carry: the clock starts where the
     *                  generator picks it, so a test can put sequence numbers next to 2^32
     */
    FifoWire(TcpConfig config, long isnSeed, int clientIsn) {
        IsnGenerator isn = new IsnGenerator(isnSeed);
        client = new Recorded(1, config, isn);
        server = new Recorded(2, config, isn);
        int offset = isn.next(new FourTuple(CLIENT, SERVER), 0);
        now = IsnGenerator.CLOCK_TICK_MICROS * ((clientIsn - offset) & 0xFFFF_FFFFL);
    }

    /** The next segment (either way) that matches is lost. */
    FifoWire dropNext(Predicate<Segment> match) {
        dropOnce.add(match);
        return this;
    }

    /** Delivers segments one at a time until {@code done} holds; fails if the wire runs dry first. */
    FifoWire runUntil(BooleanSupplier done) {
        for (int steps = 0; steps < 1_000; steps++) {
            collect();
            if (done.getAsBoolean()) return this;
            Segment seg = inFlight.poll();
            if (seg == null) {
                if (fireDelayedAck(client) || fireDelayedAck(server)) continue;
                break;
            }
            now += STEP;
            (seg.dst().equals(CLIENT) ? client : server).conn.handleSegment(seg, now);
        }
        throw new AssertionError("fixture did not reach its state: client " + client.state() + ", server " + server.state());
    }

    private boolean fireDelayedAck(Recorded end) {
        Long deadline = end.timers.remove(io.tcpemu.tcp.TimerKind.DELAYED_ACK);
        if (deadline == null) return false;
        now = Math.max(now, deadline);
        end.conn.handleTimer(io.tcpemu.tcp.TimerKind.DELAYED_ACK, now);
        return true;
    }

    /** Forgets what is still in flight (those segments are lost). */
    FifoWire cut() {
        collect();
        inFlight.clear();
        return this;
    }

    private void collect() {
        while (clientCursor < client.sent.size()) enqueue(client.sent.get(clientCursor++).segment());
        while (serverCursor < server.sent.size()) enqueue(server.sent.get(serverCursor++).segment());
    }

    private void enqueue(Segment seg) {
        for (int i = 0; i < dropOnce.size(); i++) {
            if (dropOnce.get(i).test(seg)) {
                dropOnce.remove(i);
                return;
            }
        }
        inFlight.add(seg);
    }
}
