package io.tcpemu.run;

import io.tcpemu.config.Settings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace's hash as {@code tcpemu run} prints and writes it: another seed gives another. That
 * every shipped scenario (every sweep point and variant) gives the same hash when run again is
 * {@link PartitionsTest}'s: it runs each three times (on 1, 2 and 3 partitions) and compares, so
 * running each twice more here only took another 2½ minutes of the build.
 */
class TraceHashTest {

    @Test
    void another_seed_gives_another_hash() throws IOException {
        Path file = Path.of("conf/lost-final-ack.conf");
        assertThat(hashes(file, List.of("seed=7"))).doesNotContainAnyElementsOf(hashes(file, List.of("seed=8")));
    }

    /** One hash per point of the scenario, in order. */
    static List<String> hashes(Path file, List<String> sets) throws IOException {
        List<String> overrides = new ArrayList<>(List.of("output.plots=false"));
        overrides.addAll(sets);
        Settings base = ScenarioFile.load(file, overrides);
        List<String> hashes = new ArrayList<>();
        for (ScenarioFile.Point p : ScenarioFile.points(base)) {
            RunResult r = Runner.run(ScenarioFile.settings(file, overrides, p, base), p.label(), Runner.Options.quiet());
            assertThat(r.traceHash()).matches("[0-9a-f]{16}");
            hashes.add(p.label() + " " + r.traceHash());
        }
        return hashes;
    }
}
