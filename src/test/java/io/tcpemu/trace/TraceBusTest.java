package io.tcpemu.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcpemu.trace.TraceEvent.HostEvent;
import io.tcpemu.trace.TraceEvent.SocketCall;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TraceBusTest {
    private final TraceBus bus = new TraceBus();

    private static HostEvent event(long time) { return new HostEvent(time, "a", "port-exhausted", "#" + time); }

    @Test void withoutSubscribersTheBusIsDisabled() {
        assertThat(bus.enabled()).isFalse();

        TraceRecorder recorder = TraceRecorder.on(bus);
        assertThat(bus.enabled()).isTrue();

        recorder.close();
        assertThat(bus.enabled()).isFalse();
        bus.publish(event(1));
        assertThat(recorder.events()).isEmpty();
    }

    @Test void closingAHandleTwiceRemovesOnlyItsOwnSubscription() throws Exception {
        TraceRecorder recorder = new TraceRecorder();
        AutoCloseable first = bus.subscribe(recorder), second = bus.subscribe(recorder);

        first.close();
        first.close();
        bus.publish(event(1));

        assertThat(bus.enabled()).isTrue();
        assertThat(recorder.events()).containsExactly(event(1));
        second.close();
        assertThat(bus.enabled()).isFalse();
    }

    @Test void aSubscriberSeesEveryEventInOrder() {
        TraceRecorder first = TraceRecorder.on(bus), second = TraceRecorder.on(bus);

        IntStream.range(0, 100).forEach(t -> bus.publish(event(t)));

        assertThat(first.events()).extracting(TraceEvent::time).containsExactlyElementsOf(
                IntStream.range(0, 100).mapToObj(Long::valueOf).toList());
        assertThat(second.events()).isEqualTo(first.events());
    }

    @Test void theRecorderFiltersByType() {
        TraceRecorder recorder = TraceRecorder.on(bus);
        bus.publish(event(1));
        bus.publish(new SocketCall(2, "a", 7, "connect 10.0.0.2:80", "EADDRNOTAVAIL"));
        bus.publish(event(3));

        assertThat(recorder.ofType(HostEvent.class)).containsExactly(event(1), event(3));
        assertThat(recorder.ofType(SocketCall.class)).extracting(SocketCall::result).containsExactly("EADDRNOTAVAIL");
        assertThat(recorder.matching(e -> e.time() > 1)).hasSize(2);

        recorder.clear();
        assertThat(recorder.size()).isZero();
    }

    /** Issue 22: a trace larger than the heap killed the run; a recorder with a limit keeps the first events and says where it cut. */
    @Test void aRecorderWithALimitKeepsTheFirstEventsAndSaysWhereItCut() {
        TraceRecorder recorder = TraceRecorder.on(bus, 3);
        IntStream.range(0, 5).forEach(t -> bus.publish(event(t * 1_000_000L)));

        assertThat(recorder.events()).containsExactly(event(0), event(1_000_000), event(2_000_000));
        assertThat(recorder.dropped()).isEqualTo(2);
        assertThat(recorder.cut()).startsWith("the trace keeps its first 3 events, up to t = 3.000000 s; 2 later ones were not kept (the heap holds no more)");
        assertThat(TraceRecorder.on(bus).cut()).as("a whole trace").isNull();
        assertThat(TraceRecorder.eventsThatFit(256L << 20)).isEqualTo((256L << 20) / TraceRecorder.BYTES_PER_EVENT);
    }
}
