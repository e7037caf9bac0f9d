package io.tcpemu.run;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.Settings;
import io.tcpemu.config.SweepSettings;
import io.tcpemu.config.Variants;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scenario file with its command-line overrides: one run, or one run per variant and sweep point.
 * <pre>
 *   List&lt;RunResult&gt; runs = ScenarioFile.run(Path.of("conf/handshake.conf"), List.of(), Runner.Options.quiet());
 * </pre>
 * The settings of a point are the file, then its variant, then the user's {@code --set} (which wins
 * over a variant), then the sweep's values for the point.
 */
public final class ScenarioFile {
    private ScenarioFile() {}

    /**
     * One run to make.
     *
     * @param label    "" for a plain run, else the variant and the sweep values ("2-short, workload.arrival.rate=200")
     * @param variant  the variant's name, or ""
     * @param variantOverrides the variant's settings as "key=value"
     * @param values   the sweep's value of each axis at this point, in axis order (empty without a sweep)
     * @param axisOverrides those values as "key=value"
     */
    public record Point(String label, String variant, List<String> variantOverrides, List<String> values, List<String> axisOverrides) {
        /** True when the point needs settings of its own (a variant or sweep values). */
        public boolean changesSettings() { return !variantOverrides.isEmpty() || !axisOverrides.isEmpty(); }

        /** A sweep point's values as --point takes them: "200", or "200,50" for two axes. */
        public String pointValue() { return String.join(",", values); }
    }

    /** Loads and checks the file; a mistake is a {@link ConfigLoader.InvalidConfigException} with every problem. */
    public static Settings load(Path file, List<String> overrides) {
        ConfigLoader.Result r = ConfigLoader.load(file, overrides);
        if (r instanceof ConfigLoader.Invalid i) throw new ConfigLoader.InvalidConfigException(i.problems());
        return ((ConfigLoader.Loaded) r).settings();
    }

    /** The runs a scenario asks for: each variant (or the scenario itself, in file order) at every combination of its sweep's values. */
    public static List<Point> points(Settings s) {
        List<Point> points = new ArrayList<>();
        Map<String, List<String>> variants = Variants.of(s);
        if (variants.isEmpty()) points.add(new Point("", "", List.of(), List.of(), List.of()));
        for (Map.Entry<String, List<String>> v : variants.entrySet()) points.add(new Point(v.getKey(), v.getKey(), v.getValue(), List.of(), List.of()));
        for (SweepSettings.Axis axis : s.sweep().axes()) {
            List<Point> next = new ArrayList<>();
            for (Point p : points) {
                for (String v : axis.values()) {
                    String label = (p.label().isEmpty() ? "" : p.label() + ", ") + axis.parameter() + "=" + v;
                    next.add(new Point(label, p.variant(), p.variantOverrides(), plus(p.values(), v), plus(p.axisOverrides(), axis.parameter() + "=" + v)));
                }
            }
            points = next;
        }
        return points;
    }

    /**
     * The points {@code --variant} and {@code --point} pick (null: every one); a name or value the
     * scenario does not have is an {@link IllegalArgumentException} of one line listing those it has.
     */
    public static List<Point> select(List<Point> points, String variant, String point) {
        List<Point> out = points;
        if (variant != null) {
            Set<String> names = new LinkedHashSet<>();
            points.forEach(p -> names.add(p.variant()));
            if (names.equals(Set.of(""))) throw new IllegalArgumentException("--variant " + variant + ": this scenario has no variants");
            out = out.stream().filter(p -> p.variant().equals(variant)).toList();
            if (out.isEmpty()) throw new IllegalArgumentException("--variant " + variant + ": no such variant; the scenario has " + String.join(", ", names));
        }
        if (point != null) {
            Set<String> values = new LinkedHashSet<>();
            points.forEach(p -> values.add(p.pointValue()));
            if (values.equals(Set.of(""))) throw new IllegalArgumentException("--point " + point + ": this scenario has no sweep");
            String wanted = point.replace(" ", "");
            out = out.stream().filter(p -> p.pointValue().replace(" ", "").equals(wanted)).toList();
            if (out.isEmpty()) throw new IllegalArgumentException("--point " + point + ": no such sweep point; the sweep has "
                    + String.join(" ", values.stream().map(v -> v.contains(",") ? "\"" + v + "\"" : v).toList()));
        }
        return out;
    }

