package io.tcpemu.runtime;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.trace.TraceEvent;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host's TIME-WAIT table, driven directly: segments delivered as a link would (a client the
 * test plays), and a probe in place of the link back. An entry gets there as in a run: the
 * server's end of a connection closes first and its endpoint hands the entry over.
 */
class HostTimeWaitTableTest {
    private static final TcpConfig TCP = Profile.LINUX.config(); // TIME-WAIT 60 s
    private static final SockAddr SERVER = SockAddr.of("10.0.0.2", 80);
    private static final SockAddr CLIENT = SockAddr.of("10.0.0.1", 40000);

    private final RuntimeFixture fx = new RuntimeFixture();
    private final TestProbe<Link.Command> toClient = fx.linkProbe("10.0.0.2", "10.0.0.1");
    private final TestProbe<SocketEvent> owner = fx.kit.createTestProbe();

    @AfterEach
    void stop() { fx.close(); }

    private ActorRef<Host.Command> server(HostSpec spec) { return fx.host(spec); }

    private static HostSpec spec() { return HostSpec.of("server", "10.0.0.2", TCP); }

    /** The server's next sequence number once its end of the connection from {@code client} is in TIME-WAIT. */
    private final java.util.Map<SockAddr, Integer> serverSeq = new java.util.HashMap<>();

    /**
     * Plays the client of a connection that the server closes first, until the server's end is in
     * TIME-WAIT (at emulated time 0): the server listens on 80 meanwhile, and stops listening after.
     */
    private void timeWait(ActorRef<Host.Command> host, SockAddr client) {
        TestProbe<SocketEvent> app = fx.kit.createTestProbe();
        host.tell(new Host.Listen(80, 16, true, app.ref(), SocketEvent.Delivery.PUSH));
        app.expectMessageClass(SocketEvent.Listening.class);
        host.tell(new Host.Deliver(fromClient(client, 9000, 0, Flags.SYN)));
        int iss = fx.expectTransmit(toClient).segment().seq();
        host.tell(new Host.Deliver(fromClient(client, 9001, iss + 1, Flags.ACK)));
        SocketRef accepted = app.expectMessageClass(SocketEvent.Accepted.class).socket();
        accepted.tell(new Endpoint.Close(null));
        assertThat(fx.expectTransmit(toClient).segment().isFin()).isTrue();
        host.tell(new Host.Deliver(fromClient(client, 9001, iss + 2, Flags.FIN | Flags.ACK)));
        assertThat(fx.expectTransmit(toClient).segment().ack()).as("the final ACK").isEqualTo(9002);
        host.tell(new Host.Unlisten(80));
        serverSeq.put(client, iss + 2);
    }

    private static Segment fromClient(SockAddr client, int seq, int ack, int flags) {
        return Segment.control(client, SERVER, seq, ack, flags, 65535);
    }

    @Test
    void a_retransmitted_fin_is_answered_from_the_table_with_the_final_ack() {
        ActorRef<Host.Command> host = server(spec());
        timeWait(host, CLIENT);
        host.tell(new Host.Deliver(fromClient(CLIENT, 9001, serverSeq.get(CLIENT), Flags.FIN | Flags.ACK)));

        Link.Transmit ack = fx.expectTransmit(toClient);
        assertThat(ack.segment().flags()).isEqualTo(Flags.ACK);
        assertThat(ack.segment().seq()).isEqualTo(serverSeq.get(CLIENT));
        assertThat(ack.segment().ack()).isEqualTo(9002);
        assertThat(ack.senderState()).isEqualTo(State.TIME_WAIT);
        assertThat(fx.counters(host).timeWaitCount()).isEqualTo(1);
    }

    @Test
    void entries_expire_after_the_time_wait_length_with_one_traced_transition_each() {
        ActorRef<Host.Command> host = server(spec());
        timeWait(host, CLIENT);
        timeWait(host, SockAddr.of("10.0.0.1", 40001));
        assertThat(fx.counters(host).timeWaitCount()).isEqualTo(2);

        fx.advance(Duration.ofSeconds(59));
        assertThat(fx.counters(host).timeWaitCount()).isEqualTo(2);
        fx.advance(Duration.ofSeconds(1));
        assertThat(fx.counters(host).timeWaitCount()).isZero();
        List<TraceEvent.StateChanged> leavingTimeWait = fx.events(TraceEvent.StateChanged.class).stream()
                .filter(e -> e.from() == State.TIME_WAIT).toList();
        assertThat(leavingTimeWait)
                .extracting(TraceEvent.StateChanged::from, TraceEvent.StateChanged::to, TraceEvent.StateChanged::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(State.TIME_WAIT, State.CLOSED, "2MSL timeout"),
                        org.assertj.core.groups.Tuple.tuple(State.TIME_WAIT, State.CLOSED, "2MSL timeout"));
        assertThat(leavingTimeWait.get(0).time()).isEqualTo(TCP.timeWait());
    }

