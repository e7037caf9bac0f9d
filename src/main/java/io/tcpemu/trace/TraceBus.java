package io.tcpemu.trace;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Fans trace events out to subscribers. Publishers check {@link #enabled()} before building an
 * event, so an emulation nobody watches pays one volatile read per would-be event.
 */
public final class TraceBus {
    private final List<TraceSink> sinks = new CopyOnWriteArrayList<>();
    private volatile boolean enabled;

    public boolean enabled() { return enabled; }

    public void publish(TraceEvent event) {
        for (TraceSink sink : sinks) sink.accept(event);
    }

    /** Adds a subscriber; returns a handle that removes it (closing it again does nothing). */
    public synchronized AutoCloseable subscribe(TraceSink sink) {
        sinks.add(sink);
        enabled = true;
        AtomicBoolean subscribed = new AtomicBoolean(true);
        return () -> {
            if (subscribed.getAndSet(false)) unsubscribe(sink);
        };
    }

    /** Synchronized with subscribe, so {@link #enabled()} never reads false while a sink is subscribed. */
    private synchronized void unsubscribe(TraceSink sink) {
        sinks.remove(sink);
        enabled = !sinks.isEmpty();
    }

    /** The trace as a stream with a bounded buffer; see {@link TraceStream} for what happens on overflow. */
    public Source<TraceEvent, TraceStream> source(int bufferSize) {
        return TraceStream.source(this, bufferSize);
    }
}
