package io.tcpemu.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A command-line flag that stands for a setting ({@code --repeat 3} for {@code repeat=3}): the
 * override it adds, and its problems told by the flag the user typed rather than as the
 * {@code --set repeat=3} they did not write.
 */
public record FlagOverride(String flag, String key, String value) {

    /** The override, as {@code --set} takes it. */
    public String override() { return key + "=" + value; }

    /** {@code problem}, placed at this flag if it came from this flag's override. */
    public ConfigProblem told(ConfigProblem problem) {
        return problem.file().equals("--set " + override()) ? new ConfigProblem(flag + " " + value, problem.line(), problem.key(), problem.message()) : problem;
    }

    /** The problems one per line, as {@link ConfigLoader.Invalid#message()} gives them, each placed at the flag it came from. */
    public static String message(List<ConfigProblem> problems, List<FlagOverride> flags) {
        return problems.stream().map(p -> {
            for (FlagOverride f : flags) p = f.told(p);
            return p.toString();
        }).collect(Collectors.joining("\n"));
    }
}
