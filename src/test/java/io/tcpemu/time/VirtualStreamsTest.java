package io.tcpemu.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.Test;

/** Pekko Streams' timed operators run on the virtual clock too (their dispatcher is the emulation thread). */
class VirtualStreamsTest extends VirtualKit {
    @Test void tickFollowsTheVirtualClock() {
        Materializer materializer = Materializer.matFromSystem(kit.system());
        CompletableFuture<List<Long>> ticks = Source.tick(Duration.ofSeconds(1), Duration.ofSeconds(1), "tick")
                .map(tick -> clock.now())
                .take(5)
                .runWith(Sink.seq(), materializer)
                .toCompletableFuture();

        clock.advanceBy(4_500_000);
        assertThat(ticks).isNotDone();

        clock.advanceBy(1_000_000);
        assertThat(ticks).isCompletedWithValue(List.of(1_000_000L, 2_000_000L, 3_000_000L, 4_000_000L, 5_000_000L));
    }
}
