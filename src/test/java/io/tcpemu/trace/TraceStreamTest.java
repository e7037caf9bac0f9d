package io.tcpemu.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tcpemu.time.VirtualTime;
import io.tcpemu.trace.TraceEvent.HostEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The trace as a Pekko Streams source, run in virtual time (streams share the emulation thread). */
class TraceStreamTest {
    private final ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "trace", VirtualTime.config());
    private final TraceBus bus = new TraceBus();

    @AfterEach void stop() { system.terminate(); }

    private static HostEvent event(long time) { return new HostEvent(time, "a", "time-wait-cap", ""); }

    /** Publishes as the emulation does: on its thread, in one go, while the stream cannot drain. */
    private void publishOnEmulationThread(int count) {
        system.executionContext().execute(() -> LongStream.range(0, count).forEach(t -> bus.publish(event(t))));
        VirtualTime.of(system).advanceBy(0); // returns once all work at the current time has run
    }

    @Test void aStreamSubscriberGetsEveryEventInOrder() throws Exception {
        var running = bus.source(1024).toMat(Sink.seq(), Keep.both()).run(system);
        assertThat(bus.enabled()).isTrue();

        publishOnEmulationThread(500);
        running.first().close();

        List<TraceEvent> received = running.second().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(received).extracting(TraceEvent::time).containsExactlyElementsOf(LongStream.range(0, 500).boxed().toList());
        assertThat(running.first().overflowCount()).isZero();
        assertThat(bus.enabled()).as("closing unsubscribes").isFalse();
    }

    @Test void aSlowSubscriberWithATinyBufferReportsItsOverflow() throws Exception {
        Pair<TraceStream, SinkQueueWithCancel<TraceEvent>> running =
                bus.source(4).toMat(Sink.queue(), Keep.both()).run(system);
        TraceStream stream = running.first();

        // Nobody pulls while 1000 events are published: the buffer fills and the rest overflow.
        publishOnEmulationThread(1000);
        stream.close();
        List<Long> received = new ArrayList<>();
        for (Optional<TraceEvent> next; (next = running.second().pull().toCompletableFuture().get(10, TimeUnit.SECONDS)).isPresent(); ) {
            received.add(next.get().time());
        }

        assertThat(stream.overflowCount()).isEqualTo(1000 - 4);
        assertThat(stream.deliveredCount()).isEqualTo(4);
        assertThat(received).hasSize((int) stream.deliveredCount())
                .as("the oldest events are kept, in order").isEqualTo(LongStream.range(0, received.size()).boxed().toList());
    }

    @Test void aBufferMustHoldAnEvent() {
        assertThatThrownBy(() -> bus.source(0)).hasMessage("trace stream buffer: expected a size >= 1, got 0");
    }
}
