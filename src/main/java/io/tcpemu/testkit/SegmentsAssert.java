package io.tcpemu.testkit;

import io.tcpemu.trace.TraceEvent.SegmentEvent;

import java.util.List;

/** Assertions on the segments a {@link Segments} query selects; failures show the ladders. */
public final class SegmentsAssert {
    private final Segments query;

    SegmentsAssert(Segments query) { this.query = query; }

    /** Exactly {@code count} segments match. */
    public SegmentsAssert hasCount(int count) {
        int actual = query.count();
        if (actual != count) fail("expected " + count + " " + query + " but there are " + actual);
        return this;
    }

    /** None matches. */
    public SegmentsAssert isEmpty() {
        List<SegmentEvent> found = query.list();
        if (!found.isEmpty()) fail("expected no " + query + " but there are " + found.size() + ", first " + found.get(0).segment());
        return this;
    }

    /** At least one matches. */
    public SegmentsAssert isNotEmpty() {
        if (query.count() == 0) fail("expected some " + query + " but there are none");
        return this;
    }

    /** The matches happened at exactly these emulated times (µs), in order. */
    public SegmentsAssert happenedAt(long... times) {
        List<Long> actual = query.times();
        List<Long> expected = java.util.Arrays.stream(times).boxed().toList();
        if (!actual.equals(expected)) {
            fail("expected " + query + " at " + expected.stream().map(Time::format).toList()
                    + " but they were at " + actual.stream().map(Time::format).toList());
        }
        return this;
    }

    private void fail(String message) {
        Scenario scenario = query.scenario();
        throw Explain.failure(message, scenario, scenario.connections());
    }
}
