package io.tcpemu.reliability;

import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;

import static io.tcpemu.reliability.FifoWire.CLIENT;
import static io.tcpemu.reliability.FifoWire.SERVER;

/**
 * A connection in each state (and a few variants), reached by driving two real connections over
 * a {@link FifoWire}; whatever is still in flight when the state is reached is lost.
 */
enum CoreFixture {
    CLOSED_FRESH(State.CLOSED) {
        Recorded reach(FifoWire w) { return w.client; }
    },
    CLOSED_AFTER_ABORT(State.CLOSED) {
        Recorded reach(FifoWire w) {
            handshake(w);
            w.client.conn.abort(w.now);
            return w.client;
        }
    },
    LISTEN(State.LISTEN) {
        Recorded reach(FifoWire w) {
            w.server.conn.listen(SERVER);
            return w.server;
        }
    },
    SYN_SENT(State.SYN_SENT) {
        Recorded reach(FifoWire w) {
            w.client.conn.connect(CLIENT, SERVER, w.now);
            return w.client;
        }
    },
    SYN_RECEIVED_PASSIVE(State.SYN_RECEIVED) {
        Recorded reach(FifoWire w) {
            w.server.conn.listen(SERVER);
            w.client.conn.connect(CLIENT, SERVER, w.now);
            w.runUntil(() -> w.server.state() == State.SYN_RECEIVED);
            return w.server;
        }
    },
    SYN_RECEIVED_SIMULTANEOUS(State.SYN_RECEIVED) {
        Recorded reach(FifoWire w) {
            w.client.conn.connect(CLIENT, SERVER, w.now);
            w.server.conn.connect(SERVER, CLIENT, w.now);
            w.runUntil(() -> w.client.state() == State.SYN_RECEIVED);
            return w.client;
        }
    },
    ESTABLISHED_ACTIVE(State.ESTABLISHED) {
        Recorded reach(FifoWire w) { handshake(w); return w.client; }
    },
    ESTABLISHED_PASSIVE(State.ESTABLISHED) {
        Recorded reach(FifoWire w) { handshake(w); return w.server; }
    },
    /** Both ends have sent data that was lost: retransmissions pending, a gap for the peer. */
    ESTABLISHED_DATA_IN_FLIGHT(State.ESTABLISHED) {
        Recorded reach(FifoWire w) {
            handshake(w);
            w.client.write(3_000, w.now);
            w.server.write(700, w.now);
            return w.client;
        }
    },
    /** Data received and not read (what rstOnCloseWithUnread looks at). */
    ESTABLISHED_UNREAD(State.ESTABLISHED) {
        Recorded reach(FifoWire w) {
            handshake(w);
            w.server.write(500, w.now);
            w.runUntil(() -> w.client.conn.readable() == 500);
            return w.client;
        }
    },
    FIN_WAIT_1(State.FIN_WAIT_1) {
        Recorded reach(FifoWire w) {
            handshake(w);
            w.client.write(100, w.now);
            w.client.conn.close(w.now);
            return w.client;
        }
    },
    FIN_WAIT_2(State.FIN_WAIT_2) {
        Recorded reach(FifoWire w) {
            handshake(w);
            w.client.conn.close(w.now);
            w.runUntil(() -> w.client.state() == State.FIN_WAIT_2);
            return w.client;
        }
    },
    CLOSE_WAIT(State.CLOSE_WAIT) {
        Recorded reach(FifoWire w) {
            handshake(w);
            w.server.conn.close(w.now);
            w.runUntil(() -> w.client.state() == State.CLOSE_WAIT);
            return w.client;
        }
    },
    CLOSING(State.CLOSING) {
        Recorded reach(FifoWire w) {
            handshake(w);
            w.client.conn.close(w.now);
            w.server.conn.close(w.now);
            w.runUntil(() -> w.client.state() == State.CLOSING);
            return w.client;
        }
    },
    LAST_ACK(State.LAST_ACK) {
        Recorded reach(FifoWire w) {
            handshake(w);
            w.server.conn.shutdown(w.now);
            w.runUntil(() -> w.client.state() == State.CLOSE_WAIT);
            w.client.conn.close(w.now);
            return w.client;
        }
    },
    TIME_WAIT(State.TIME_WAIT) {
        Recorded reach(FifoWire w) {
            handshake(w);
            w.client.conn.close(w.now);
            w.runUntil(() -> w.client.state() == State.FIN_WAIT_2 && w.server.state() == State.CLOSE_WAIT);
            w.server.conn.close(w.now);
            w.runUntil(() -> w.client.state() == State.TIME_WAIT);
            return w.client;
        }
    };

    final State state;

    CoreFixture(State state) { this.state = state; }

    /** Drives the wire's connections until the subject is in {@link #state}; returns the subject. */
    abstract Recorded reach(FifoWire w);

    /** The subject, with what is still in flight lost; fails if the state was not reached. */
    Subject subject(FifoWire w) {
        Recorded me = reach(w);
        w.cut();
        if (me.state() != state) throw new AssertionError(this + " reached " + me.state());
        return new Subject(w, me, me == w.client ? SERVER : CLIENT, me == w.client ? CLIENT : SERVER);
    }

    private static void handshake(FifoWire w) {
        w.server.conn.listen(SERVER);
        w.client.conn.connect(CLIENT, SERVER, w.now);
        w.runUntil(() -> w.client.state() == State.ESTABLISHED && w.server.state() == State.ESTABLISHED);
    }

    /**
     * The connection under test and where its peer is. {@code rcvNxt} and {@code sndNxt} are
     * read from what it sent (its last acknowledgment, its furthest sequence number), so fuzzed
     * segments can land next to them.
     */
    record Subject(FifoWire wire, Recorded me, SockAddr peer, SockAddr local) {
        int rcvNxt() {
            for (int i = me.sent.size() - 1; i >= 0; i--) {
                Segment s = me.sent.get(i).segment();
                if (s.isAck() && !s.isRst()) return s.ack();
            }
            return 0x5EED_0000;
        }

        int sndNxt() {
            int best = 0;
            boolean any = false;
            for (Recorded.Sent sent : me.sent) {
                Segment s = sent.segment();
                if (s.isRst()) continue;
                int end = s.seq() + s.seqLength();
                if (!any || end - best > 0) best = end;
                any = true;
            }
            return any ? best : 0x0BAD_0000;
        }
    }
}
