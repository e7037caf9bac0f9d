package io.tcpemu.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's "messages are plain serializable records", shown on a whole emulation: with
 * {@code pekko.actor.serialize-messages = on} Pekko serializes and deserializes every message on
 * send, as if each host, link and socket owner lived on another machine. A message that could not
 * make the trip would be dropped (and logged), and the lifecycle below would stall.
 */
class SerializedMessagesTest extends TwoHostTest {

    @Override Config pekkoOverlay() { return ConfigFactory.parseString("pekko.actor.serialize-messages = on"); }

    @Test
    void a_message_arrives_as_a_deserialized_copy_so_the_check_is_really_on() {
        TestProbe<Host.Command> probe = fx.kit.createTestProbe();
        Host.Deliver sent = new Host.Deliver(new Segment(SockAddr.of("10.0.0.1", 40000), SERVER, 1, 2,
                Flags.ACK | Flags.PSH, 1000, 0, 5, 6, new byte[] {1, 2, 3}, 9));
        probe.ref().tell(sent);

        Host.Command received = probe.receiveMessage();
        assertThat(received).isEqualTo(sent).isNotSameAs(sent);
        assertThat(((Host.Deliver) received).segment().payload()).isNotSameAs(sent.segment().payload());
    }

    @Test
    void handshake_data_close_and_time_wait_run_with_every_message_serialized() {
        start(a(), b());
        Pair pair = connect(fx.await(sockets.listen("b", 80, 8, false)), 0);
        ConnectedSocket client = pair.client(), server = pair.server();

        assertThat(fx.await(client.write("hello".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(5);
        assertThat(new String(fx.await(server.read(100)), StandardCharsets.US_ASCII)).isEqualTo("hello");
        fx.await(server.write("bye".getBytes(StandardCharsets.US_ASCII)));
        assertThat(new String(fx.await(client.read(100)), StandardCharsets.US_ASCII)).isEqualTo("bye");

        fx.await(client.close());
        assertThat(fx.await(server.read(100))).isEmpty();
        fx.await(server.close());
        fx.runUntilIdle(SECOND);
        assertThat(fx.path("a")).containsExactly("CLOSED>SYN-SENT", "SYN-SENT>ESTABLISHED",
                "ESTABLISHED>FIN-WAIT-1", "FIN-WAIT-1>FIN-WAIT-2", "FIN-WAIT-2>TIME-WAIT");
        assertThat(fx.path("b")).containsExactly("CLOSED>LISTEN", "LISTEN>SYN-RECEIVED", "SYN-RECEIVED>ESTABLISHED",
                "ESTABLISHED>CLOSE-WAIT", "CLOSE-WAIT>LAST-ACK", "LAST-ACK>CLOSED");
        assertThat(fx.await(sockets.table("a")).timeWait()).extracting(e -> e.tuple()).containsExactly(client.tuple());

        fx.runUntilIdle(120 * SECOND);
        assertThat(fx.time("a", State.TIME_WAIT, State.CLOSED) - fx.time("a", State.FIN_WAIT_2, State.TIME_WAIT))
                .isEqualTo(TCP.timeWait());
        HostCounters.Snapshot counters = fx.await(sockets.counters("a"));
        assertThat(counters.connectsOk()).isEqualTo(1);
        assertThat(counters.timeWaitCount()).isZero();
    }

    @Test
    void a_refused_connect_comes_back_as_econnrefused_with_every_message_serialized() {
        start(a(), b());
        assertThat(fx.awaitErrno(sockets.connect("a", SockAddr.of("10.0.0.2", 81)))).isEqualTo(Errno.ECONNREFUSED);
        assertThat(fx.await(sockets.counters("a")).connectsRefused()).isEqualTo(1);
        assertThat(fx.await(sockets.counters("b")).rstsSent()).isEqualTo(1);
        assertThat(fx.path("a")).containsExactly("CLOSED>SYN-SENT", "SYN-SENT>CLOSED");
    }
}
