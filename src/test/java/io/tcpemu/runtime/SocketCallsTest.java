package io.tcpemu.runtime;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket calls around a non-blocking connect (SO_ERROR, poll, close while connecting) and
 * shutdown's three forms, as Linux answers them (each checked on the kernel with packetdrill).
 */
class SocketCallsTest extends TwoHostTest {

    @Test
    void a_pending_connect_is_not_ready_and_a_write_would_block_then_it_is_writable_with_no_error() {
        start(a(), b());
        fx.await(sockets.listen("b", 80, 8, false));
        ConnectedSocket client = fx.await(sockets.connectNonBlocking("a", 0, SERVER));

        assertThat(fx.await(sockets.poll(client)).events()).isZero();
        assertThat(fx.awaitErrno(client.write(new byte[10]))).isEqualTo(Errno.EAGAIN);
        fx.runUntilIdle(10 * MILLISECOND);

        Readiness connected = fx.await(sockets.poll(client));
        assertThat(connected.events()).isEqualTo(Readiness.POLLOUT | Readiness.POLLWRNORM);
        assertThat(fx.await(sockets.soError(client))).isEmpty();
        assertThat(fx.await(client.write(new byte[10]))).isEqualTo(10);
    }

    @Test
    void a_refused_non_blocking_connect_reports_econnrefused_once_through_so_error_and_poll() {
        start(a(), b());
        ConnectedSocket client = fx.await(sockets.connectNonBlocking("a", 0, SockAddr.of("10.0.0.2", 81)));
        fx.runUntilIdle(10 * MILLISECOND);

        // Linux's tcp_poll for a refused connect: POLLIN|POLLOUT|POLLERR|POLLHUP|POLLRDHUP (and the NORM bits).
        assertThat(fx.await(sockets.poll(client)).events()).isEqualTo(Readiness.POLLIN | Readiness.POLLRDNORM
                | Readiness.POLLOUT | Readiness.POLLWRNORM | Readiness.POLLERR | Readiness.POLLHUP | Readiness.POLLRDHUP);
        assertThat(fx.await(sockets.soError(client))).isEqualTo(Optional.of(Errno.ECONNREFUSED));
        assertThat(fx.await(sockets.soError(client))).isEmpty();
        assertThat(fx.await(sockets.poll(client)).error()).isFalse();
        assertThat(fx.awaitErrno(client.write(new byte[1]))).isEqualTo(Errno.EPIPE);
        assertThat(fx.await(client.read(10))).isEmpty();
    }

    @Test
    void close_while_connecting_stops_the_syn_retransmissions_and_a_late_syn_ack_gets_a_rst() {
        start(a(), b());
        fx.await(sockets.listen("b", 80, 8, false));
        ConnectedSocket client = fx.await(sockets.connectNonBlocking("a", 0, SERVER));
        fx.await(client.close());
        fx.runUntilIdle(10 * SECOND);

        List<String> fromA = sent("a");
        assertThat(fromA).containsExactly("S", "R"); // one SYN, no retransmission; RST for the SYN-ACK
        assertThat(fx.path("a")).containsExactly("CLOSED>SYN-SENT", "SYN-SENT>CLOSED");
        assertThat(fx.await(sockets.counters("b")).connections()).isZero(); // the RST ended b's half-open child
    }

    @Test
    void shut_rd_sends_nothing_reads_see_end_of_stream_and_data_is_still_taken() {
        start(a(), b());
        ListeningSocket listener = fx.await(sockets.listen("b", 80, 8, false));
        Pair pair = connect(listener, 0);
        int before = sent("b").size();

        fx.await(pair.server().shutdown(Endpoint.Shut.RD));
        assertThat(fx.await(pair.server().read(100))).isEmpty();
        fx.await(pair.client().write(new byte[100]));
        fx.runUntilIdle(SECOND);

        assertThat(sent("b")).hasSize(before + 1).last().isEqualTo("."); // only the ACK of the data
        assertThat(fx.await(sockets.poll(pair.server())).peerClosed()).isTrue(); // POLLRDHUP, as Linux
        assertThat(fx.await(pair.server().read(1000))).hasSize(100);
    }

    @Test
    void shut_rdwr_sends_fin_and_reads_see_end_of_stream() {
        start(a(), b());
        ListeningSocket listener = fx.await(sockets.listen("b", 80, 8, false));
        Pair pair = connect(listener, 0);

        fx.await(pair.client().shutdown(Endpoint.Shut.RDWR));
        assertThat(fx.await(pair.client().read(100))).isEmpty();
        fx.runUntilIdle(SECOND);

        assertThat(sent("a")).last().isEqualTo("F.");
        assertThat(fx.path("a")).contains("ESTABLISHED>FIN-WAIT-1", "FIN-WAIT-1>FIN-WAIT-2");
        assertThat(fx.path("b")).contains("ESTABLISHED>CLOSE-WAIT");
        assertThat(fx.awaitErrno(pair.client().write(new byte[1]))).isEqualTo(Errno.EPIPE);
    }

    @Test
    void listen_with_backlog_0_admits_one_and_closing_it_drops_the_half_open_child_without_a_rst() {
        start(a(), b(), "drop ack from a"); // b's child never sees the handshake's ACK: it stays half-open
        ListeningSocket listener = fx.await(sockets.listen("b", 80, 0, false));
        fx.await(sockets.connect("a", SERVER));
        assertThat(fx.await(sockets.connections("b"))).singleElement()
                .satisfies(info -> assertThat(info.state()).isEqualTo(State.SYN_RECEIVED));

        listener.close();
        fx.runUntilIdle(100 * MILLISECOND);

        assertThat(sent("b")).containsExactly("S."); // the SYN-ACK, and no RST at the close
        assertThat(fx.await(sockets.counters("b")).connections()).isZero();
        assertThat(fx.path("b")).endsWith("SYN-RECEIVED>CLOSED");
    }

    /** The flags of every segment {@code host} sent, in order, tcpdump-style. */
    private List<String> sent(String host) {
        return fx.events(TraceEvent.SegmentEvent.class).stream()
                .filter(e -> e.action() == SegmentAction.SENT && e.where().equals(host))
                .map(e -> Flags.tcpdump(e.segment().flags())).toList();
    }
}
