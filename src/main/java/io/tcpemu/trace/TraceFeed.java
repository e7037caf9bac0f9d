package io.tcpemu.trace;

import org.apache.pekko.Done;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;

import java.util.concurrent.CompletionStage;

/**
 * Feeds a file-writing {@link TraceSink} (pcap, CSV, metrics) from the bus through a
 * {@link TraceStream}, so the writer never slows the emulation: events wait in a bounded buffer,
 * and what overflows is counted ({@link #overflowCount()}) and logged on close, never lost silently.
 * A sink that throws (a full disk) fails {@link #done()} instead of the emulation.
 */
public final class TraceFeed {
    private final TraceStream stream;
    private final CompletionStage<Done> done;

    private TraceFeed(TraceStream stream, CompletionStage<Done> done) {
        this.stream = stream;
        this.done = done;
    }

    /** Subscribes {@code sink} to every event published on {@code bus} from now on. */
    public static TraceFeed start(TraceBus bus, int bufferSize, TraceSink sink, ClassicActorSystemProvider system) {
        Pair<TraceStream, CompletionStage<Done>> running =
                bus.source(bufferSize).toMat(Sink.foreach(sink::accept), Keep.both()).run(system);
        return new TraceFeed(running.first(), running.second());
    }

    /** Events dropped because the writer fell behind and the buffer was full. */
    public long overflowCount() { return stream.overflowCount(); }

    /** Events that entered the buffer (and so reach the sink, unless it fails). */
    public long deliveredCount() { return stream.deliveredCount(); }

    /** Completes when the sink has taken the last buffered event after {@link #close()}; fails if the sink threw. */
    public CompletionStage<Done> done() { return done; }

    /** Stops taking events; the buffered ones still reach the sink. Close the sink itself once {@link #done()} completes. */
    public CompletionStage<Done> close() {
        stream.close();
        return done;
    }
}
