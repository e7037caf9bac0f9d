package io.tcpemu.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.time.VirtualClock;
import io.tcpemu.time.VirtualTime;
import io.tcpemu.trace.TraceBus;
import io.tcpemu.trace.TraceEvent;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test kit on virtual time (one emulation thread; the clock moves only when the test drives
 * it), a directory, a recording trace, and hosts with real links or probes in their place.
 */
final class RuntimeFixture implements AutoCloseable {
    final ActorTestKit kit;
    final VirtualClock clock;
    final Directory directory = new Directory();
    final TraceBus bus = new TraceBus();
    final RuntimeEnv env;
    private final List<TraceEvent> events = new ArrayList<>();

    RuntimeFixture() { this(1, true); }

    /** On virtual time seeded with {@code seed}; {@code record}: keep every trace event (else nobody subscribes). */
    RuntimeFixture(long seed, boolean record) { this(seed, record, ConfigFactory.empty()); }

    /** As above, with {@code overlay} on top of the virtual-time config (e.g. Pekko settings a test needs). */
    RuntimeFixture(long seed, boolean record, Config overlay) {
        kit = ActorTestKit.create(overlay.withFallback(VirtualTime.config(seed)));
        clock = VirtualTime.of(kit.system());
        env = new RuntimeEnv(directory, bus, clock);
        if (record) bus.subscribe(e -> { synchronized (events) { events.add(e); } });
    }

    ActorRef<Host.Command> host(HostSpec spec) {
        ActorRef<Host.Command> ref = kit.spawn(Host.create(spec, env), spec.name());
        directory.addHost(spec.name(), spec.ip(), ref);
        return ref;
    }

    /** A probe standing in for the link from {@code fromIp} to {@code toIp}: it sees what is sent. */
    TestProbe<Link.Command> linkProbe(String fromIp, String toIp) {
        TestProbe<Link.Command> probe = kit.createTestProbe();
        directory.addLink(SockAddr.parseIp(fromIp), SockAddr.parseIp(toIp), probe.ref());
        return probe;
    }

    Link.Transmit expectTransmit(TestProbe<Link.Command> link) {
        return link.expectMessageClass(Link.Transmit.class);
    }

    HostCounters.Snapshot counters(ActorRef<Host.Command> host) {
        TestProbe<HostCounters.Snapshot> probe = kit.createTestProbe();
        host.tell(new Host.GetCounters(probe.ref()));
        return probe.receiveMessage();
    }

    Host.Table table(ActorRef<Host.Command> host) {
        TestProbe<Host.Table> probe = kit.createTestProbe();
        host.tell(new Host.GetTable(probe.ref()));
        return probe.receiveMessage();
    }

    void advance(Duration d) { clock.advanceBy(d.toNanos() / 1000); }

    /** Runs until nothing is pending, or at most {@code maxMicros} of emulated time more. */
    boolean runUntilIdle(long maxMicros) { return clock.runUntilIdle(clock.now() + maxMicros); }

    /** Both link directions between two hosts, with this one-way delay. */
    void wire(HostSpec a, HostSpec b, long delayMicros) {
        for (HostSpec[] dir : new HostSpec[][] {{a, b}, {b, a}}) {
            LinkSpec spec = new LinkSpec(dir[0].name(), dir[1].name(), LinkParams.ofDelay(delayMicros), null, 7);
            directory.addLink(dir[0].ip(), dir[1].ip(), kit.spawn(Link.create(spec, env), "link-" + dir[0].name() + "-" + dir[1].name()));
        }
    }

    List<TraceEvent> events() { synchronized (events) { return new ArrayList<>(events); } }

    <T extends TraceEvent> List<T> events(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The states one host's connections went through, in order, as "FROM>TO" strings. */
    List<String> path(String host) {
        return events(TraceEvent.StateChanged.class).stream().filter(e -> e.host().equals(host))
                .map(e -> e.from() + ">" + e.to()).toList();
    }

    /** When host {@code host} first traced the change {@code from} → {@code to}. */
    long time(String host, State from, State to) {
        return events(TraceEvent.StateChanged.class).stream()
                .filter(e -> e.host().equals(host) && e.from() == from && e.to() == to)
                .findFirst().orElseThrow(() -> new AssertionError(host + " never went " + from + " -> " + to)).time();
    }

    /** Spawns a whole topology (hosts through {@link Host#factory}, real links) into this kit. */
    Network start(Topology topology) {
        return Network.start(topology, Host.factory(env), env, new Spawner() {
            @Override public <T> ActorRef<T> spawn(org.apache.pekko.actor.typed.Behavior<T> behavior, String name) {
                return kit.spawn(behavior, name);
            }
        });
    }

    /** Drives the clock until the stage completes (at most ten emulated minutes), then returns its value. */
    <T> T await(CompletionStage<T> stage) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        if (!future.isDone()) clock.runUntil(future::isDone, clock.now() + 600 * TcpConfig.SECOND);
        assertThat(future).as("completed within ten emulated minutes").isDone();
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Drives the clock until the stage fails, and returns the errno it failed with. */
    Errno awaitErrno(CompletionStage<?> stage) {
        try {
            await(stage);
        } catch (ErrnoException e) {
            return e.errno();
        }
        throw new AssertionError("expected the call to fail with an errno");
    }

    @Override public void close() { kit.shutdownTestKit(); }
}
