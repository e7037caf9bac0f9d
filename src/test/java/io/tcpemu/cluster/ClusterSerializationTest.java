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
