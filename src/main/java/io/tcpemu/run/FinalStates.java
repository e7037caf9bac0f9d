package io.tcpemu.run;

import io.tcpemu.tcp.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks {@code expect.final-states}: a named connection's last state, or every connection of a host. */
final class FinalStates {
    private FinalStates() {}

    static List<String> check(Map<String, State> expected, Map<String, RunResult.Connection> named,
                              ConnectionLog log, Set<String> hosts) {
        List<String> failures = new ArrayList<>();
        expected.forEach((name, want) -> {
            RunResult.Connection c = named.get(name);
            if (c != null) {
                if (c.finalState() != want) failures.add(name + ": expected final state " + want + ", got " + c.finalState());
            } else if (hosts.contains(name)) {
                Map<Long, State> states = log.statesOf(name);
                long wrong = states.values().stream().filter(s -> s != want).count();
                if (states.isEmpty()) failures.add(name + ": expected its connections to end in " + want + ", but it had none");
                else if (wrong > 0) failures.add(name + ": expected every connection to end in " + want + ", but "
                        + wrong + " of " + states.size() + " did not");
            } else {
                failures.add(name + ": expected final state " + want + ", but no connection or host has that name"
                        + " (named connections: " + String.join(", ", named.keySet()) + ")");
            }
        });
        return failures;
    }
}
