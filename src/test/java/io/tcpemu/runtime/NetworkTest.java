package io.tcpemu.runtime;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The topology spawned as actors, with probes standing in for the hosts' kernels. */
class NetworkTest {
    static final ActorTestKit testKit = ActorTestKit.create(ManualTime.config());
    static final ManualTime manualTime = ManualTime.get(testKit.system());
    static final SockAddr A = SockAddr.of("10.0.0.1", 40000);
    static final SockAddr B = SockAddr.of("10.0.0.2", 80);
    static int run;

    ManualEmuTime time;
    TraceLog trace;
    RuntimeEnv env;
    Map<String, TestProbe<Host.Command>> kernels;

    @AfterAll
    static void stop() { testKit.shutdownTestKit(); }

    @BeforeEach
    void setUp() {
        time = new ManualEmuTime(manualTime);
        trace = new TraceLog();
        env = time.env(trace);
        kernels = new HashMap<>();
    }

    static HostSpec host(String name, String ip) { return HostSpec.of(name, ip, Profile.LINUX.config()); }

    /** A stand-in kernel that passes what it gets to a probe, and fails on a RST (to test supervision). */
    Behavior<Host.Command> kernel(HostSpec spec) {
        TestProbe<Host.Command> probe = kernels.computeIfAbsent(spec.name(), n -> testKit.createTestProbe());
        return Behaviors.receiveMessage(m -> {
            if (m instanceof Host.Deliver d && d.segment().isRst()) throw new IllegalStateException("kernel panic");
            probe.ref().tell(m);
            return Behaviors.same();
        });
    }

