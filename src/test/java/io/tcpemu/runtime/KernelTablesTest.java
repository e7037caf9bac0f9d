package io.tcpemu.runtime;

import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/** The kernel's tables at work between two hosts: TIME-WAIT, ports, backlog, caps. */
class KernelTablesTest extends TwoHostTest {
    /** Connects a to b:80 from {@code localPort} (0: ephemeral) and closes, a first; a ends in TIME-WAIT. */
    void connectAndClose(ListeningSocket listener, int localPort) {
        closeInOrder(connect(listener, localPort), true);
    }

    /** Closes both ends, the client first or the server first; that end goes to TIME-WAIT. */
    void closeInOrder(Pair pair, boolean clientFirst) {
        ConnectedSocket first = clientFirst ? pair.client() : pair.server();
        ConnectedSocket second = clientFirst ? pair.server() : pair.client();
        fx.await(first.close());
        assertThat(fx.await(second.read(10))).isEmpty();
        fx.await(second.close());
        fx.clock.advanceBy(10 * MILLISECOND);
    }

    @Test
    void a_lost_final_ack_is_answered_from_the_time_wait_table() {
        start(a(), b(), "drop first ack in TIME-WAIT");
        ListeningSocket listener = fx.await(sockets.listen("b", 80, 8, false));
        connectAndClose(listener, 0);
        fx.runUntilIdle(5 * SECOND);

        // b retransmitted its FIN; a's endpoint was gone, so the host's table sent the second ACK.
        assertThat(fx.events(TraceEvent.SegmentEvent.class).stream()
                .filter(e -> e.where().equals("b") && e.action() == TraceEvent.SegmentAction.SENT && e.segment().isFin())
                .map(TraceEvent.SegmentEvent::retransmission)).containsExactly(false, true);
        assertThat(fx.path("b")).last().isEqualTo("LAST-ACK>CLOSED");
        Host.Table table = fx.await(sockets.table("a"));
        assertThat(table.connections()).isEmpty();
        assertThat(table.timeWait()).hasSize(1);
    }

    @Test
    void time_wait_blocks_the_same_four_tuple_until_it_expires() {
        start(a(), b());
        ListeningSocket listener = fx.await(sockets.listen("b", 80, 8, false));
        connectAndClose(listener, 50000);

        assertThat(fx.awaitErrno(sockets.connect("a", 50000, SERVER))).isEqualTo(Errno.EADDRNOTAVAIL);
        fx.clock.advanceBy(TCP.timeWait());
        ConnectedSocket again = fx.await(sockets.connect("a", 50000, SERVER));
        assertThat(again.tuple().local().port()).isEqualTo(50000);
    }

    @Test
    void tw_reuse_lets_an_outgoing_connect_take_a_time_wait_tuple_older_than_one_second() {
        start(a().withTwReuse(true), b());
        ListeningSocket listener = fx.await(sockets.listen("b", 80, 8, false));
        connectAndClose(listener, 50000);

        assertThat(fx.awaitErrno(sockets.connect("a", 50000, SERVER))).isEqualTo(Errno.EADDRNOTAVAIL);
        fx.clock.advanceBy(SECOND);
        fx.await(sockets.connect("a", 50000, SERVER));
        assertThat(fx.await(sockets.counters("a")).timeWaitReused()).isEqualTo(1);
        assertThat(hostEvents("a", "time-wait-reused")).isEqualTo(1);
    }

    @Test
    void tw_reuse_needs_timestamps_on_the_connection() {
        start(a().withTcp(TCP.withTimestamps(false)).withTwReuse(true), b());
        ListeningSocket listener = fx.await(sockets.listen("b", 80, 8, false));
        connectAndClose(listener, 50000);

        fx.clock.advanceBy(2 * SECOND);
        assertThat(fx.awaitErrno(sockets.connect("a", 50000, SERVER))).isEqualTo(Errno.EADDRNOTAVAIL);
        assertThat(fx.await(sockets.counters("a")).timeWaitReused()).isZero();
    }

