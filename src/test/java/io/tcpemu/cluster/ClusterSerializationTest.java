package io.tcpemu.cluster;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster member accepts no Java serialization and binds only tcpemu's own messages to Jackson:
 * ours cross the wire and come back equal, anything else is refused both ways.
 */
class ClusterSerializationTest {
    private static ActorSystem<Void> system;
    private static Serialization serialization;

    /** Serializable, and not one of ours: what an attacker's gadget would look like to the wire. */
    record Foreign(String text) implements Serializable {}

    @BeforeAll static void start() {
        system = ClusterSystem.start(Behaviors.empty(), "127.0.0.1", 0, List.of(), ClusterSystem.NODE_ROLE);
        serialization = SerializationExtension.get(Adapter.toClassic(system));
    }

    @AfterAll static void stop() { system.terminate(); }

    @Test void javaSerializationIsOff() {
        assertThat(system.settings().config().getBoolean("pekko.actor.allow-java-serialization")).isFalse();
        assertThat(serialization.serialize(new Foreign("x")).isFailure()).isTrue();
    }

    @Test void ourMessagesTravelAsJacksonCborAndComeBackEqual() {
        Job job = new Job("conf/close-race.conf", "duration = 1s\n", List.of("seed=2"), null, "200", "c1", true, "close-race");
        RunEvent.FileChunk chunk = new RunEvent.FileChunk("1-baseline/summary.txt", new byte[] {1, 2, 3}, true);
        for (Object m : List.of(new NodeWorker.Validated("127.0.0.1:2551", List.of("a problem")), new RunEvent.Finished(3),
                new RunEvent.Progress("2-short", 1_500_000), new NodeWorker.NodeInfo("127.0.0.1:2551", "0.1.0"))) {
            assertThat(roundTrip(m)).isEqualTo(m);
        }
        NodeWorker.Validate validate = new NodeWorker.Validate(job, system.ignoreRef());
        assertThat(((NodeWorker.Validate) roundTrip(validate)).job()).isEqualTo(job);
        RunEvent.FileChunk back = (RunEvent.FileChunk) roundTrip(chunk);
        assertThat(back.bytes()).containsExactly(1, 2, 3);
        assertThat(serialization.findSerializerFor(chunk).getClass().getSimpleName()).isEqualTo("JacksonCborSerializer");
    }

    @Test void aWindowsReportCarriesItsSegmentsAndTraceEventsAcross() {
        io.tcpemu.tcp.SockAddr a = new io.tcpemu.tcp.SockAddr(0x0a000001, 40000), b = new io.tcpemu.tcp.SockAddr(0x0a000002, 81);
        io.tcpemu.tcp.Segment syn = io.tcpemu.tcp.Segment.control(a, b, 7, 0, io.tcpemu.tcp.Flags.SYN, 65535);
        WindowMessage.Handover h = new WindowMessage.Handover(1, 1000, 6000, "client->server", new io.tcpemu.runtime.Link.Arrive(6000, syn, 1000));
        List<io.tcpemu.trace.TraceEvent> trace = List.of(
                new io.tcpemu.trace.TraceEvent.SegmentEvent(6000, io.tcpemu.trace.TraceEvent.SegmentAction.DELIVERED, "server", syn, false, ""),
                new io.tcpemu.trace.TraceEvent.StateChanged(6000, "server", 3, new io.tcpemu.tcp.FourTuple(b, a),
                        io.tcpemu.tcp.State.LISTEN, io.tcpemu.tcp.State.SYN_RECEIVED, "SYN"),
                new io.tcpemu.trace.TraceEvent.HostEvent(6001, "server", "failure", "x"));
        List<io.tcpemu.emulation.PartitionNews> news = List.of(new io.tcpemu.workload.DriverNews("client-c2", true,
                java.util.stream.LongStream.rangeClosed(1, 17).boxed().toList(), 6001, -1, "", List.of(2000L, 2100L), List.of(9000L), true, false));
        WindowMessage.Done done = new WindowMessage.Done(7000, 11000, false, 6001, List.of(h), trace, news, 123);
        assertThat(roundTrip(done)).isEqualTo(done);
        assertThat(((WindowMessage.Done) roundTrip(done)).news().get(0)).isInstanceOf(io.tcpemu.workload.DriverNews.class);
        WindowMessage.Window w = new WindowMessage.Window(7000, List.of(h), true, system.ignoreRef());
        assertThat(((WindowMessage.Window) roundTrip(w)).received()).containsExactly(h);
        // a workload's stop for a driver there rides with the window as a hand-over of its own
        WindowMessage.Handover stop = WindowMessage.Handover.of(new io.tcpemu.time.RemotePartition.Crossing(2, 1_000_000, 1_002_000,
                "driver-workload-client-c2", new io.tcpemu.workload.DriverStop(1_002_000)));
        WindowMessage.Window granted = (WindowMessage.Window) roundTrip(new WindowMessage.Window(7000, List.of(h, stop), true, system.ignoreRef()));
        assertThat(granted.received()).containsExactly(h, stop);
        assertThat(WindowMessage.Handover.crossings(granted.received()).get(1).message()).isEqualTo(new io.tcpemu.workload.DriverStop(1_002_000));
        // and so does a workload a run's script starts, with its whole plan
        io.tcpemu.workload.WorkloadPlan plan = io.tcpemu.workload.WorkloadPlan.from(io.tcpemu.config.ConfigLoader.loadOrThrow(
                java.nio.file.Path.of("conf/load-balancer.conf")));
        io.tcpemu.workload.DriverStart start = new io.tcpemu.workload.DriverStart(500_000, "console-workload-1", plan);
        WindowMessage.Handover started = WindowMessage.Handover.of(new io.tcpemu.time.RemotePartition.Crossing(2, 500_000, 500_000, "driver-start-2", start));
        WindowMessage.Window withStart = (WindowMessage.Window) roundTrip(new WindowMessage.Window(7000, List.of(started), true, system.ignoreRef()));
        assertThat(WindowMessage.Handover.crossings(withStart.received()).get(0).message()).isEqualTo(start);
        // what a segment costs between nodes (BENCHMARKS.md): the window with one segment, less the empty window
        int empty = serialization.serialize(new WindowMessage.Window(7000, List.of(), true, system.ignoreRef())).get().length;
        int one = serialization.serialize(w).get().length;
        int event = serialization.serialize(new WindowMessage.Done(7000, 11000, false, 6001, List.of(), trace.subList(0, 1), List.of(), 123)).get().length
                - serialization.serialize(new WindowMessage.Done(7000, 11000, false, 6001, List.of(), List.of(), List.of(), 123)).get().length;
        assertThat(one - empty).as("bytes of a handed-over SYN").isBetween(100, 400);
        assertThat(event).as("bytes of a segment's trace event").isBetween(100, 400);
        assertThat(empty).as("bytes of an empty window").isLessThan(250);
    }

    @Test void jacksonRefusesAClassOutsideTheBindings() {
        Object ours = new RunEvent.Finished(0);
        Serializer jackson = serialization.findSerializerFor(ours);
        byte[] bytes = serialization.serialize(ours).get();
        assertThat(serialization.deserialize(bytes, jackson.identifier(), Foreign.class.getName()).isFailure()).isTrue();
        assertThat(serialization.deserialize(bytes, jackson.identifier(), "java.lang.ProcessBuilder").isFailure()).isTrue();
    }

    private static Object roundTrip(Object m) {
        Serializer s = serialization.findSerializerFor(m);
        byte[] bytes = serialization.serialize(m).get();
        return serialization.deserialize(bytes, s.identifier(), Serializers.manifestFor(s, m)).get();
    }
}
