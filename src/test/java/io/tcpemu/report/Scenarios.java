package io.tcpemu.report;

import static io.tcpemu.report.TraceBuilder.MSL;
import static io.tcpemu.report.TraceBuilder.end;
import static io.tcpemu.report.TraceBuilder.segment;
import static io.tcpemu.tcp.Flags.ACK;
import static io.tcpemu.tcp.Flags.FIN;
import static io.tcpemu.tcp.Flags.PSH;
import static io.tcpemu.tcp.Flags.SYN;
import static io.tcpemu.tcp.State.CLOSED;
import static io.tcpemu.tcp.State.CLOSE_WAIT;
import static io.tcpemu.tcp.State.CLOSING;
import static io.tcpemu.tcp.State.ESTABLISHED;
import static io.tcpemu.tcp.State.FIN_WAIT_1;
import static io.tcpemu.tcp.State.FIN_WAIT_2;
import static io.tcpemu.tcp.State.LAST_ACK;
import static io.tcpemu.tcp.State.LISTEN;
import static io.tcpemu.tcp.State.SYN_RECEIVED;
import static io.tcpemu.tcp.State.SYN_SENT;
import static io.tcpemu.tcp.State.TIME_WAIT;

import io.tcpemu.report.TraceBuilder.End;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.trace.TraceEvent;

import java.util.List;

/**
 * Textbook traces of one client and one server, 1 ms apart, client ISN 100, server ISN 300:
 * what the runtime traces for each story.
 */
final class Scenarios {
    static final End CLIENT = end("client", "10.0.0.1", 40000, 1);
    static final End SERVER = end("server", "10.0.0.2", 80, 2);
    static final FourTuple CLIENT_VIEW = TraceBuilder.tuple(CLIENT, SERVER);
    static final long TIME_WAIT_MICROS = 2 * MSL;

    private Scenarios() {}

    /** The three-way handshake alone: the client's ACK at 2 ms is the last segment. */
    static TraceBuilder handshake(TraceBuilder t) {
        return t.state(0, SERVER, CLIENT, CLOSED, LISTEN)
                .state(0, CLIENT, SERVER, CLOSED, SYN_SENT)
                .send(0, CLIENT, SERVER, segment(CLIENT, SERVER, SYN, 100, 0, 0))
                .state(1_000, SERVER, CLIENT, LISTEN, SYN_RECEIVED)
                .send(1_000, SERVER, CLIENT, segment(SERVER, CLIENT, SYN | ACK, 300, 101, 0))
                .state(2_000, CLIENT, SERVER, SYN_SENT, ESTABLISHED)
                .send(2_000, CLIENT, SERVER, segment(CLIENT, SERVER, ACK, 101, 301, 0));
    }

    /** Handshake, opening up to the client's close; the client sends 100 bytes. */
    static TraceBuilder handshakeAndData(TraceBuilder t) {
        return handshake(t)
                .send(2_000, CLIENT, SERVER, segment(CLIENT, SERVER, PSH | ACK, 101, 301, 100))
                .state(3_000, SERVER, CLIENT, SYN_RECEIVED, ESTABLISHED)
                .send(3_000, SERVER, CLIENT, segment(SERVER, CLIENT, ACK, 301, 201, 0));
    }

    /** The client closes first at 10 ms, the server 10 ms after: up to the client entering TIME-WAIT on the server's FIN. */
    private static TraceBuilder bothFins(TraceBuilder t) {
        return handshakeAndData(t)
                .state(10_000, CLIENT, SERVER, ESTABLISHED, FIN_WAIT_1)
                .send(10_000, CLIENT, SERVER, segment(CLIENT, SERVER, FIN | ACK, 201, 301, 0))
                .state(11_000, SERVER, CLIENT, ESTABLISHED, CLOSE_WAIT)
                .send(11_000, SERVER, CLIENT, segment(SERVER, CLIENT, ACK, 301, 202, 0))
                .state(12_000, CLIENT, SERVER, FIN_WAIT_1, FIN_WAIT_2)
                .state(20_000, SERVER, CLIENT, CLOSE_WAIT, LAST_ACK)
                .send(20_000, SERVER, CLIENT, segment(SERVER, CLIENT, FIN | ACK, 301, 202, 0))
                .state(21_000, CLIENT, SERVER, FIN_WAIT_2, TIME_WAIT);
    }

