package io.tcpemu.reliability;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;

import io.tcpemu.oracle.TraceFigures;
import io.tcpemu.trace.TraceEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Random topologies, faulty links and socket programs on the actor runtime in virtual time
 * ({@link Scenario}), each checked for the invariants of {@link RunInvariants}, and every figure
 * its results folder and summary would show checked against its trace ({@link TraceFigures}). A failure prints
 * the seed; {@code Scenario.of(seed)} gives the same run again, and a seed that found a bug
 * becomes a named case in {@link RuntimeRegressionTest}.
 */
class RuntimeInvariantsTest {

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void every_run_keeps_the_invariants(@ForAll long seed) {
        check(seed);
    }

    /** {@code mvn verify -Pstress}. */
    @Property(tries = 5_000, shrinking = ShrinkingMode.OFF)
    @Tag("stress")
    void every_run_keeps_the_invariants_stress(@ForAll long seed) {
        check(seed);
    }

    static void check(long seed) {
        Scenario scenario = Scenario.of(seed);
        try (ScenarioRun run = new ScenarioRun(scenario)) {
            run.run();
            List<String> problems = new ArrayList<>(RunInvariants.check(run));
            List<TraceEvent> events;
            synchronized (run.events) { events = new ArrayList<>(run.events); }
            TraceFigures.check(events).forEach(d -> problems.add("figure: " + d));
            if (!problems.isEmpty()) {
                StringBuilder sb = new StringBuilder(scenario.toString()).append("\nconnections:\n");
                run.conns.forEach(c -> sb.append("  ").append(c).append('\n'));
                run.connectErrors.forEach(c -> sb.append("  connect failed: ").append(c).append('\n'));
                sb.append("violations:\n");
                problems.forEach(p -> sb.append("  ").append(p).append('\n'));
                throw new AssertionError(sb.toString());
            }
        }
    }
}
