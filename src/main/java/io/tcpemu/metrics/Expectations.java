package io.tcpemu.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a scenario's expected counts (its {@code expect} section) against what was measured.
 * {@code max-time-wait} is an upper bound; every other count must match exactly.
 */
public final class Expectations {
    private Expectations() {}

    /** One line per failed expectation, e.g. "established: expected 1, measured 0"; empty when all hold. */
    public static List<String> check(Metrics m, Map<String, Long> expected) {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            Counter c = Counter.byLabel(e.getKey());
            if (c == null) {
                failures.add(e.getKey() + ": not a counter");
                continue;
            }
            long measured = m.count(c);
            long want = e.getValue();
            if (c == Counter.MAX_TIME_WAIT ? measured > want : measured != want) {
                failures.add(c.label() + ": expected " + (c == Counter.MAX_TIME_WAIT ? "at most " : "") + want
                        + ", measured " + measured);
            }
        }
        return failures;
    }
}
