package io.tcpemu.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A point run with several seeds ({@code repeat = N}): its runs are labelled with their seed
 * ("workload.arrival.rate=200, seed=3") and grouped back into the point for means and intervals.
 */
public final class Repeats {
    private Repeats() {}

    /** The runs of one point: its label (without a seed) and its runs in seed order. */
    public record Group(String label, List<RunResult> runs) {}

    /** The seed of the {@code k}th run (from 0) of a point whose settings give {@code seed}. */
    public static long seed(long seed, int k) { return seed + k; }

    /** A run's label: the point's, then its seed when the point runs more than once. */
    public static String label(String point, long seed, int repeat) {
        if (repeat <= 1) return point;
        return (point.isEmpty() ? "" : point + ", ") + "seed=" + seed;
    }

    /** The point a run belongs to: its label without the seed a repeat added. */
    public static String pointLabel(RunResult r) {
        String suffix = "seed=" + r.settings().run().seed();
        String label = r.label();
        if (r.settings().run().repeat() <= 1 || !label.endsWith(suffix)) return label;
        String point = label.substring(0, label.length() - suffix.length());
        return point.endsWith(", ") ? point.substring(0, point.length() - 2) : point;
    }

    /** The runs grouped by point, in the order the points first appear. */
    public static List<Group> groups(List<RunResult> results) {
        Map<String, List<RunResult>> byPoint = new LinkedHashMap<>();
        for (RunResult r : results) byPoint.computeIfAbsent(pointLabel(r), k -> new ArrayList<>()).add(r);
        List<Group> groups = new ArrayList<>();
        byPoint.forEach((label, runs) -> groups.add(new Group(label, List.copyOf(runs))));
        return groups;
    }

    /** True when some point ran more than once: the tables then add means and intervals. */
    public static boolean repeated(List<Group> groups) {
        return groups.stream().anyMatch(g -> g.runs().size() > 1);
    }

    /** A figure's mean and interval over a group's runs. */
    public static ConfidenceInterval of(Group g, java.util.function.ToDoubleFunction<RunResult> figure) {
        return ConfidenceInterval.of(g.runs().stream().mapToDouble(figure).toArray());
    }
}
