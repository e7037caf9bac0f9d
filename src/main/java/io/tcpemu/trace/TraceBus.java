package io.tcpemu.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Fans trace events out to subscribers. Publishers check {@link #enabled()} before building an
 * event, so an emulation nobody watches pays one volatile read per would-be event.
 *
 * <p>Partitioned, events published by the partitions' work are gathered per partition, whichever
 * thread runs it (a partition's window may run on another partition's thread), and handed to the
 * subscribers at each barrier ({@link #flush}), on the thread that runs it, in the canonical order:
 * by time, then by origin ({@link TraceHash#origin}), each origin's in the order it published
 * them (an origin belongs to one partition). Subscribers then see one thread and the same
 * sequence whatever the partition count; they see a window's events when it ends.
 */
public final class TraceBus {
    private final List<TraceSink> sinks = new CopyOnWriteArrayList<>();
    private volatile boolean enabled;
    /** Non-null when partitioned: the partition whose work runs on this thread now, or -1 where events are not gathered. */
    private volatile IntSupplier partitionHere;
    /** Per partition, its events since the last barrier; appended by whichever thread runs it, read with every partition held. */
    private volatile List<TraceEvent>[] gathered = newLists(0);
    /** Events partitions on other nodes gathered, waiting for the next {@link #flush} with ours. */
    private final java.util.Queue<List<TraceEvent>> fromElsewhere = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public boolean enabled() { return enabled; }

    public void publish(TraceEvent event) {
        IntSupplier here = partitionHere;
        int p = here == null ? -1 : here.getAsInt();
        if (p >= 0) {
            gathered[p].add(event);
            return;
        }
        for (TraceSink sink : sinks) sink.accept(event);
    }

    /**
     * Partitioned: events published while {@code partitionHere} names one of {@code partitions}
     * (the partition whose work the publishing thread runs) wait for {@link #flush}; where it says
     * -1 they go to the subscribers at once. Call it before anything is published.
     */
    public void gatherBy(IntSupplier partitionHere, int partitions) {
        gathered = newLists(partitions);
        this.partitionHere = partitionHere;
    }

    @SuppressWarnings("unchecked")
    private static List<TraceEvent>[] newLists(int n) {
        List<TraceEvent>[] lists = new List[n];
        for (int i = 0; i < n; i++) lists[i] = new ArrayList<>();
        return lists;
    }

    /** Hands the gathered events to the subscribers in the canonical order; call it with every publishing thread held. */
    public void flush() {
        if (nothingGathered() && fromElsewhere.isEmpty()) return;   // every window of an untraced run: no list to build
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

    private boolean nothingGathered() {
        for (List<TraceEvent> list : gathered) if (!list.isEmpty()) return false;
        return true;
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
