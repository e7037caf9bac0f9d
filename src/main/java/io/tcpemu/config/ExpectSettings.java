package io.tcpemu.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import io.tcpemu.tcp.State;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Outcomes a scenario declares and the run checks at its end.
 *
 * @param counts      expected values of metrics counters by their names ("established" → 1,
 *                    "stale-bytes" → 0); "max-time-wait" is an upper bound, the others exact
 * @param finalStates expected final state of a named connection ("c1") or of every connection of a host
 */
public record ExpectSettings(Map<String, Long> counts, Map<String, State> finalStates) {

    /** The counters a scenario may expect, as written in config files and metrics output. */
    public static final String[] COUNTERS = {
            "established", "refused", "timed-out", "reset", "addr-not-avail", "stale-bytes", "max-time-wait", "connecting-at-end"};

    public boolean isEmpty() { return counts.isEmpty() && finalStates.isEmpty(); }

    static ExpectSettings create(Reader r) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String name : COUNTERS) {
            if (r.isSet(name)) counts.put(name, r.wholeNumber(name, 0, Long.MAX_VALUE));
        }
        Map<String, State> finalStates = new TreeMap<>();
        ConfigObject states = r.object("final-states", "an object such as { c1 = CLOSED }");
        if (states != null) {
            for (String name : states.keySet()) {
                String key = ConfigUtil.joinPath("final-states", name);
                int before = r.problems.count();
                String text = r.string(key);
                if (r.problems.count() > before) continue;
                try {
                    finalStates.put(name, State.parse(text));
                } catch (IllegalArgumentException e) {
                    r.problem(key, "expected a state (" + Reader.oneOf(Arrays.stream(State.values()).map(State::toString).toList())
                            + "), got \"" + text + "\"");
                }
            }
        }
        return new ExpectSettings(Map.copyOf(counts), Map.copyOf(finalStates));
    }
}