    /** Each test's network gets fresh actor names in the shared test kit. */
    Network start(Topology topology) {
        int n = ++run;
        Spawner spawner = new Spawner() {
            @Override public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
                return testKit.spawn(behavior, name + "-" + n);
            }
        };
        return Network.start(topology, this::kernel, env, spawner);
    }

    static Topology ab(long delay) {
        return Topology.builder().host(host("a", "10.0.0.1")).host(host("b", "10.0.0.2")).link("a", "b", delay).build();
    }

    @Test
    void a_symmetric_link_carries_both_directions_and_fills_the_directory() {
        Network net = start(ab(2_000));
        assertThat(net.links().keySet()).containsExactly("a->b", "b->a");
        assertThat(net.directory().link(A.ip(), B.ip())).isEqualTo(net.link("a", "b"));
        assertThat(net.directory().hostByIp(B.ip())).isEqualTo(net.host("b"));
        assertThat(net.directory().hostName(A.ip())).isEqualTo("a");

        Segment syn = Segment.control(A, B, 1, 0, Flags.SYN, 1000);
        Segment synAck = Segment.control(B, A, 9, 2, Flags.SYN | Flags.ACK, 1000);
        net.directory().link(A.ip(), B.ip()).tell(new Link.Transmit(syn, State.SYN_SENT, 0));
        net.directory().link(B.ip(), A.ip()).tell(new Link.Transmit(synAck, State.SYN_RECEIVED, 0));
        sync(net.link("a", "b"));
        sync(net.link("b", "a"));
        time.advanceMillis(2);
        assertThat(kernels.get("b").receiveMessage()).isEqualTo(new Host.Deliver(syn));
        assertThat(kernels.get("a").receiveMessage()).isEqualTo(new Host.Deliver(synAck));
    }

    @Test
    void segments_due_at_the_same_instant_reach_the_host_in_one_message_in_the_order_sent() {
        Network net = start(ab(1_000));
        Segment syn = Segment.control(A, B, 1, 0, Flags.SYN, 1000);
        Segment second = Segment.control(SockAddr.of("10.0.0.1", 40001), B, 5, 0, Flags.SYN, 1000);
        Segment later = Segment.control(SockAddr.of("10.0.0.1", 40002), B, 7, 0, Flags.SYN, 1000);
        ActorRef<Link.Command> ab = net.link("a", "b");
        ab.tell(new Link.Transmit(syn, State.SYN_SENT, 0));
        ab.tell(new Link.Transmit(second, State.SYN_SENT, 0));
        sync(ab);
        time.advanceMillis(1);
        assertThat(kernels.get("b").receiveMessage()).isEqualTo(new Host.DeliverAll(java.util.List.of(syn, second)));
        ab.tell(new Link.Transmit(later, State.SYN_SENT, time.now()));
        sync(ab);
        time.advanceMillis(1);
        assertThat(kernels.get("b").receiveMessage()).isEqualTo(new Host.Deliver(later));
    }

    @Test
    void rules_declared_in_the_topology_apply_to_their_direction_only() {
        Topology t = Topology.builder().seed(7).host(host("a", "10.0.0.1")).host(host("b", "10.0.0.2"))
                .link("a", "b", 1_000).rule("a", "b", "drop syn").build();
        Network net = start(t);
        assertThat(t.links().get(0).seed()).isNotEqualTo(t.links().get(1).seed());
        assertThat(sync(net.link("a", "b")).rules()).hasSize(1);
        assertThat(sync(net.link("b", "a")).rules()).isEmpty();
    }

    @Test
    void a_failing_link_is_reported_and_restarted() {
        Topology t = Topology.builder().host(host("a", "10.0.0.1")).host(host("b", "10.0.0.2"))
                .link("a", "b", 1_000).rule("a", "b", "drop rst").build();
        Network net = start(t);
        ActorRef<Link.Command> link = net.link("a", "b");
        link.tell(new Link.Transmit(null, State.CLOSED, 0)); // the rule table cannot read a missing segment
        Segment syn = Segment.control(A, B, 1, 0, Flags.SYN, 1000);
        link.tell(new Link.Transmit(syn, State.SYN_SENT, 0));
        sync(link);
        time.advanceMillis(1);
        assertThat(kernels.get("b").receiveMessage()).isEqualTo(new Host.Deliver(syn));
        assertThat(trace.hostEvents()).singleElement().satisfies(e -> {
            assertThat(e.host()).isEqualTo("a->b");
            assertThat(e.kind()).isEqualTo("failure");
            assertThat(e.detail()).startsWith("java.lang.NullPointerException").endsWith("; restarting");
        });
    }

    @Test
    void a_failing_host_is_reported_and_restarted() {
        Network net = start(ab(0));
        net.host("b").tell(new Host.Deliver(Segment.control(A, B, 1, 0, Flags.RST, 0)));
        Segment syn = Segment.control(A, B, 1, 0, Flags.SYN, 1000);
        net.host("b").tell(new Host.Deliver(syn));
        assertThat(kernels.get("b").receiveMessage()).isEqualTo(new Host.Deliver(syn));
        assertThat(trace.hostEvents()).extracting(TraceEvent.HostEvent::host, TraceEvent.HostEvent::kind,
                TraceEvent.HostEvent::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b", "failure",
                        "java.lang.IllegalStateException: kernel panic; restarting"));
    }

    @Test
    void an_inconsistent_topology_is_refused_with_the_reason() {
        assertThatThrownBy(() -> Topology.builder().host(host("a", "10.0.0.1")).link("a", "c", 0).build())
                .hasMessage("link a->c names host 'c', which is not declared; declared hosts: a");
        assertThatThrownBy(() -> Topology.builder().host(host("a", "10.0.0.1")).host(host("b", "10.0.0.1")).build())
                .hasMessage("hosts 'a' and 'b' have the same address 10.0.0.1");
        assertThatThrownBy(() -> Topology.builder().host(host("a", "10.0.0.1")).link("a", "a", 0))
                .hasMessage("link from host 'a' to itself");
        assertThatThrownBy(() -> Topology.builder().host(host("a", "10.0.0.1")).host(host("b", "10.0.0.2"))
                .link("a", "b", 0).oneWay("a", "b", LinkParams.IDEAL).build())
                .hasMessage("link a->b is declared twice");
        assertThatThrownBy(() -> Topology.builder().host(host("a", "10.0.0.1")).host(host("b", "10.0.0.2"))
                .link("a", "b", 0).rule("a", "b", "drop fin from b"))
                .hasMessage("rule \"drop fin from b\" can never fire on link a->b: every segment on it comes from a; put it on a link from b");
        assertThatThrownBy(() -> Topology.builder().rule("a", "b", "drop syn"))
                .hasMessage("rule \"drop syn\" is for link a->b, which is not declared");
        Network net = start(ab(0));
        assertThatThrownBy(() -> net.link("a", "c")).hasMessage("no link a->c; links: a->b, b->a");
    }

    Link.Info sync(ActorRef<Link.Command> link) {
        TestProbe<Link.Info> probe = testKit.createTestProbe();
        link.tell(new Link.GetInfo(probe.ref()));
        return probe.receiveMessage();
    }
}