    /**
     * A {@code --set} of a key the sweep varies would be overwritten at every point: refused in one
     * line (null if there is none).
     */
    public static String sweptKeySet(Settings s, List<String> overrides) {
        for (SweepSettings.Axis axis : s.sweep().axes()) {
            if (s.run().repeat() > 1 && (axis.parameter().equals("seed") || axis.parameter().equals("tcpemu.seed"))) {
                return "sweep.parameter = seed with repeat = " + s.run().repeat() + ": a repeat already varies the seed; use one or the other";
            }
        }
        for (String o : overrides) {
            String key = o.contains("=") ? o.substring(0, o.indexOf('=')).trim() : o.trim();
            for (SweepSettings.Axis axis : s.sweep().axes()) {
                if (axis.parameter().equals(key) || axis.parameter().equals("tcpemu." + key) || key.equals("tcpemu." + axis.parameter())) {
                    return "--set " + key + ": the sweep varies this key; run one point with --point VALUE, or --set sweep.values=[...]";
                }
            }
        }
        return null;
    }

    /** The settings of one point: the file, its variant, the user's overrides (they win), the sweep's values. */
    public static Settings settings(Path file, List<String> overrides, Point p, Settings base) {
        if (!p.changesSettings()) return base;
        List<String> all = new ArrayList<>(p.variantOverrides());
        all.addAll(overrides);
        all.addAll(p.axisOverrides());
        return load(file, all);
    }

    /** One run to make: a point with one of its seeds, labelled with the seed when the point repeats. */
    public record Planned(Point point, String label, Settings settings) {}

    /**
     * The runs of one point: one, or {@code repeat} of them with the seeds seed, seed + 1, ...
     * (the point's own seed first, so a run of one is the run it always was).
     */
    public static List<Planned> repeats(Path file, List<String> overrides, Point p, Settings base) {
        Settings first = settings(file, overrides, p, base);
        int repeat = first.run().repeat();
        List<Planned> runs = new ArrayList<>();
        for (int k = 0; k < repeat; k++) {
            long seed = Repeats.seed(first.run().seed(), k);
            Settings s = first;
            if (k > 0) {
                List<String> all = new ArrayList<>(overrides);
                all.add("seed=" + seed);
                s = settings(file, all, p, load(file, all));
            }
            runs.add(new Planned(p, Repeats.label(p.label(), seed, repeat), s));
        }
        return runs;
    }

    /** Every run of the scenario: each point, each of its seeds. */
    public static List<Planned> plan(Path file, List<String> overrides, List<Point> points, Settings base) {
        List<Planned> all = new ArrayList<>();
        for (Point p : points) all.addAll(repeats(file, overrides, p, base));
        return all;
    }

    /** Runs every point of the scenario (and every repeat) in turn, stopping early if asked. */
    public static List<RunResult> run(Path file, List<String> overrides, Runner.Options o) {
        Settings base = load(file, overrides);
        String swept = sweptKeySet(base, overrides);
        if (swept != null) throw new IllegalArgumentException(swept);
        List<RunResult> results = new ArrayList<>();
        for (Planned p : plan(file, overrides, points(base), base)) {
            if (o.stop().get()) break;
            results.add(Runner.run(p.settings(), p.label(), o));
        }
        return results;
    }

    private static List<String> plus(List<String> list, String item) {
        List<String> out = new ArrayList<>(list);
        out.add(item);
        return List.copyOf(out);
    }
}