    @Test
    void past_the_cap_a_closing_connection_skips_time_wait_counted_and_traced() {
        ActorRef<Host.Command> host = server(spec().withMaxTwBuckets(1));
        timeWait(host, CLIENT);
        timeWait(host, SockAddr.of("10.0.0.1", 40001));

        HostCounters.Snapshot c = fx.counters(host);
        assertThat(c.timeWaitCount()).isEqualTo(1);
        assertThat(c.timeWaitCapHits()).isEqualTo(1);
        assertThat(fx.events(TraceEvent.HostEvent.class)).extracting(TraceEvent.HostEvent::kind).containsExactly("time-wait-cap");
        // The capped connection's FIN now reaches nobody: RST, as for any closed port.
        host.tell(new Host.Deliver(fromClient(SockAddr.of("10.0.0.1", 40001), 9001, serverSeq.get(SockAddr.of("10.0.0.1", 40001)),
                Flags.FIN | Flags.ACK)));
        assertThat(fx.expectTransmit(toClient).segment().isRst()).isTrue();
    }

    @Test
    void a_segment_to_no_socket_gets_a_rst_and_is_counted() {
        ActorRef<Host.Command> host = server(spec());
        host.tell(new Host.Deliver(fromClient(CLIENT, 100, 0, Flags.SYN)));
        Segment rst = fx.expectTransmit(toClient).segment();
        assertThat(rst.isRst()).isTrue();
        assertThat(rst.ack()).isEqualTo(101);
        assertThat(fx.counters(host).rstsSent()).isEqualTo(1);
        assertThat(fx.events(TraceEvent.HostEvent.class)).extracting(TraceEvent.HostEvent::kind).containsExactly("rst-no-socket");
    }

    @Test
    void a_listener_needs_so_reuseaddr_to_bind_a_port_held_by_time_wait() {
        ActorRef<Host.Command> host = server(spec());
        timeWait(host, CLIENT);

        host.tell(new Host.Listen(80, 16, false, owner.ref(), SocketEvent.Delivery.PULL));
        SocketEvent.Failed refused = owner.expectMessageClass(SocketEvent.Failed.class);
        assertThat(refused.errno()).isEqualTo(Errno.EADDRINUSE);
        assertThat(refused.exception()).hasMessageContaining("listen 80").hasMessageContaining("EADDRINUSE");

        host.tell(new Host.Listen(80, 16, true, owner.ref(), SocketEvent.Delivery.PULL));
        owner.expectMessage(new SocketEvent.Listening("server", 80));
    }

    @Test
    void a_second_listener_on_a_port_is_eaddrinuse_even_with_so_reuseaddr() {
        ActorRef<Host.Command> host = server(spec());
        TestProbe<SocketEvent> owner = fx.kit.createTestProbe();
        host.tell(new Host.Listen(80, 16, true, owner.ref(), SocketEvent.Delivery.PULL));
        owner.expectMessageClass(SocketEvent.Listening.class);
        host.tell(new Host.Listen(80, 16, true, owner.ref(), SocketEvent.Delivery.PULL));
        assertThat(owner.expectMessageClass(SocketEvent.Failed.class).errno()).isEqualTo(Errno.EADDRINUSE);
        assertThat(fx.table(host).listeners()).extracting(Host.ListenerInfo::port).containsExactly(80);
    }

    @Test
    void an_ack_to_a_listener_gets_a_rst_and_a_rst_is_dropped() {
        ActorRef<Host.Command> host = server(spec());
        TestProbe<SocketEvent> owner = fx.kit.createTestProbe();
        host.tell(new Host.Listen(80, 16, false, owner.ref(), SocketEvent.Delivery.PULL));
        owner.expectMessageClass(SocketEvent.Listening.class);

        host.tell(new Host.Deliver(fromClient(CLIENT, 100, 777, Flags.RST)));
        host.tell(new Host.Deliver(fromClient(CLIENT, 100, 777, Flags.ACK)));
        Segment rst = fx.expectTransmit(toClient).segment();
        assertThat(rst.isRst()).isTrue();
        assertThat(rst.seq()).isEqualTo(777);
        fx.advance(Duration.ofMillis(50));
        toClient.expectNoMessage(Duration.ofMillis(20));
    }
}
