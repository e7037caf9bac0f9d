package io.tcpemu.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Keeps the events it is given, for tests, runs and the console: {@code TraceRecorder.on(bus)},
 * run the emulation, then read {@link #events()} or {@link #ofType}. Safe to read from another
 * thread than the one publishing. A recorder with a limit keeps the first events only, so a run
 * whose trace would outgrow the heap ends with a cut trace (it says where) instead of dying.
 */
public final class TraceRecorder implements TraceSink, AutoCloseable {
    /** About what one kept event costs on the heap (the record, its segment and options, the list's slot). */
    public static final long BYTES_PER_EVENT = 256;

    private final List<TraceEvent> events = new ArrayList<>();
    private final long limit;
    private long dropped;
    private long firstDroppedAt = -1;
    private AutoCloseable subscription;

    private TraceRecorder(long limit) { this.limit = limit; }

    public TraceRecorder() { this(Long.MAX_VALUE); }

    /** A recorder subscribed to {@code bus} until {@link #close()}. */
    public static TraceRecorder on(TraceBus bus) { return on(bus, Long.MAX_VALUE); }

    /** A recorder that keeps at most {@code maxEvents} events (the first ones) of {@code bus}. */
    public static TraceRecorder on(TraceBus bus, long maxEvents) {
        TraceRecorder recorder = new TraceRecorder(Math.max(0, maxEvents));
        recorder.subscription = bus.subscribe(recorder);
        return recorder;
    }

    /** How many events fit in {@code heapBytes}. */
    public static long eventsThatFit(long heapBytes) { return Math.max(0, heapBytes) / BYTES_PER_EVENT; }

    @Override public synchronized void accept(TraceEvent event) {
        if (events.size() < limit) {
            events.add(event);
        } else {
            if (dropped == 0) firstDroppedAt = event.time();
            dropped++;
        }
    }

    /** The events past the limit, not kept (0: the trace is whole). */
    public synchronized long dropped() { return dropped; }

    /**
     * Null for a whole trace, else one line saying where it was cut: "the trace keeps its first N
     * events, up to t = X s; M later ones were not kept (the heap holds no more)".
     */
    public synchronized String cut() {
        if (dropped == 0) return null;
        return String.format(java.util.Locale.ROOT, "the trace keeps its first %,d events, up to t = %.6f s; %,d later ones were not kept"
                + " (the heap holds no more): ladders drawn from the trace end there; the figures and a pcap cover the whole run",
                events.size(), firstDroppedAt / 1e6, dropped);
    }

    /** A snapshot of everything recorded, in publishing order. */
    public synchronized List<TraceEvent> events() { return List.copyOf(events); }

    /** The recorded events of one kind, e.g. {@code ofType(TraceEvent.StateChanged.class)}. */
    public <T extends TraceEvent> List<T> ofType(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<TraceEvent> matching(Predicate<? super TraceEvent> filter) {
        return events().stream().filter(filter).toList();
    }

    public synchronized int size() { return events.size(); }

    public synchronized void clear() { events.clear(); }

    /** Stops recording (if subscribed with {@link #on}); what was recorded stays readable. */
    @Override public void close() {
        if (subscription == null) return;
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not unsubscribe the trace recorder", e);
        }
    }
}
