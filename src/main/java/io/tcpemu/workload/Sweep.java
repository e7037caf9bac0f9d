package io.tcpemu.workload;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.Settings;
import io.tcpemu.config.SweepSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a scenario once per point of its sweep (every combination of the values of one or two
 * parameters), each point in a fresh emulation with the same seed, and tabulates the outcomes.
 * A point's value is applied exactly like {@code --set parameter=value}.
 *
 * <pre>
 *   SweepResult r = Sweep.run(Sweep.file(Path.of("conf/ports.conf")), List.of());
 *   System.out.print(r.render());
 * </pre>
 */
public final class Sweep {
    private Sweep() {}

    /** Loads the scenario with some overrides ("key=value"): from a file, or from text. */
    @FunctionalInterface
    public interface Loader {
        ConfigLoader.Result load(List<String> overrides);
    }

    public static Loader file(Path file) { return overrides -> ConfigLoader.load(file, overrides); }

    public static Loader text(String text, String name) { return overrides -> ConfigLoader.parse(text, name, overrides); }

    /** Every point run with {@link WorkloadRun#run}. */
    public static SweepResult run(Loader scenario, List<String> overrides) {
        return run(scenario, overrides, WorkloadRun::run);
    }

    /**
     * @param overrides the user's {@code --set}s, applied to every point before the point's own values
     * @param runner    runs one point (the CLI may pass one that also writes results)
     * @throws ConfigLoader.InvalidConfigException listing every problem, if the scenario or a point is invalid
     */
    public static SweepResult run(Loader scenario, List<String> overrides, Function<Settings, WorkloadRun.Outcome> runner) {
        List<SweepSettings.Axis> axes = settings(scenario, overrides).sweep().axes();
        List<String> parameters = axes.stream().map(SweepSettings.Axis::parameter).toList();
        List<SweepResult.Row> rows = new ArrayList<>();
        for (List<String> point : points(axes)) {
            List<String> withPoint = new ArrayList<>(overrides);
            for (int i = 0; i < point.size(); i++) withPoint.add(parameters.get(i) + "=" + point.get(i));
            rows.add(new SweepResult.Row(point, runner.apply(settings(scenario, withPoint))));
        }
        return new SweepResult(parameters, rows);
    }

    /** Every combination, the first parameter's values outermost; one empty point when nothing is swept. */
    static List<List<String>> points(List<SweepSettings.Axis> axes) {
        List<List<String>> points = new ArrayList<>(List.of(List.of()));
        for (SweepSettings.Axis axis : axes) {
            List<List<String>> longer = new ArrayList<>();
            for (List<String> p : points) {
                for (String v : axis.values()) {
                    List<String> q = new ArrayList<>(p);
                    q.add(v);
                    longer.add(List.copyOf(q));
                }
            }
            points = longer;
        }
        return points;
    }

    private static Settings settings(Loader scenario, List<String> overrides) {
        ConfigLoader.Result result = scenario.load(overrides);
        if (result instanceof ConfigLoader.Invalid invalid) throw new ConfigLoader.InvalidConfigException(invalid.problems());
        return ((ConfigLoader.Loaded) result).settings();
    }
}
