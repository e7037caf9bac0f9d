package io.tcpemu.run;

import java.nio.file.Path;
import java.util.List;

/** Runs a shipped scenario (conf/NAME.conf) the way {@code tcpemu run} does, with overrides to keep it fast. */
final class ScenarioTesting {
    private ScenarioTesting() {}

    static List<RunResult> run(String name, String... overrides) {
        return ScenarioFile.run(Path.of("conf", name + ".conf"), List.of(overrides), Runner.Options.quiet());
    }

    static RunResult single(String name, String... overrides) {
        List<RunResult> runs = run(name, overrides);
        if (runs.size() != 1) throw new AssertionError(name + ": expected one run, got " + runs.size());
        return runs.get(0);
    }
}
