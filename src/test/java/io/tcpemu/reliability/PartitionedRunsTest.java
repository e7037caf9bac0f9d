package io.tcpemu.reliability;

import io.tcpemu.trace.TraceEvent;
import io.tcpemu.trace.TraceHash;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Randomized runs ({@link RandomScenario}: 2–4 hosts, faulty links, fault rules, 1–6 connections)
 * on 1, 2 and 3 partitions: the same trace hash, event for event, and the same invariants.
 */
class PartitionedRunsTest {

    /** 200 in the default build (each is three runs); 2,000 under {@code -Pstress}. */
    @Property(tries = 200, shrinking = ShrinkingMode.OFF)
    void a_random_run_gives_the_same_trace_on_1_2_and_3_partitions(@ForAll long seed) {
        check(seed);
    }

    /** {@code mvn verify -Pstress}. */
    @Property(tries = 2_000, shrinking = ShrinkingMode.OFF)
    @Tag("stress")
    void a_random_run_gives_the_same_trace_on_1_2_and_3_partitions_stress(@ForAll long seed) {
        check(seed);
    }

    static void check(long seed) {
        RandomScenario scenario = RandomScenario.of(seed);
        String one = hash(scenario, 1);
        assertThat(hash(scenario, 2)).as("2 partitions\n" + scenario).isEqualTo(one);
        assertThat(hash(scenario, 3)).as("3 partitions\n" + scenario).isEqualTo(one);
    }

    private static String hash(RandomScenario scenario, int partitions) {
        try (ScenarioRun run = new ScenarioRun(scenario, partitions)) {
            run.run();
            assertThat(RunInvariants.check(run)).as(partitions + " partitions: invariants\n" + scenario).isEmpty();
            List<TraceEvent> events;
            synchronized (run.events) { events = new ArrayList<>(run.events); }
            TraceHash hash = new TraceHash();
            events.forEach(hash::accept);
            return hash.hex() + " over " + events.size() + " events";
        }
    }
}
