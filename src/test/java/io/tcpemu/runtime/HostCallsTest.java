package io.tcpemu.runtime;

import io.tcpemu.trace.TraceEvent;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link Host.Calls}: calls from the actors beside a host on its loop, taken in the caller's step. */
class HostCallsTest extends TwoHostTest {

    private void step() { fx.clock.advanceBy(100 * MILLISECOND); }

    private long connectCalls() {
        return fx.events(TraceEvent.SocketCall.class).stream().filter(c -> c.host().equals("a") && c.call().startsWith("connect")).count();
    }

    @Test
    void a_call_on_the_hosts_loop_is_taken_before_the_callers_step_ends() {
        start(a(), b());
        fx.directory.host("b").tell(new Host.Listen(80, 8, false, null, SocketEvent.Delivery.PULL));
        Host.Calls calls = fx.directory.calls("a");
        TestProbe<Long> tracedInStep = fx.kit.createTestProbe();
        TestProbe<SocketEvent> owner = fx.kit.createTestProbe();
        ActorRef<String> caller = fx.kit.spawn(Behaviors.receive(String.class).onAnyMessage(m -> {
            long before = connectCalls();
            calls.tell(fx.directory.host("a"), new Host.Connect(SERVER, 0, owner.ref(), SocketEvent.Delivery.PUSH));
            tracedInStep.ref().tell(connectCalls() - before);   // a message would be taken after this step
            return Behaviors.same();
        }).build());
        caller.tell("connect");
        assertThat(tracedInStep.receiveMessage()).isEqualTo(1L);
        step();
        owner.expectMessageClass(SocketEvent.Connected.class);
    }

    @Test
    void calls_of_one_step_keep_their_order_and_a_call_from_off_the_loop_is_told() {
        start(a(), b());
        TestProbe<SocketEvent> server = fx.kit.createTestProbe();
        fx.directory.host("b").tell(new Host.Listen(80, 8, false, server.ref(), SocketEvent.Delivery.PUSH));
        server.expectMessageClass(SocketEvent.Listening.class);
        Host.Calls calls = fx.directory.calls("a");
        // a client that writes and closes in the step it hears Connected, through the door
        ActorRef<SocketEvent> client = fx.kit.spawn(Behaviors.receive(SocketEvent.class)
                .onMessage(SocketEvent.Connected.class, e -> {
                    calls.tell(e.socket(), new Endpoint.Write("ping".getBytes(StandardCharsets.US_ASCII), null));
                    calls.tell(e.socket(), new Endpoint.Close(null));
                    return Behaviors.same();
                })
                .onAnyMessage(e -> Behaviors.same()).build());
        calls.tell(fx.directory.host("a"), new Host.Connect(SERVER, 0, client, SocketEvent.Delivery.PUSH));   // the test's thread: told
        step();

        SocketRef accepted = server.expectMessageClass(SocketEvent.Accepted.class).socket();
        SocketEvent.Data data = server.expectMessageClass(SocketEvent.Data.class);
        assertThat(new String(data.bytes(), StandardCharsets.US_ASCII)).isEqualTo("ping");
        server.expectMessage(new SocketEvent.Eof(accepted));
    }
}