    /** The client closes first at 10 ms, the server 10 ms after; the client waits 2·MSL. */
    static List<TraceEvent> handshakeDataClose() {
        return bothFins(new TraceBuilder())
                .send(21_000, CLIENT, SERVER, segment(CLIENT, SERVER, ACK, 202, 302, 0))
                .state(22_000, SERVER, CLIENT, LAST_ACK, CLOSED)
                .state(21_000 + TIME_WAIT_MICROS, CLIENT, SERVER, TIME_WAIT, CLOSED)
                .events();
    }

    /** The client's FIN is lost; its retransmission timer (200 ms) sends it again. */
    static List<TraceEvent> lostFin() {
        return handshakeAndData(new TraceBuilder())
                .state(10_000, CLIENT, SERVER, ESTABLISHED, FIN_WAIT_1)
                .lose(10_000, CLIENT, SERVER, segment(CLIENT, SERVER, FIN | ACK, 201, 301, 0))
                .resend(210_000, CLIENT, SERVER, segment(CLIENT, SERVER, FIN | ACK, 201, 301, 0))
                .state(211_000, SERVER, CLIENT, ESTABLISHED, CLOSE_WAIT)
                .send(211_000, SERVER, CLIENT, segment(SERVER, CLIENT, ACK, 301, 202, 0))
                .state(211_000, SERVER, CLIENT, CLOSE_WAIT, LAST_ACK)
                .send(211_000, SERVER, CLIENT, segment(SERVER, CLIENT, FIN | ACK, 301, 202, 0))
                .state(212_000, CLIENT, SERVER, FIN_WAIT_1, FIN_WAIT_2)
                .state(212_000, CLIENT, SERVER, FIN_WAIT_2, TIME_WAIT)
                .send(212_000, CLIENT, SERVER, segment(CLIENT, SERVER, ACK, 202, 302, 0))
                .state(213_000, SERVER, CLIENT, LAST_ACK, CLOSED)
                .events();
    }

    /** Both ends close at 10 ms: FINs cross, both pass through CLOSING into TIME-WAIT. */
    static List<TraceEvent> simultaneousClose() {
        return handshakeAndData(new TraceBuilder())
                .state(10_000, CLIENT, SERVER, ESTABLISHED, FIN_WAIT_1)
                .send(10_000, CLIENT, SERVER, segment(CLIENT, SERVER, FIN | ACK, 201, 301, 0))
                .state(10_000, SERVER, CLIENT, ESTABLISHED, FIN_WAIT_1)
                .send(10_000, SERVER, CLIENT, segment(SERVER, CLIENT, FIN | ACK, 301, 201, 0))
                .state(11_000, CLIENT, SERVER, FIN_WAIT_1, CLOSING)
                .send(11_000, CLIENT, SERVER, segment(CLIENT, SERVER, ACK, 202, 302, 0))
                .state(11_000, SERVER, CLIENT, FIN_WAIT_1, CLOSING)
                .send(11_000, SERVER, CLIENT, segment(SERVER, CLIENT, ACK, 302, 202, 0))
                .state(12_000, CLIENT, SERVER, CLOSING, TIME_WAIT)
                .state(12_000, SERVER, CLIENT, CLOSING, TIME_WAIT)
                .events();
    }

    /** The client's final ACK is lost: the server's FIN is sent again and acknowledged from TIME-WAIT. */
    static List<TraceEvent> lostFinalAck() {
        return bothFins(new TraceBuilder())
                .lose(21_000, CLIENT, SERVER, segment(CLIENT, SERVER, ACK, 202, 302, 0))
                .resend(220_000, SERVER, CLIENT, segment(SERVER, CLIENT, FIN | ACK, 301, 202, 0))
                .send(221_000, CLIENT, SERVER, segment(CLIENT, SERVER, ACK, 202, 302, 0))
                .state(222_000, SERVER, CLIENT, LAST_ACK, CLOSED)
                .events();
    }
}
