package io.tcpemu.testkit;

import io.tcpemu.tcp.State;
import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything a scenario's trace bus publishes, plus the latest state of every connection end, so
 * that a condition checked between the emulation's tasks ({@code runUntil}) costs a map lookup.
 */
final class Recording implements TraceSink {
    /** One end of one connection: the host it lives on and its connection id. */
    record EndKey(String host, long connId) {}

    private final List<TraceEvent> events = new ArrayList<>();
    private final Map<EndKey, State> latest = new ConcurrentHashMap<>();

    @Override public synchronized void accept(TraceEvent event) {
        events.add(event);
        if (event instanceof TraceEvent.StateChanged s) latest.put(new EndKey(s.host(), s.connId()), s.to());
    }

    /** A snapshot of every event so far, in publishing order. */
    synchronized List<TraceEvent> events() { return List.copyOf(events); }

    /** The events from index {@code from} on. */
    synchronized List<TraceEvent> since(int from) { return List.copyOf(events.subList(Math.min(from, events.size()), events.size())); }

    synchronized int size() { return events.size(); }

    /** The end's state now, or null if the trace never mentioned it. */
    State stateOf(EndKey end) { return latest.get(end); }
}
