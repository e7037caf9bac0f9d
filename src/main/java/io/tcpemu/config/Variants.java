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

    /** Each variant's settings as "path=value" overrides, variants by name. */
    public static Map<String, List<String>> of(Settings settings) { return of(settings.effective()); }

    static Map<String, List<String>> of(Config tcpemu) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (!tcpemu.hasPath("variants")) return out;
        for (String name : new java.util.TreeSet<>(tcpemu.getObject("variants").keySet())) {
            Config variant = tcpemu.getConfig(ConfigUtil.joinPath("variants", name));
            Map<String, ConfigValue> sorted = new TreeMap<>();
            for (Map.Entry<String, ConfigValue> e : variant.entrySet()) sorted.put(e.getKey(), e.getValue());
            List<String> overrides = new ArrayList<>();
            sorted.forEach((path, value) -> overrides.add(path + "=" + Reader.render(value)));
            out.put(name, List.copyOf(overrides));
        }
        return out;
    }

    /** Each variant must give valid settings, so a run does not fail half-way through. */
    static void check(Reader root, List<String> overrides, java.util.function.Function<List<String>, ConfigLoader.Result> load) {
        of(root.config()).forEach((name, settings) -> {
            List<String> all = new ArrayList<>(overrides);
            all.addAll(settings);
            if (load.apply(all) instanceof ConfigLoader.Invalid invalid) {
                ConfigProblem first = invalid.problems().get(0);
                root.problem(ConfigUtil.joinPath("variants", name), "expected settings that are valid together, but they give: "
                        + (first.key().isEmpty() ? "" : first.key() + ": ") + first.message());
            }
        });
    }
}
