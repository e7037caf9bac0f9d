package io.tcpemu.runtime;

import io.tcpemu.tcp.SockAddr;
import io.tcpemu.trace.TraceBus;
import io.tcpemu.trace.TraceEvent;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A test kit with manual time, a directory, a recording trace, and hosts or probes as links. */
final class RuntimeFixture implements AutoCloseable {
    final ActorTestKit kit = ActorTestKit.create(ManualTime.config());
    final ManualTime time = ManualTime.get(kit.system());
    final Directory directory = new Directory();
    final TraceBus bus = new TraceBus();
    final RuntimeEnv env = new RuntimeEnv(directory, bus, new ManualEmuTime(kit.system()));
    private final List<TraceEvent> events = new ArrayList<>();

    RuntimeFixture() {
        bus.subscribe(e -> { synchronized (events) { events.add(e); } });
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
        return (Link.Transmit) link.expectMessageClass(Link.Transmit.class);
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

    void advance(Duration d) { time.timePasses(d); }

    List<TraceEvent> events() { synchronized (events) { return new ArrayList<>(events); } }

    <T extends TraceEvent> List<T> events(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override public void close() { kit.shutdownTestKit(); }
}
