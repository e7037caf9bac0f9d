package io.tcpemu.runtime;

import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.Notice;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/** Whole connection lifecycles between two hosts over real links, through the socket API. */
class LifecycleTest extends TwoHostTest {


    @Test
    void handshake_data_and_close_show_both_state_paths_and_leave_the_closer_in_time_wait() {
        start(a(), b());
        ListeningSocket listener = fx.await(sockets.listen("b", 80, 8, false));
        Pair pair = connect(listener, 0);
        ConnectedSocket client = pair.client(), server = pair.server();
        assertThat(server.tuple()).isEqualTo(client.tuple().reversed());

        assertThat(fx.await(sockets.connections("b"))).singleElement().satisfies(info -> {
            assertThat(info.state()).isEqualTo(State.ESTABLISHED);
            assertThat(info.passive()).isTrue();
            assertThat(info.socket().tuple()).isEqualTo(server.tuple());
        });
        assertThat(fx.await(client.write("hello".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(5);
        assertThat(new String(fx.await(server.read(100)), StandardCharsets.US_ASCII)).isEqualTo("hello");

        fx.await(client.close());
        assertThat(fx.await(server.read(100))).isEmpty(); // the FIN: end of stream
        fx.await(server.close());
        fx.runUntilIdle(SECOND);

        // The server closed as soon as it read end of stream: under linux its FIN carries the delayed
        // ACK of ours (a three-segment close), so the client goes from FIN-WAIT-1 straight to TIME-WAIT.
        assertThat(fx.path("a")).containsExactly("CLOSED>SYN-SENT", "SYN-SENT>ESTABLISHED",
                "ESTABLISHED>FIN-WAIT-1", "FIN-WAIT-1>TIME-WAIT");
        assertThat(fx.path("b")).containsExactly("CLOSED>LISTEN", "LISTEN>SYN-RECEIVED", "SYN-RECEIVED>ESTABLISHED",
                "ESTABLISHED>CLOSE-WAIT", "CLOSE-WAIT>LAST-ACK", "LAST-ACK>CLOSED");
        Host.Table a = fx.await(sockets.table("a"));
        assertThat(a.connections()).isEmpty();
        assertThat(a.timeWait()).extracting(e -> e.tuple()).containsExactly(client.tuple());
        assertThat(fx.await(sockets.counters("a")).connectsOk()).isEqualTo(1);

        fx.runUntilIdle(120 * SECOND);
        assertThat(fx.path("a")).last().isEqualTo("TIME-WAIT>CLOSED");
        assertThat(fx.time("a", State.TIME_WAIT, State.CLOSED) - fx.time("a", State.FIN_WAIT_1, State.TIME_WAIT))
                .isEqualTo(TCP.timeWait());
        assertThat(fx.await(sockets.counters("a")).timeWaitCount()).isZero();
    }

    @Test
    void a_connect_to_a_closed_port_is_refused() {
        start(a(), b());
        assertThat(fx.awaitErrno(sockets.connect("a", SockAddr.of("10.0.0.2", 81)))).isEqualTo(Errno.ECONNREFUSED);
        assertThat(fx.await(sockets.counters("a")).connectsRefused()).isEqualTo(1);
        assertThat(fx.await(sockets.counters("b")).rstsSent()).isEqualTo(1);
        assertThat(fx.path("a")).containsExactly("CLOSED>SYN-SENT", "SYN-SENT>CLOSED");
        assertThat(fx.events(TraceEvent.SocketCall.class)).extracting(TraceEvent.SocketCall::call, TraceEvent.SocketCall::result)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("connect 10.0.0.2:81", "EINPROGRESS"));
        assertThat(fx.events(TraceEvent.NoticeEvent.class)).extracting(TraceEvent.NoticeEvent::notice).contains(Notice.REFUSED);
    }

    @Test
    void a_lost_syn_is_retransmitted_with_backoff_then_the_connect_times_out() {
        TcpConfig tcp = TCP.withRetries(3, 3, 3).withSynLinearTimeouts(0); // RFC 6298's backoff from the first (linear: LinuxProfileTest)
        start(a().withTcp(tcp), b().withTcp(tcp), "drop syn");
        long start = fx.clock.now();
        assertThat(fx.awaitErrno(sockets.connect("a", SERVER))).isEqualTo(Errno.ETIMEDOUT);

        List<Long> synTimes = fx.events(TraceEvent.SegmentEvent.class).stream()
                .filter(e -> e.action() == TraceEvent.SegmentAction.SENT && e.segment().isSyn())
                .map(e -> (e.time() - start) / MILLISECOND).toList();
        assertThat(synTimes).containsExactly(0L, 1000L, 3000L, 7000L); // RTO 1 s, doubled each time
        assertThat(fx.clock.now() - start).isEqualTo(15 * SECOND);
        assertThat(fx.await(sockets.counters("a")).connectsTimedOut()).isEqualTo(1);
    }

    @Test
    void after_shutdown_the_client_cannot_write_but_still_reads_what_the_server_sends() {
        start(a(), b());
        Pair pair = connect(fx.await(sockets.listen("b", 80, 8, false)), 0);
        ConnectedSocket client = pair.client(), server = pair.server();

        fx.await(client.shutdown());
        assertThat(fx.awaitErrno(client.write(new byte[1]))).isEqualTo(Errno.EPIPE);
        assertThat(fx.await(server.read(10))).isEmpty();
        fx.await(server.write("bye".getBytes(StandardCharsets.US_ASCII)));
        assertThat(new String(fx.await(client.read(10)), StandardCharsets.US_ASCII)).isEqualTo("bye");
        fx.await(server.close());
        assertThat(fx.await(client.read(10))).isEmpty();
        fx.runUntilIdle(SECOND);

        assertThat(fx.path("a")).endsWith("ESTABLISHED>FIN-WAIT-1", "FIN-WAIT-1>FIN-WAIT-2", "FIN-WAIT-2>TIME-WAIT");
        assertThat(fx.path("b")).endsWith("ESTABLISHED>CLOSE-WAIT", "CLOSE-WAIT>LAST-ACK", "LAST-ACK>CLOSED");
        fx.await(client.close()); // the descriptor; the connection already sits in a's TIME-WAIT table
        assertThat(fx.await(sockets.table("a")).timeWait()).hasSize(1);
    }

    @Test
    void a_write_still_waiting_for_buffer_space_fails_with_epipe_when_the_writer_shuts_down() {
        start(a(), b());
        Pair pair = connect(fx.await(sockets.listen("b", 80, 8, false)), 0);
        ConnectedSocket client = pair.client();

        // More than the send buffer and the peer's window hold while the server reads nothing:
        // the tail of this write waits for space that never comes.
        var blocked = client.write(new byte[300_000]);
        fx.runUntilIdle(SECOND);
        assertThat(blocked.toCompletableFuture().isDone()).isFalse();

        fx.await(client.shutdown());
        assertThat(fx.awaitErrno(blocked)).isEqualTo(Errno.EPIPE);
    }
}
