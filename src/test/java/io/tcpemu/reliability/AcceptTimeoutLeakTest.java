package io.tcpemu.reliability;

import io.tcpemu.runtime.ConnectedSocket;
import io.tcpemu.runtime.Directory;
import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.ListeningSocket;
import io.tcpemu.runtime.Network;
import io.tcpemu.runtime.RuntimeEnv;
import io.tcpemu.runtime.Sockets;
import io.tcpemu.runtime.Spawner;
import io.tcpemu.runtime.Topology;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.time.VirtualClock;
import io.tcpemu.time.VirtualTime;
import io.tcpemu.trace.TraceBus;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Found by {@link RuntimeInvariantsTest} (seed -116917, before its harness waited longer than a
 * run): an accept() whose ask timed out stays in the listener's waiting list, so the next
 * connection to complete its handshake is handed to that dead waiter. Nobody ever owns it: it is
 * never accepted, never closed, and stays in the host's table (ESTABLISHED, then CLOSE-WAIT when
 * the peer closes) with its endpoint actor, for ever. Fixed: the host watches a waiting accept()
 * caller and withdraws it when it goes away.
 */
class AcceptTimeoutLeakTest {

    @Test
    void a_timed_out_accept_does_not_swallow_the_next_connection() {
        ActorTestKit kit = ActorTestKit.create(VirtualTime.config(5));
        try {
            VirtualClock clock = VirtualTime.of(kit.system());
            Directory directory = new Directory();
            RuntimeEnv env = new RuntimeEnv(directory, new TraceBus(), clock);
            Topology t = Topology.builder().seed(5).host(HostSpec.of("a", "10.0.0.1", Profile.LINUX.config()))
                    .host(HostSpec.of("b", "10.0.0.2", Profile.LINUX.config())).link("a", "b", 1_000).build();
            Network.start(t, Host.factory(env), env, new Spawner() {
                @Override public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) { return kit.spawn(behavior, name); }
            });
            Sockets sockets = new Sockets(kit.system(), directory, Duration.ofSeconds(1));
            ListeningSocket listener = await(clock, sockets.listen("b", 80, 8, false).toCompletableFuture());

            CompletableFuture<ConnectedSocket> first = listener.accept().toCompletableFuture();
            clock.advanceBy(2 * SECOND);
            assertThat(first).as("the first accept timed out").isCompletedExceptionally();

            await(clock, sockets.connect("a", new SockAddr(t.host("b").ip(), 80)).toCompletableFuture());
            CompletableFuture<ConnectedSocket> second = listener.accept().toCompletableFuture();
            clock.runUntil(second::isDone, clock.now() + SECOND / 2);
            assertThat(second).as("the connection goes to the accept that is still waiting").isCompletedWithValueMatching(s -> s != null);
        } finally {
            kit.shutdownTestKit();
        }
    }

    private static <T> T await(VirtualClock clock, CompletableFuture<T> f) {
        clock.runUntil(f::isDone, clock.now() + 10 * SECOND);
        return f.join();
    }
}
