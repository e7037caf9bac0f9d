package io.tcpemu.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Keeps every event it is given, for tests and the console: {@code TraceRecorder.on(bus)}, run
 * the emulation, then read {@link #events()} or {@link #ofType}. Safe to read from another thread
 * than the one publishing.
 */
public final class TraceRecorder implements TraceSink, AutoCloseable {
    private final List<TraceEvent> events = new ArrayList<>();
    private AutoCloseable subscription;

    /** A recorder subscribed to {@code bus} until {@link #close()}. */
    public static TraceRecorder on(TraceBus bus) {
        TraceRecorder recorder = new TraceRecorder();
        recorder.subscription = bus.subscribe(recorder);
        return recorder;
    }

    @Override public synchronized void accept(TraceEvent event) { events.add(event); }

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
