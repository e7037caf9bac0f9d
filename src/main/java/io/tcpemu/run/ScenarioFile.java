package io.tcpemu.run;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.Settings;
import io.tcpemu.config.SweepSettings;
import io.tcpemu.config.Variants;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scenario file with its command-line overrides: one run, or one run per sweep point.
 * <pre>
 *   List&lt;RunResult&gt; runs = ScenarioFile.run(Path.of("conf/handshake.conf"), List.of(), Runner.Options.quiet());
 * </pre>
 */
public final class ScenarioFile {
    private ScenarioFile() {}

    /** One run to make: its label ("" for a plain run) and the overrides that make it. */
    public record Point(String label, List<String> overrides) {}

    /** Loads and checks the file; a mistake is a {@link ConfigLoader.InvalidConfigException} with every problem. */
    public static Settings load(Path file, List<String> overrides) {
        ConfigLoader.Result r = ConfigLoader.load(file, overrides);
        if (r instanceof ConfigLoader.Invalid i) throw new ConfigLoader.InvalidConfigException(i.problems());
        return ((ConfigLoader.Loaded) r).settings();
    }

    /** The runs a scenario asks for: each variant (or the scenario itself) at every combination of its sweep's values. */
    public static List<Point> points(Settings s) {
        List<Point> points = new ArrayList<>();
        Map<String, List<String>> variants = Variants.of(s);
        if (variants.isEmpty()) points.add(new Point("", List.of()));
        for (Map.Entry<String, List<String>> v : variants.entrySet()) points.add(new Point(v.getKey(), v.getValue()));
        for (SweepSettings.Axis axis : s.sweep().axes()) {
            List<Point> next = new ArrayList<>();
            for (Point p : points) {
                for (String v : axis.values()) {
                    List<String> o = new ArrayList<>(p.overrides());
                    o.add(axis.parameter() + "=" + v);
                    next.add(new Point(p.label().isEmpty() ? axis.parameter() + "=" + v : p.label() + ", " + axis.parameter() + "=" + v, o));
                }
            }
            points = next;
        }
        return points;
    }

    /** Runs every point of the scenario in turn (stopping early if asked). */
    public static List<RunResult> run(Path file, List<String> overrides, Runner.Options o) {
        Settings base = load(file, overrides);
        List<RunResult> results = new ArrayList<>();
        for (Point p : points(base)) {
            if (o.stop().get()) break;
            List<String> all = new ArrayList<>(overrides);
            all.addAll(p.overrides());
            Settings s = p.overrides().isEmpty() ? base : load(file, all);
            results.add(Runner.run(s, p.label(), o));
        }
        return results;
    }
}
