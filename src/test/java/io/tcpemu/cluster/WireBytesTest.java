package io.tcpemu.cluster;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What Artery carried, counted by message type on both ends: the figures a run on a cluster ends with. */
class WireBytesTest {
    private static ActorSystem<Void> a, b;

    @BeforeAll static void start() {
        a = ClusterSystem.start(Behaviors.empty(), "127.0.0.1", 0, List.of(), ClusterSystem.NODE_ROLE);
        b = ClusterSystem.start(Behaviors.empty(), "127.0.0.1", 0, List.of(), ClusterSystem.NODE_ROLE);
    }

    @AfterAll static void stop() {
        a.terminate();
        b.terminate();
    }

    @Test void aMessageIsCountedWithTheSameBytesWhereSentAndWhereReceived() throws Exception {
        CompletableFuture<RunEvent> got = new CompletableFuture<>();
        ActorRef<RunEvent> there = b.systemActorOf(Behaviors.receiveMessage(m -> {
            got.complete(m);
            return Behaviors.same();
        }), "wire-bytes-receiver", Props.empty());
        ActorRef<RunEvent> fromA = ActorRefResolver.get(a).resolveActorRef(ActorRefResolver.get(b).toSerializationFormat(there));
        WireBytes.Tally sentBefore = WireBytes.of(a) == null ? new WireBytes.Tally(Map.of()) : WireBytes.of(a).sent();

        fromA.tell(new RunEvent.Progress("point 1 of 1", 12_345));

        assertThat(got.get(60, TimeUnit.SECONDS)).isEqualTo(new RunEvent.Progress("point 1 of 1", 12_345));
        WireBytes.Count sent = WireBytes.of(a).sent().since(sentBefore).byType().get("Progress");
        WireBytes.Count received = WireBytes.of(b).received().byType().get("Progress");
        assertThat(sent.messages()).isEqualTo(1);
        assertThat(received.messages()).isEqualTo(1);
        assertThat(sent.bytes()).as("the envelope carries at least the label").isGreaterThan("point 1 of 1".length())
                .isEqualTo(received.bytes());
    }

    @Test void aTallySinceAnEarlierOneKeepsOnlyWhatMovedAndListsTheLargestFirst() {
        WireBytes.Tally before = new WireBytes.Tally(Map.of("Window", new WireBytes.Count(2, 100), "Done", new WireBytes.Count(1, 50)));
        WireBytes.Tally now = new WireBytes.Tally(Map.of("Window", new WireBytes.Count(5, 400), "Done", new WireBytes.Count(1, 50),
                "Pekko's own", new WireBytes.Count(3, 90), "Output", new WireBytes.Count(1, 1_500)));

        WireBytes.Tally d = now.since(before);

        assertThat(d.byType()).containsOnlyKeys("Window", "Pekko's own", "Output");
        assertThat(d.bytes()).isEqualTo(300 + 90 + 1_500);
        assertThat(d.messages()).isEqualTo(3 + 3 + 1);
        assertThat(d.describe()).isEqualTo("1,890 bytes in 7 messages (Output 1,500 in 1, Window 300 in 3, Pekko's own 90 in 3)");
    }

    @Test void tcpemusMessagesGoByTheirNameAndPekkosTogether() {
        assertThat(WireBytes.typeOf(new RunEvent.Finished(0))).isEqualTo("Finished");
        assertThat(WireBytes.typeOf("a string")).isEqualTo("Pekko's own");
    }
}
