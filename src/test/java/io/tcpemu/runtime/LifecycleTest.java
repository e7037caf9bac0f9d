package io.tcpemu.runtime;

import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.trace.TraceEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/** Whole connection lifecycles between two hosts over real links, through the socket API. */
class LifecycleTest {
    static final TcpConfig TCP = Profile.LINUX.config(); // TIME-WAIT 60 s, timestamps on
    static final SockAddr SERVER = SockAddr.of("10.0.0.2", 80);

    final RuntimeFixture fx = new RuntimeFixture();
    final Sockets sockets = new Sockets(fx.kit.system(), fx.directory);

    @AfterEach
    void stop() { fx.close(); }

    Network start(HostSpec client) {
        return fx.start(Topology.builder().host(client).host(HostSpec.of("b", "10.0.0.2", TCP)).link("a", "b", MILLISECOND).build());
    }

    Network start() { return start(HostSpec.of("a", "10.0.0.1", TCP)); }

    /** The states one host's connections went through, in order, as "FROM>TO" strings. */
    List<String> path(String host) {
        return fx.events(TraceEvent.StateChanged.class).stream().filter(e -> e.host().equals(host))
                .map(e -> e.from() + ">" + e.to()).toList();
    }

    /** When host {@code host} first traced the change {@code from} → {@code to}. */
    long time(String host, State from, State to) {
        return fx.events(TraceEvent.StateChanged.class).stream()
                .filter(e -> e.host().equals(host) && e.from() == from && e.to() == to)
                .findFirst().orElseThrow(() -> new AssertionError(host + " never went " + from + " -> " + to)).time();
    }

    @Test
    void handshake_data_and_close_show_both_state_paths_and_leave_the_closer_in_time_wait() {
        start();
        ListeningSocket listener = fx.await(sockets.listen("b", 80, 8, false));
        ConnectedSocket client = fx.await(sockets.connect("a", SERVER));
        ConnectedSocket server = fx.await(listener.accept());
        assertThat(server.tuple()).isEqualTo(client.tuple().reversed());

        assertThat(fx.await(client.write("hello".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(5);
        assertThat(new String(fx.await(server.read(100)), StandardCharsets.US_ASCII)).isEqualTo("hello");

        fx.await(client.close());
        assertThat(fx.await(server.read(100))).isEmpty(); // the FIN: end of stream
        fx.await(server.close());
        fx.runUntilIdle(SECOND);

        assertThat(path("a")).containsExactly("CLOSED>SYN-SENT", "SYN-SENT>ESTABLISHED",
                "ESTABLISHED>FIN-WAIT-1", "FIN-WAIT-1>FIN-WAIT-2", "FIN-WAIT-2>TIME-WAIT");
        assertThat(path("b")).containsExactly("CLOSED>LISTEN", "LISTEN>SYN-RECEIVED", "SYN-RECEIVED>ESTABLISHED",
                "ESTABLISHED>CLOSE-WAIT", "CLOSE-WAIT>LAST-ACK", "LAST-ACK>CLOSED");
        Host.Table a = fx.await(sockets.table("a"));
        assertThat(a.connections()).isEmpty();
        assertThat(a.timeWait()).extracting(e -> e.tuple()).containsExactly(client.tuple());
        assertThat(fx.await(sockets.counters("a")).connectsOk()).isEqualTo(1);

        fx.runUntilIdle(120 * SECOND);
        assertThat(path("a")).last().isEqualTo("TIME-WAIT>CLOSED");
        assertThat(time("a", State.TIME_WAIT, State.CLOSED) - time("a", State.FIN_WAIT_2, State.TIME_WAIT))
                .isEqualTo(TCP.timeWait());
        assertThat(fx.await(sockets.counters("a")).timeWaitCount()).isZero();
    }

    @Test
    void a_connect_to_a_closed_port_is_refused() {
        start();
        assertThat(fx.awaitErrno(sockets.connect("a", SockAddr.of("10.0.0.2", 81)))).isEqualTo(Errno.ECONNREFUSED);
        assertThat(fx.await(sockets.counters("a")).connectsRefused()).isEqualTo(1);
        assertThat(fx.await(sockets.counters("b")).rstsSent()).isEqualTo(1);
        assertThat(path("a")).containsExactly("CLOSED>SYN-SENT", "SYN-SENT>CLOSED");
    }

    @Test
    void a_lost_syn_is_retransmitted_with_backoff_then_the_connect_times_out() {
        TcpConfig tcp = TCP.withRetries(3, 3, 3);
        fx.start(Topology.builder().host(HostSpec.of("a", "10.0.0.1", tcp)).host(HostSpec.of("b", "10.0.0.2", tcp))
                .link("a", "b", MILLISECOND).rule("a", "b", "drop syn").build());
        long start = fx.clock.now();
        assertThat(fx.awaitErrno(sockets.connect("a", SERVER))).isEqualTo(Errno.ETIMEDOUT);

        List<Long> synTimes = fx.events(TraceEvent.SegmentEvent.class).stream()
                .filter(e -> e.action() == TraceEvent.SegmentAction.SENT && e.segment().isSyn())
                .map(e -> (e.time() - start) / MILLISECOND).toList();
        assertThat(synTimes).containsExactly(0L, 1000L, 3000L, 7000L); // RTO 1 s, doubled each time
        assertThat(fx.clock.now() - start).isEqualTo(15 * SECOND);
        assertThat(fx.await(sockets.counters("a")).connectsTimedOut()).isEqualTo(1);
    }
}
