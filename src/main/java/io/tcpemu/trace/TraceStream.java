package io.tcpemu.trace;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trace as a Pekko Streams source, for subscribers that write files or sockets. The emulation
 * must never wait for a slow writer, so events go through a bounded buffer; when it is full the
 * new event is dropped and counted, never silently: {@link #overflowCount()} tells how many, and
 * {@link #close()} logs a warning if any were lost.
 */
public final class TraceStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TraceStream.class);

    private final BoundedSourceQueue<TraceEvent> queue;
    private final int bufferSize;
    private final AutoCloseable subscription;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong overflow = new AtomicLong();
    private volatile boolean closed;

    private TraceStream(TraceBus bus, BoundedSourceQueue<TraceEvent> queue, int bufferSize) {
        this.queue = queue;
        this.bufferSize = bufferSize;
        this.subscription = bus.subscribe(this::offer);
    }

    /**
     * A source of every event published on {@code bus} from materialization on. Each
     * materialization subscribes anew; its materialized value is the {@link TraceStream} that
     * counts overflow and ends the subscription.
     */
    public static Source<TraceEvent, TraceStream> source(TraceBus bus, int bufferSize) {
        if (bufferSize < 1) throw new IllegalArgumentException("trace stream buffer: expected a size >= 1, got " + bufferSize);
        return Source.<TraceEvent>queue(bufferSize).mapMaterializedValue(queue -> new TraceStream(bus, queue, bufferSize));
    }

    /** Events dropped because the subscriber was slower than the emulation and the buffer was full. */
    public long overflowCount() { return overflow.get(); }

    /** Events accepted into the stream. */
    public long deliveredCount() { return delivered.get(); }

    public int bufferSize() { return bufferSize; }

    /** Unsubscribes and completes the stream once the buffered events are through; warns if any overflowed. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        unsubscribe();
        queue.complete();
        long lost = overflow.get();
        if (lost > 0) {
            LOG.warn("trace stream lost {} of {} events: its subscriber fell behind the emulation with a buffer of {}",
                    lost, lost + delivered.get(), bufferSize);
        }
    }

    private void offer(TraceEvent event) {
        QueueOfferResult result = queue.offer(event);
        if (result.isEnqueued()) {
            delivered.incrementAndGet();
        } else if (result == QueueOfferResult.dropped()) {
            overflow.incrementAndGet();
        } else {
            unsubscribe(); // the stream was cancelled or failed downstream: stop feeding it
        }
    }

    private void unsubscribe() {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not unsubscribe the trace stream", e);
        }
    }
}
