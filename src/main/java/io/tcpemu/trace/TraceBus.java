package io.tcpemu.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Fans trace events out to subscribers. Publishers check {@link #enabled()} before building an
 * event, so an emulation nobody watches pays one volatile read per would-be event.
 *
 * <p>Partitioned, events published on the partitions' threads are gathered per thread and
 * handed to the subscribers at each barrier ({@link #flush}), on the driver's thread, in the
 * canonical order: by time, then by origin ({@link TraceHash#origin}), each origin's in the order
 * it published them. Subscribers then see one thread and the same sequence whatever the
 * partition count; they see a window's events when it ends.
 */
public final class TraceBus {
    private final List<TraceSink> sinks = new CopyOnWriteArrayList<>();
    private volatile boolean enabled;
    /** Non-null when partitioned: true on the threads whose events are gathered until the barrier. */
    private volatile BooleanSupplier gatherHere;
    private final List<List<TraceEvent>> gathered = new CopyOnWriteArrayList<>();
    /** Events partitions on other nodes gathered, waiting for the next {@link #flush} with ours. */
    private final java.util.Queue<List<TraceEvent>> fromElsewhere = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final ThreadLocal<List<TraceEvent>> mine = ThreadLocal.withInitial(() -> {
        List<TraceEvent> list = new ArrayList<>();
        gathered.add(list);
        return list;
    });

    public boolean enabled() { return enabled; }

    public void publish(TraceEvent event) {
        BooleanSupplier gather = gatherHere;
        if (gather != null && gather.getAsBoolean()) {
            mine.get().add(event);
            return;
        }
        for (TraceSink sink : sinks) sink.accept(event);
    }

    /** Partitioned: events published where {@code here} holds wait for {@link #flush}. */
    public void gatherWhere(BooleanSupplier here) { gatherHere = here; }

    /** Hands the gathered events to the subscribers in the canonical order; call it with every publishing thread held. */
    public void flush() {
        List<TraceEvent> all = take();
        for (List<TraceEvent> list; (list = fromElsewhere.poll()) != null; ) all.addAll(list);
        if (all.isEmpty()) return;
        all.sort(CANONICAL);
        for (TraceEvent e : all) {
            for (TraceSink sink : sinks) sink.accept(e);
        }
    }

    /** By time, then origin; the sort is stable, so each origin keeps its order. */
    private static final Comparator<TraceEvent> CANONICAL = Comparator.comparingLong(TraceEvent::time).thenComparing(TraceHash::origin);

    /**
     * A node that runs partitions for a driver elsewhere: takes what was gathered instead of handing
     * it to subscribers, in the canonical order, to send to the driver ({@link #addGathered} there).
     */
    public List<TraceEvent> drainGathered() {
        List<TraceEvent> all = take();
        all.sort(CANONICAL);
        return all;
    }

    /** Events gathered by partitions on another node: handed to the subscribers with ours at the next {@link #flush}. */
    public void addGathered(List<TraceEvent> events) {
        if (!events.isEmpty()) fromElsewhere.add(events);
    }

    private List<TraceEvent> take() {
        List<TraceEvent> all = new ArrayList<>();
        for (List<TraceEvent> list : gathered) {
            all.addAll(list);
            list.clear();
        }
        return all;
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
