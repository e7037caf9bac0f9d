package io.tcpemu.runtime;

import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static org.assertj.core.api.Assertions.assertThat;

/** The message-level API workload actors use: every event told to the owner, nothing asked. */
class PushDeliveryTest extends TwoHostTest {

    private void step() { fx.clock.advanceBy(100 * MILLISECOND); }

    @Test
    void owners_hear_connected_accepted_data_eof_and_closed() {
        start(a(), b());
        TestProbe<SocketEvent> serverOwner = fx.kit.createTestProbe();
        TestProbe<SocketEvent> clientOwner = fx.kit.createTestProbe();
        fx.directory.host("b").tell(new Host.Listen(80, 8, false, serverOwner.ref(), SocketEvent.Delivery.PUSH));
        serverOwner.expectMessage(new SocketEvent.Listening("b", 80));
        fx.directory.host("a").tell(new Host.Connect(SERVER, 0, clientOwner.ref(), SocketEvent.Delivery.PUSH));
        step();

        SocketRef client = clientOwner.expectMessageClass(SocketEvent.Connected.class).socket();
        SocketEvent.Accepted accepted = serverOwner.expectMessageClass(SocketEvent.Accepted.class);
        SocketRef server = accepted.socket();
        assertThat(accepted.listenPort()).isEqualTo(80);
        assertThat(server.tuple()).isEqualTo(client.tuple().reversed());

        client.tell(new Endpoint.Write("ping".getBytes(StandardCharsets.US_ASCII), null));
        step();
        SocketEvent.Data data = serverOwner.expectMessageClass(SocketEvent.Data.class);
        assertThat(data.socket()).isEqualTo(server);
        assertThat(new String(data.bytes(), StandardCharsets.US_ASCII)).isEqualTo("ping");

        client.tell(new Endpoint.Close(null));
        step();
        serverOwner.expectMessage(new SocketEvent.Eof(server));
        server.tell(new Endpoint.Close(null));
        step();
        clientOwner.expectMessage(new SocketEvent.Eof(client)); // the server's FIN
        clientOwner.expectMessage(new SocketEvent.Closed(client)); // handed to a's TIME-WAIT table
        serverOwner.expectMessage(new SocketEvent.Closed(server));
        assertThat(fx.await(sockets.table("a")).timeWait()).hasSize(1);
    }

    @Test
    void a_refused_connect_is_a_failed_event_naming_the_call() {
        start(a(), b());
        TestProbe<SocketEvent> owner = fx.kit.createTestProbe();
        fx.directory.host("a").tell(new Host.Connect(SERVER, 0, owner.ref(), SocketEvent.Delivery.PUSH));
        step();
        SocketEvent.Failed failed = owner.expectMessageClass(SocketEvent.Failed.class);
        assertThat(failed.errno()).isEqualTo(Errno.ECONNREFUSED);
        assertThat(failed.exception()).hasMessage("connect 10.0.0.2:80: ECONNREFUSED (connection refused)");
    }

    @Test
    void a_fin_right_behind_the_handshake_reaches_the_accepting_owner() {
        start(a(), b());
        TestProbe<SocketEvent> serverOwner = fx.kit.createTestProbe();
        // A client that closes the moment it connects: its FIN reaches b in the same batch as its ACK,
        // before the listener has handed the new connection to its owner.
        ActorRef<SocketEvent> closer = fx.kit.spawn(Behaviors.receive(SocketEvent.class)
                .onMessage(SocketEvent.Connected.class, e -> {
                    e.socket().tell(new Endpoint.Close(null));
                    return Behaviors.same();
                })
                .onAnyMessage(e -> Behaviors.same()).build());
        fx.directory.host("b").tell(new Host.Listen(80, 8, false, serverOwner.ref(), SocketEvent.Delivery.PUSH));
        serverOwner.expectMessageClass(SocketEvent.Listening.class);
        fx.directory.host("a").tell(new Host.Connect(SERVER, 0, closer, SocketEvent.Delivery.PUSH));
        step();

        SocketRef server = serverOwner.expectMessageClass(SocketEvent.Accepted.class).socket();
        serverOwner.expectMessage(new SocketEvent.Eof(server));
    }
}
