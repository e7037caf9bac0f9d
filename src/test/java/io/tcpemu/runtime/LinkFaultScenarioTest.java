package io.tcpemu.runtime;

import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.time.VirtualClock;
import io.tcpemu.time.VirtualTime;
import io.tcpemu.trace.TraceBus;
import io.tcpemu.trace.TraceEvent;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Real hosts over a Network of links with fault rules, on the virtual clock: textbook stories with one segment lost. */
class LinkFaultScenarioTest {
    static final TcpConfig TCP = Profile.LINUX.config();
    static final SockAddr SERVER = SockAddr.of("10.0.0.2", 80);

    ActorTestKit kit;
    VirtualClock clock;
    TraceLog trace;
    RuntimeEnv env;
    Sockets sockets;

    @BeforeEach void start() {
        kit = ActorTestKit.create(VirtualTime.config(3));
        clock = VirtualTime.of(kit.system());
        trace = new TraceLog();
        TraceBus bus = new TraceBus();
        bus.subscribe(trace);
        env = new RuntimeEnv(new Directory(), bus, clock);
        sockets = new Sockets(kit.system(), env.directory());
    }

    /** Hosts a and b, 5 ms apart, with one fault rule on the direction a→b. */
    Network network(String ruleOnAtoB) {
        Topology.Builder topology = Topology.builder().seed(3)
                .host(HostSpec.of("a", "10.0.0.1", TCP)).host(HostSpec.of("b", "10.0.0.2", TCP))
                .link("a", "b", 5_000);
        return Network.start(topology.rule("a", "b", ruleOnAtoB).build(), Host.factory(env), env, kit::spawn);
    }

    @AfterEach void stop() { kit.shutdownTestKit(); }

    <T> T await(CompletionStage<T> stage, long micros) throws Exception {
        CompletableFuture<T> f = stage.toCompletableFuture();
        clock.runUntil(f::isDone, clock.now() + micros);
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void a_lost_syn_is_retransmitted_after_the_initial_rto_and_the_handshake_completes() throws Exception {
        network("drop 1st syn");
        await(sockets.listen("b", 80, 16, false), 1_000);
        ConnectedSocket client = await(sockets.connect("a", SERVER), 10_000_000);
        assertThat(client.tuple().remote()).isEqualTo(SERVER);
        clock.advanceBy(5_000); // connect completes at a's ESTABLISHED; b's follows one link delay later

        assertThat(trace.segments()).startsWith("SENT a", "DROPPED a->b rule drop 1st syn", "SENT a", "DELIVERED b");
        TraceEvent.SegmentEvent delivered = trace.events.stream()
                .filter(e -> e instanceof TraceEvent.SegmentEvent s && s.action() == TraceEvent.SegmentAction.DELIVERED)
                .map(e -> (TraceEvent.SegmentEvent) e).findFirst().orElseThrow();
        assertThat(delivered.segment().isSyn()).isTrue();
        long firstSent = trace.events.stream().filter(e -> e instanceof TraceEvent.SegmentEvent).findFirst().orElseThrow().time();
        assertThat(delivered.time() - firstSent).as("retransmitted after the initial RTO, then one link delay")
                .isEqualTo(TCP.rtoInitial() + 5_000);
        assertThat(trace.events).filteredOn(e -> e instanceof TraceEvent.StateChanged s && s.to() == State.ESTABLISHED)
                .hasSize(2);
    }

    @Test
    void a_lost_final_ack_is_answered_again_from_time_wait() throws Exception {
        network("drop 1st ack in TIME-WAIT from a");
        ListeningSocket listener = await(sockets.listen("b", 80, 16, false), 1_000);
        ConnectedSocket client = await(sockets.connect("a", SERVER), 1_000_000);
        ConnectedSocket server = await(listener.accept(), 1_000_000);
        await(client.close(), 1_000_000);
        clock.advanceBy(20_000);
        await(server.close(), 1_000_000);
        clock.advanceBy(10_000_000);

        assertThat(trace.segments()).contains("DROPPED a->b rule drop 1st ack in TIME-WAIT from a");
        assertThat(trace.events).filteredOn(e -> e instanceof TraceEvent.SegmentEvent s
                        && s.action() == TraceEvent.SegmentAction.SENT && s.where().equals("b") && s.segment().isFin())
                .as("b's FIN, then its retransmission").hasSize(2);
        assertThat(trace.events).filteredOn(e -> e instanceof TraceEvent.StateChanged s && s.host().equals("b")
                        && s.from() == State.LAST_ACK && s.to() == State.CLOSED)
                .as("b leaves LAST-ACK once the repeated ACK arrives").hasSize(1);
    }
}