    @Test
    void tw_reuse_is_for_outgoing_connects_only_a_listen_on_the_port_still_needs_so_reuseaddr() {
        start(a().withTwReuse(true), b());
        connectAndClose(fx.await(sockets.listen("b", 80, 8, false)), 50000);
        fx.clock.advanceBy(2 * SECOND);

        assertThat(fx.awaitErrno(sockets.listen("a", 50000, 8, false))).isEqualTo(Errno.EADDRINUSE);
        assertThat(fx.await(sockets.listen("a", 50000, 8, true)).port()).isEqualTo(50000);
    }

    @Test
    void ephemeral_ports_run_out_with_eaddrnotavail_and_time_wait_keeps_them_taken() {
        start(a().withPorts(50000, 50001, PortAllocator.Algorithm.SEQUENTIAL), b());
        ListeningSocket listener = fx.await(sockets.listen("b", 80, 8, false));
        connectAndClose(listener, 0);
        ConnectedSocket second = fx.await(sockets.connect("a", SERVER));
        assertThat(second.tuple().local().port()).isEqualTo(50001);

        assertThat(fx.awaitErrno(sockets.connect("a", SERVER))).isEqualTo(Errno.EADDRNOTAVAIL);
        HostCounters.Snapshot c = fx.await(sockets.counters("a"));
        assertThat(c.connectsAddrNotAvail()).isEqualTo(1);
        assertThat(c.portsInUse()).isEqualTo(2);
        assertThat(hostEvents("a", "port-exhausted")).isEqualTo(1);
    }

    @Test
    void a_full_accept_queue_drops_syns_until_the_connect_times_out() {
        TcpConfig tcp = TCP.withRetries(2, 2, 2);
        start(a().withTcp(tcp), b().withTcp(tcp));
        fx.await(sockets.listen("b", 80, 1, false)); // nobody accepts
        fx.await(sockets.connect("a", SERVER));

        assertThat(fx.awaitErrno(sockets.connect("a", SERVER))).isEqualTo(Errno.ETIMEDOUT);
        // The SYN and its retransmissions at 1, 2, 3, 4, 5 s (tcp_syn_linear_timeouts 4): syn-retries 2 bounds
        // the time, 1 + 2 + 4 = 7 s, not the count.
        assertThat(fx.await(sockets.counters("b")).backlogDrops()).isEqualTo(6);
        assertThat(hostEvents("b", "backlog-overflow")).isEqualTo(6);
        Host.Table table = fx.await(sockets.table("b"));
        assertThat(table.listeners()).containsExactly(new Host.ListenerInfo(80, 1, false, 0, 1));
    }

    @Test
    void past_max_tw_buckets_a_closing_connection_skips_time_wait() {
        start(a().withMaxTwBuckets(0), b());
        ListeningSocket listener = fx.await(sockets.listen("b", 80, 8, false));
        connectAndClose(listener, 0);

        assertThat(fx.path("a")).endsWith("FIN-WAIT-1>TIME-WAIT", "TIME-WAIT>CLOSED"); // three-segment close
        HostCounters.Snapshot c = fx.await(sockets.counters("a"));
        assertThat(c.timeWaitCapHits()).isEqualTo(1);
        assertThat(c.timeWaitCount()).isZero();
        assertThat(c.portsInUse()).isZero();
        assertThat(hostEvents("a", "time-wait-cap")).isEqualTo(1);
    }

    @Test
    void a_server_that_closed_first_needs_so_reuseaddr_to_listen_again() {
        start(a(), b());
        ListeningSocket listener = fx.await(sockets.listen("b", 80, 8, false));
        closeInOrder(connect(listener, 0), false);
        listener.close();
        assertThat(fx.await(sockets.table("b")).timeWait()).hasSize(1);

        assertThat(fx.awaitErrno(sockets.listen("b", 80, 8, false))).isEqualTo(Errno.EADDRINUSE);
        assertThat(fx.await(sockets.listen("b", 80, 8, true)).port()).isEqualTo(80);
    }

