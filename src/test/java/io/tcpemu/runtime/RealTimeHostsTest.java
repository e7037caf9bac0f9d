package io.tcpemu.runtime;

import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.time.EmuTime;
import io.tcpemu.time.RealTime;
import io.tcpemu.time.VirtualTime;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceBus;
import io.tcpemu.trace.TraceEvent.SegmentAction;
import io.tcpemu.trace.TraceEvent.SegmentEvent;
import io.tcpemu.trace.TraceEvent.StateChanged;
import io.tcpemu.trace.TraceRecorder;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's real-time mode with the same host, endpoint and link actors: the virtual clock paced
 * by the wall clock, emulated time = wall time × 20 and running by itself, so a 10 s TIME-WAIT
 * passes in 0.5 s. The actors run on the one emulation thread at their exact emulated times, so
 * the times asserted are exact, however loaded the machine (when this used Pekko's own scheduler
 * every segment came a timer tick or more late, times the scale).
 */
class RealTimeHostsTest {
    private final ActorTestKit kit = ActorTestKit.create(RealTime.config(20));
    private final Directory directory = new Directory();
    private final TraceBus bus = new TraceBus();
    private final TraceRecorder recorder = TraceRecorder.on(bus);
    /** Opened by the trace itself when a's TIME-WAIT ends, so the test waits for the event, not a while. */
    private final CountDownLatch timeWaitEnded = new CountDownLatch(1);
    {
        bus.subscribe(e -> {
            if (e instanceof StateChanged c && c.host().equals("a") && c.from() == State.TIME_WAIT) timeWaitEnded.countDown();
        });
    }
    private final RuntimeEnv env = new RuntimeEnv(directory, bus, EmuTime.of(kit.system()));
    private final Sockets sockets = new Sockets(kit.system(), directory);

    @AfterEach void stop() { kit.shutdownTestKit(); }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** When {@code host} entered {@code to}, from whichever state. */
    private long entered(String host, State to) {
        return recorder.ofType(StateChanged.class).stream().filter(e -> e.host().equals(host) && e.to() == to)
                .findFirst().orElseThrow(() -> new AssertionError(host + " never entered " + to)).time();
    }

    private long when(String host, State from, State to) {
        return recorder.ofType(StateChanged.class).stream().filter(e -> e.host().equals(host) && e.from() == from && e.to() == to)
                .findFirst().orElseThrow(() -> new AssertionError(host + " never went " + from + " -> " + to)).time();
    }

    /** How much later than sent + 10 ms each segment was delivered. */
    private List<Long> lateness() {
        Map<Segment, Long> sent = new HashMap<>();
        List<Long> lateness = new ArrayList<>();
        for (SegmentEvent e : recorder.ofType(SegmentEvent.class)) {
            if (e.action() == SegmentAction.SENT) sent.putIfAbsent(e.segment(), e.time());
            else if (e.action() == SegmentAction.DELIVERED && sent.containsKey(e.segment())) {
                lateness.add(e.time() - sent.get(e.segment()) - 10 * MILLISECOND);
            }
        }
        assertThat(lateness).as("segments delivered").hasSizeGreaterThan(40);
        return lateness;
    }

    private static final TcpConfig TCP = Profile.LINUX.config().withTimeWait(10 * SECOND).withRstInTimeWait(TcpConfig.RstInTimeWait.IGNORE);

    @Test
    void a_handshake_close_and_time_wait_run_on_real_time_at_20x() throws Exception {
        Network.start(Topology.builder()
                .host("a", "10.0.0.1", TCP)
                .host("b", "10.0.0.2", TCP)
                .link("a", "b", 10 * MILLISECOND).build(), Host.factory(env), env, new Spawner() {
                    @Override public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) { return kit.spawn(behavior, name); }
                });
        // From here emulated time runs by itself. Not before: the test kit's spawn waits on a 5 s
        // ask, which at 20x is a quarter second of wall time, and a loaded machine takes that to load classes.
        VirtualTime.of(kit.system()).runFree(true);
        ListeningSocket listener = await(sockets.listen("b", 80, 8, false));
        ConnectedSocket client = await(sockets.connect("a", SockAddr.of("10.0.0.2", 80)));
        ConnectedSocket server = await(listener.accept());
        // Ping-pong: segments to time. The first ones pay the JIT's warm-up in wall time; under linux most
        // ACKs ride on the answers (about 2 segments per round trip), so 20 round trips keep the warm ones the majority.
        for (int i = 0; i < 20; i++) {
            await(client.write(new byte[100]));
            await(server.read(100));
            await(server.write(new byte[100]));
            await(client.read(100));
        }
        await(client.close());
        assertThat(await(server.read(10))).isEmpty();
        await(server.close());

        assertThat(timeWaitEnded.await(30, TimeUnit.SECONDS)).as("a's TIME-WAIT entry expired").isTrue();
        assertThat(await(sockets.counters("a")).timeWaitCount()).isZero();
        // From FIN-WAIT-1 when the server's FIN carried its delayed ACK, else from FIN-WAIT-2.
        assertThat(when("a", State.TIME_WAIT, State.CLOSED) - entered("a", State.TIME_WAIT))
                .as("emulated TIME-WAIT length").isEqualTo(10 * SECOND);
        assertThat(lateness()).as("emulated lateness of each segment over its 10 ms link").containsOnly(0L);
        assertThat(when("a", State.SYN_SENT, State.ESTABLISHED) - when("a", State.CLOSED, State.SYN_SENT))
                .as("one emulated round trip").isEqualTo(20 * MILLISECOND);
        assertThat(recorder.events()).as("traced in time order").isSortedAccordingTo(java.util.Comparator.comparingLong(TraceEvent::time));
    }
}
