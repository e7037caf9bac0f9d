package io.tcpemu.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scenario's {@code variants}: named sets of settings, each run on top of the scenario, as if
 * given with {@code --set}. Keys are checked by the schema; values when the file loads.
 */
public final class Variants {
    private Variants() {}

    /** Each variant's settings as "path=value" overrides, variants in the order the file writes them. */
    public static Map<String, List<String>> of(Settings settings) { return of(settings.effective()); }

    static Map<String, List<String>> of(Config tcpemu) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (!tcpemu.hasPath("variants")) return out;
        var variants = tcpemu.getObject("variants");
        // HOCON keeps no order: sort by where each variant is written, so they run in file order
        List<String> names = new ArrayList<>(variants.keySet());
        names.sort(java.util.Comparator.comparingInt((String n) -> line(variants.get(n))).thenComparing(n -> n));
        for (String name : names) {
            Config variant = tcpemu.getConfig(ConfigUtil.joinPath("variants", name));
            Map<String, ConfigValue> sorted = new TreeMap<>();
            for (Map.Entry<String, ConfigValue> e : variant.entrySet()) sorted.put(e.getKey(), e.getValue());
            List<String> overrides = new ArrayList<>();
            sorted.forEach((path, value) -> overrides.add(path + "=" + Reader.render(value)));
            out.put(name, List.copyOf(overrides));
        }
        return out;
    }

    /** The line a variant starts on (one without a line after the others). */
    private static int line(ConfigValue v) {
        int line = v.origin().lineNumber();
        return line < 0 ? Integer.MAX_VALUE : line;
    }

    /** Each variant must give valid settings, so a run does not fail half-way through. */
    static void check(Reader root, List<String> overrides, java.util.function.Function<List<String>, ConfigLoader.Result> load) {
        of(root.config()).forEach((name, settings) -> {
            List<String> all = new ArrayList<>(settings);
            all.addAll(overrides); // --set wins over a variant
            if (load.apply(all) instanceof ConfigLoader.Invalid invalid) {
                ConfigProblem first = invalid.problems().get(0);
                root.problem(ConfigUtil.joinPath("variants", name), "expected settings that are valid together, but they give: "
                        + (first.key().isEmpty() ? "" : first.key() + ": ") + first.message());
            }
        });
    }
}