    @Test
    void bad_connects_fail_at_once_eaddrinuse_einval_enetunreach() {
        start(a(), b());
        fx.await(sockets.listen("a", 8080, 8, false));
        assertThat(fx.awaitErrno(sockets.connect("a", 8080, SERVER))).isEqualTo(Errno.EADDRINUSE);
        assertThat(fx.awaitErrno(sockets.connect("nosuch", SERVER))).isEqualTo(Errno.EINVAL);
        assertThat(fx.awaitErrno(sockets.connect("a", SockAddr.of("10.9.9.9", 80)))).isEqualTo(Errno.ENETUNREACH);
    }

    @Test
    void abort_sends_rst_and_the_peer_sees_econnreset() {
        start(a(), b());
        Pair pair = connect(fx.await(sockets.listen("b", 80, 8, false)), 0);
        ConnectedSocket client = pair.client(), server = pair.server();
        client.setLinger(0);
        fx.await(client.close());
        assertThat(fx.awaitErrno(server.read(10))).isEqualTo(Errno.ECONNRESET);
        assertThat(fx.awaitErrno(server.write(new byte[1]))).isEqualTo(Errno.EPIPE); // the error was reported once
        assertThat(fx.await(server.read(10))).isEmpty();
        assertThat(fx.path("a")).last().isEqualTo("ESTABLISHED>CLOSED");
        assertThat(fx.await(sockets.counters("b")).resets()).isEqualTo(1);
        assertThat(fx.await(sockets.table("a")).timeWait()).isEmpty();
    }

    @Test
    void a_syn_backlog_full_of_half_open_children_drops_the_next_syn() {
        fx.start(Topology.builder().host(a()).host(b()).link("a", "b", MILLISECOND)
                .rule("b", "a", "drop first syn-ack").build());
        fx.await(sockets.listen("b", 80, 1, false));
        sockets.connect("a", SERVER); // its child stays half-open: the SYN-ACK is lost
        fx.clock.advanceBy(10 * MILLISECOND);
        sockets.connect("a", SERVER);
        fx.clock.advanceBy(10 * MILLISECOND);

        assertThat(fx.await(sockets.table("b")).listeners()).containsExactly(new Host.ListenerInfo(80, 1, false, 1, 0));
        assertThat(fx.await(sockets.counters("b")).backlogDrops()).isEqualTo(1);
        assertThat(hostEvents("b", "backlog-overflow")).isEqualTo(1);
        assertThat(fx.path("b")).containsExactly("CLOSED>LISTEN", "LISTEN>SYN-RECEIVED");
    }

    @Test
    void a_half_open_child_whose_syn_acks_are_lost_gives_up_and_frees_its_backlog_slot() {
        TcpConfig tcp = TCP.withRetries(1, 1, 1);
        fx.start(Topology.builder().host(a().withTcp(tcp)).host(b().withTcp(tcp)).link("a", "b", MILLISECOND)
                .rule("b", "a", "drop syn-ack").build());
        fx.await(sockets.listen("b", 80, 1, false));
        var connect = sockets.connect("a", SERVER);
        fx.clock.advanceBy(10 * MILLISECOND);
        assertThat(fx.await(sockets.table("b")).listeners()).containsExactly(new Host.ListenerInfo(80, 1, false, 1, 0));

        assertThat(fx.awaitErrno(connect)).isEqualTo(Errno.ETIMEDOUT);
        fx.runUntilIdle(60 * SECOND);
        assertThat(fx.path("b")).endsWith("LISTEN>SYN-RECEIVED", "SYN-RECEIVED>CLOSED");
        assertThat(fx.await(sockets.table("b")).listeners()).containsExactly(new Host.ListenerInfo(80, 1, false, 0, 0));
        assertThat(fx.await(sockets.counters("b")).connections()).isZero();
    }
}
