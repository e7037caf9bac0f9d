package io.tcpemu.runtime;

import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceSink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Collects trace events for assertions; safe to read from the test thread. */
final class TraceLog implements TraceSink {
    final List<TraceEvent> events = new CopyOnWriteArrayList<>();

    @Override public void accept(TraceEvent event) { events.add(event); }

    /** Segment events as "ACTION where reason", e.g. "DROPPED a->b rule drop fin from a". */
    List<String> segments() {
        return events.stream().filter(e -> e instanceof TraceEvent.SegmentEvent).map(e -> (TraceEvent.SegmentEvent) e)
                .map(e -> (e.action() + " " + e.where() + " " + e.reason()).trim()).collect(Collectors.toList());
    }

    List<TraceEvent.HostEvent> hostEvents() {
        return events.stream().filter(e -> e instanceof TraceEvent.HostEvent).map(e -> (TraceEvent.HostEvent) e)
                .collect(Collectors.toList());
    }
}
