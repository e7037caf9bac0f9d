package io.tcpemu.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs to repeat with one or two settings varied; every combination of the axes' values is one run.
 * A value is applied like {@code --set parameter=value}.
 *
 * @param axes zero, one or two axes
 */
public record SweepSettings(List<Axis> axes) {

    /** @param parameter a setting, e.g. "workload.arrival.rate"; @param values its values, as HOCON text */
    public record Axis(String parameter, List<String> values) {}

    public boolean enabled() { return !axes.isEmpty(); }

    static SweepSettings create(Reader r, Predicate<String> knownKey) {
        List<Axis> axes = new ArrayList<>();
        axis(r, "parameter", "values", knownKey, axes);
        axis(r, "parameter-2", "values-2", knownKey, axes);
        return new SweepSettings(List.copyOf(axes));
    }

    private static void axis(Reader r, String parameterKey, String valuesKey, Predicate<String> knownKey, List<Axis> axes) {
        String parameter = r.optionalString(parameterKey).trim();
        ConfigList list = r.list(valuesKey, "a list of values such as [100, 1000]");
        if (parameter.isEmpty()) {
            if (list != null && !list.isEmpty()) r.problem(valuesKey, "expected " + parameterKey + " to say which setting these values are for");
            return;
        }
        if (!knownKey.test(parameter)) {
            r.problem(parameterKey, "expected a setting such as \"workload.arrival.rate\", got \"" + parameter + "\", which is not a setting");
            return;
        }
        if (list == null) return;
        if (list.isEmpty()) {
            r.problem(valuesKey, "expected at least one value to sweep " + parameter + " over");
            return;
        }
        List<String> values = new ArrayList<>();
        for (ConfigValue v : list) values.add(v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : Reader.render(v));
        axes.add(new Axis(parameter, List.copyOf(values)));
    }
}
