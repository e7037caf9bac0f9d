package io.tcpemu.runtime;

import io.tcpemu.runtime.fault.FaultRule;
import io.tcpemu.runtime.fault.RuleTable;
import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TimeWaitEntry;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message type hosts, links, endpoints and socket owners exchange goes through Pekko's
 * serializer for it (Jackson CBOR, bound in reference.conf) and comes back equal, value by value.
 * The list of samples is checked against the message interfaces' own members, so a new message
 * type without a sample here fails the test.
 */
class WireMessageRoundTripTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final Serialization SERIALIZATION = SerializationExtension.get(KIT.system().classicSystem());

    private static final SockAddr A = SockAddr.of("10.0.0.1", 40000), B = SockAddr.of("10.0.0.2", 80);
    private static final FourTuple TUPLE = new FourTuple(A, B);
    private static final Segment DATA = new Segment(A, B, 0xFFFF_FFF0, 17, Flags.ACK | Flags.PSH, 65535, 0,
            123_456, 654_321, new byte[] {1, 2, 3, -1}, 7, Segment.NO_WSCALE, false, new int[] {100, 200});
    private static final Segment SYN = new Segment(B, A, 100, 0, Flags.SYN, 1000, 1460, Segment.NO_TIMESTAMP, Segment.NO_TIMESTAMP,
            Segment.NO_PAYLOAD, 0, 7, true);
    private static final ActorRef<SocketEvent> OWNER = KIT.<SocketEvent>createTestProbe().ref();
    private static final ActorRef<Host.Command> HOST_REF = KIT.<Host.Command>createTestProbe().ref();
    private static final ActorRef<Endpoint.Reply> REPLY = KIT.<Endpoint.Reply>createTestProbe().ref();
    private static final SocketRef SOCKET = new SocketRef(HOST_REF, TUPLE, "a", 42);
    private static final TimeWaitEntry TIME_WAIT = new TimeWaitEntry(TUPLE, 5, 6, Segment.NO_TIMESTAMP, 1_000, 61_000_000, 3);
    private static final HostCounters.Snapshot COUNTERS = new HostCounters.Snapshot(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
    private static final FaultRule RULE = FaultRule.parse("duplicate data from a delay 90s");
    private static final LinkParams PARAMS = LinkParams.ofDelay(10_000).withJitter(new Jitter(Jitter.Distribution.PARETO, 500))
            .withLoss(0.25).withDuplicate(0.5, 3_000).withReorder(0.125, 0);

    private static final List<Object> HOST = List.of(
            new Host.Deliver(DATA),
            new Host.DeliverAll(List.of(DATA, DATA)),
            new Host.Connect(B, 0, OWNER, SocketEvent.Delivery.PUSH),
            new Host.ConnectNonBlocking(B, 0, OWNER),
            new Host.Connect(B, 0, OWNER, SocketEvent.Delivery.PULL, 20000),
            new Host.ConnectNonBlocking(B, 0, OWNER, OWNER, 20000),
            new Host.Listen(80, 8, true, OWNER, SocketEvent.Delivery.PULL),
            new Host.Listen(80, 8, true, OWNER, SocketEvent.Delivery.PULL, 20000),
            new Host.SetListenerReceiveBuffer(80, 20000),
            new Host.Accept(80, OWNER),
            new Host.Unlisten(80),
            new Host.GetTable(KIT.<Host.Table>createTestProbe().ref()),
            new Host.GetCounters(KIT.<HostCounters.Snapshot>createTestProbe().ref()),
            new Host.ToEndpoint(SOCKET, new Endpoint.Write("hi".getBytes(), REPLY), KIT.createTestProbe().ref()),
            new Host.ToEndpoint(SOCKET, new Endpoint.Close(null), null),
            new Host.ToEndpoint(SOCKET, new Endpoint.Incoming(SYN), null),
            new Host.Gone(SOCKET),
            new Host.AcceptWaiterGone(80, OWNER),
            timerMessage(Host.class, "ExpireTimeWait"),
            new Host.Table("a", List.of(SOCKET), List.of(new Host.ListenerInfo(80, 8, true, 1, 2)), List.of(TIME_WAIT), COUNTERS),
            COUNTERS);

    private static final List<Object> ENDPOINT_MESSAGES = List.of(
            new Endpoint.Incoming(SYN),
            new Endpoint.Write("hello".getBytes(), REPLY),
            new Endpoint.Write(new byte[0], null),
            new Endpoint.Read(100, REPLY),
            new Endpoint.Shutdown(REPLY),
            new Endpoint.Shutdown(Endpoint.Shut.RDWR, REPLY),
            new Endpoint.GetError(REPLY),
            new Endpoint.Poll(KIT.<Readiness>createTestProbe().ref()),
            new Endpoint.SoError(Errno.ECONNREFUSED),
            new Endpoint.SoError(null),
            new Endpoint.Close(REPLY),
            new Endpoint.Abort(REPLY),
            new Endpoint.SetLingerZero(true),
            new Endpoint.SetOwner(OWNER, SocketEvent.Delivery.PUSH),
            new Endpoint.SetOwner(null, null),
            new Endpoint.Query(KIT.<Endpoint.Info>createTestProbe().ref()),
            new Endpoint.WatchStop(KIT.<Endpoint.Stopped>createTestProbe().ref()),
            new Endpoint.Stopped(),
            new Endpoint.Ok(5),
            new Endpoint.Received(new byte[] {104, 105}),
            new Endpoint.Failure("write", Errno.EPIPE),
            new Endpoint.Info(SOCKET, State.FIN_WAIT_2, 3, true),
            new Readiness(true, true, true, true, true));

    private static final List<Object> LINK = List.of(
            new Link.Transmit(DATA, State.TIME_WAIT, 99_000),
            new Link.Arrive(100_000, DATA, 99_000),
            new Link.SetParams(PARAMS, KIT.<Done>createTestProbe().ref()),
            new Link.AddRule("drop fin from b", KIT.<Link.RuleReply>createTestProbe().ref()),
            new Link.RemoveRule(2, KIT.<Link.RuleReply>createTestProbe().ref()),
            new Link.ClearRules(KIT.<Link.RuleReply>createTestProbe().ref()),
            new Link.GetInfo(KIT.<Link.Info>createTestProbe().ref()),
            timerMessage(Link.class, "DeliverDue"),
            new Link.RuleAdded(1, RULE),
            new Link.RuleAdded(2, FaultRule.parse("drop 2nd syn")),
            new Link.RuleAdded(3, FaultRule.parse("delay syn-ack 3s")),
            new Link.RuleRemoved(1, true),
            new Link.RulesCleared(4),
            new Link.RuleRejected("drop fin form b", "unknown word 'form'"),
            new Link.Info("a->b", PARAMS, List.of(new RuleTable.Entry(1, RULE, 3)), new Link.Stats(10, 8, 1, 1), 2));

    private static final List<Object> SOCKET_EVENTS = List.of(
            new SocketEvent.Listening("b", 80),
            new SocketEvent.Connected(SOCKET),
            new SocketEvent.Connecting(SOCKET),
            new SocketEvent.Accepted(SOCKET, 80),
            new SocketEvent.Failed(null, "connect 10.0.0.2:81", Errno.ECONNREFUSED),
            new SocketEvent.Failed(SOCKET, "read", Errno.ECONNRESET),
            new SocketEvent.Data(SOCKET, new byte[] {0, 127, -128}),
            new SocketEvent.Eof(SOCKET),
            new SocketEvent.Reset(SOCKET),
            new SocketEvent.Closed(SOCKET));

    @AfterAll static void stop() { KIT.shutdownTestKit(); }

    @Test
    void every_host_message_and_reply_comes_back_equal() { HOST.forEach(WireMessageRoundTripTest::roundTrip); }

    @Test
    void every_endpoint_message_and_reply_comes_back_equal() { ENDPOINT_MESSAGES.forEach(WireMessageRoundTripTest::roundTrip); }

    @Test
    void every_link_message_and_reply_comes_back_equal_fault_rules_included() { LINK.forEach(WireMessageRoundTripTest::roundTrip); }

    @Test
    void every_socket_event_comes_back_equal() { SOCKET_EVENTS.forEach(WireMessageRoundTripTest::roundTrip); }

    @Test
    void the_samples_cover_every_message_type_of_hosts_endpoints_links_and_socket_owners() {
        Set<Class<?>> sampled = new HashSet<>();
        Stream.of(HOST, ENDPOINT_MESSAGES, LINK, SOCKET_EVENTS).flatMap(List::stream).forEach(m -> sampled.add(m.getClass()));
        Set<Class<?>> wire = new HashSet<>(Set.of(Readiness.class)); // the top-level ones
        for (Class<?> outer : List.of(Host.class, Endpoint.class, Link.class, SocketEvent.class, HostCounters.class)) {
            for (Class<?> c : outer.getDeclaredClasses()) {
                if (WireMessage.class.isAssignableFrom(c) && !c.isInterface()) wire.add(c);
            }
        }
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(wire);
    }

    @Test
    void by_default_nothing_is_serialized_in_one_jvm() {
        assertThat(KIT.system().settings().config().getBoolean("pekko.actor.serialize-messages")).isFalse();
        assertThat(KIT.system().settings().config().getStringList("pekko.serialization.jackson.jackson-modules"))
                .contains(WireModule.class.getName(), "org.apache.pekko.serialization.jackson.PekkoTypedJacksonModule");
    }

    private static void roundTrip(Object message) {
        assertThat(message).isInstanceOf(WireMessage.class);
        Serializer serializer = SERIALIZATION.findSerializerFor(message);
        assertThat(serializer).as("serializer of %s", message.getClass().getName()).isInstanceOf(JacksonCborSerializer.class);
        byte[] bytes = SERIALIZATION.serialize(message).get();
        Object back = SERIALIZATION.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message)).get();
        assertThat(sameValue(back, message)).as("%s came back as %s", message, back).isTrue();
    }

    /** Equality by value: records component by component, byte arrays by content (records compare arrays by reference); int arrays (SACK blocks) too. */
    private static boolean sameValue(Object a, Object b) {
        if (a == null || b == null) return a == b;
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.equals(x, y);
        if (a instanceof int[] x && b instanceof int[] y) return Arrays.equals(x, y);
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) return false;
            for (int i = 0; i < x.size(); i++) if (!sameValue(x.get(i), y.get(i))) return false;
            return true;
        }
        if (a.getClass() != b.getClass()) return false;
        if (!a.getClass().isRecord()) return a.equals(b);
        for (RecordComponent c : a.getClass().getRecordComponents()) {
            if (!sameValue(component(c, a), component(c, b))) return false;
        }
        return true;
    }

    private static Object component(RecordComponent c, Object record) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** A private timer message, a new object per arming (it is a message too, though only timers send it). */
    private static Object timerMessage(Class<?> outer, String name) {
        try {
            var constructor = Arrays.stream(outer.getDeclaredClasses()).filter(c -> c.getSimpleName().equals(name))
                    .findFirst().orElseThrow().getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
