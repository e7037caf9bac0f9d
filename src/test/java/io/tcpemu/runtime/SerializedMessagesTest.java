package io.tcpemu.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's "messages are plain serializable records", shown on whole lifecycles: every
 * {@link LifecycleTest} (handshake, data, close, TIME-WAIT and its expiry, a refused connect, SYN
 * retransmission to ETIMEDOUT, shutdown) runs again here with {@code pekko.actor.serialize-messages
 * = on}, so Pekko serializes and deserializes every message on send, as if each host, link and
 * socket owner lived on another machine. A message that could not make the trip would be dropped
 * (and logged), and those lifecycles would stall.
 */
class SerializedMessagesTest extends LifecycleTest {

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
}
