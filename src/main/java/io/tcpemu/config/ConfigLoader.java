package io.tcpemu.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a scenario file over reference.conf, applies {@code --set key=value} overrides and checks
 * everything before anything runs. A scenario may wrap its settings in {@code tcpemu { }} or write
 * them at the top level; keys in messages and overrides are relative to {@code tcpemu}.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** What a load gives: settings, or every problem found. */
    public sealed interface Result permits Loaded, Invalid {}

    public record Loaded(Settings settings) implements Result {}

    /** @param problems in the order found; never empty */
    public record Invalid(List<ConfigProblem> problems) implements Result {
        /** One problem per line, as the user should see them. */
        public String message() { return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")); }
    }

    /** Thrown by {@link #loadOrThrow}; its message lists every problem, one per line. */
    public static final class InvalidConfigException extends RuntimeException {
        private final List<ConfigProblem> problems;

        public InvalidConfigException(List<ConfigProblem> problems) {
            super(new Invalid(problems).message());
            this.problems = List.copyOf(problems);
        }

        public List<ConfigProblem> problems() { return problems; }
    }

    private static final String ROOT = "tcpemu";
    private static final Config REFERENCE =
            ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf").resolve().getConfig(ROOT);

    /** Loads {@code file} with reference.conf as its fallback and the overrides ("key=value") on top. */
    public static Result load(Path file, List<String> overrides) {
        return withinStack(file.toString(), () -> loadFile(file, overrides));
    }

    private static Result loadFile(Path file, List<String> overrides) {
        Includes includes = new Includes();
        Problems problems = new Problems(file.toString(), includes);
        String notAFile = FileIncluder.problemWith(file);
        if (notAFile != null) {
            problems.add(new ConfigProblem(file.toString(), 0, "", Files.exists(file)
                    ? "expected a config file, but " + notAFile : "expected a config file, but there is no such file"));
            return new Invalid(problems.list());
        }
        TextCheck.NotText notText = TextCheck.of(file);
        if (notText != null) {
            problems.add(new ConfigProblem(file.toString(), notText.line(), "", notText.message()));
            return new Invalid(problems.list());
        }
        ConfigParseOptions options = FileIncluder.options(file, includes).setSyntax(ConfigSyntax.CONF);
        Config parsed;
        try {
            parsed = ConfigFactory.parseFile(file.toFile(), options);
        } catch (ConfigException e) {
            ConfigException shown = ConfigMessages.refusedInclude(e);
            problems.add(ConfigMessages.origin(shown), "", ConfigMessages.syntax(shown));
            return new Invalid(problems.list());
        }
        return check(parsed, overrides, problems, true);
    }

    /** Loads settings from text (tests, the console); {@code name} stands for the file in messages. */
    public static Result parse(String text, String name, List<String> overrides) {
        return withinStack(name, () -> parseText(text, name, overrides));
    }

    /** Typesafe Config reads nesting by recursion: a file nested thousands deep must be a problem, not a crash. */
    private static Result withinStack(String name, java.util.function.Supplier<Result> load) {
        try {
            return load.get();
        } catch (StackOverflowError e) {
            return new Invalid(List.of(new ConfigProblem(name, 0, "",
                    "expected { and [ nested at most a few hundred deep, but they nest too deeply to read")));
        }
    }

    private static Result parseText(String text, String name, List<String> overrides) {
        Includes includes = new Includes();
        Problems problems = new Problems(name, includes);
        Config parsed;
        try {
            parsed = ConfigFactory.parseString(text, FileIncluder.options(textPath(name), includes).setOriginDescription(name));
        } catch (ConfigException e) {
            ConfigException shown = ConfigMessages.refusedInclude(e);
            problems.add(ConfigMessages.origin(shown), "", ConfigMessages.syntax(shown));
            return new Invalid(problems.list());
        }
        return check(parsed, overrides, problems, true);
    }

    /** Where text named {@code name} stands: its includes resolve beside it, or in the working folder. */
    private static Path textPath(String name) {
        try {
            return Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            return Path.of("text.conf");
        }
    }

    /** Loads a file or throws {@link InvalidConfigException} listing every problem. */
    public static Settings loadOrThrow(Path file, String... overrides) {
        return settingsOrThrow(load(file, List.of(overrides)));
    }

    /** A host that sets nothing: reference.conf's host-defaults (for hosts added in the console). */
    public static HostSettings hostDefaults() {
        return settingsOrThrow(parse("hosts { h {} }", "reference.conf", List.of())).host("h");
    }

    /** The settings of an empty scenario: every default. */
    public static Settings defaults() { return settingsOrThrow(parse("", "reference.conf", List.of())); }

    private static Settings settingsOrThrow(Result result) {
        if (result instanceof Invalid invalid) throw new InvalidConfigException(invalid.problems());
        return ((Loaded) result).settings();
    }

    private static Result check(Config parsedFile, List<String> overrides, Problems problems, boolean withSweep) {
        Config parsed;
        try {
            parsed = ownSubstitutions(parsedFile);
        } catch (ConfigException e) {
            problems.add(e.origin(), "", ConfigMessages.message(e));
            return new Invalid(problems.list());
        }
        boolean wrapped = parsed.root().keySet().equals(Set.of(ROOT)) && parsed.getValue(ROOT) instanceof ConfigObject;
        Config file = wrapped ? parsed.getConfig(ROOT) : parsed;
        Config user = overrides(overrides, problems).withFallback(file);
        Schema schema = new Schema(REFERENCE.root());
        if (!schema.check(user.root(), problems)) return new Invalid(problems.list());
        Config merged;
        try {
            Config all = user.withFallback(REFERENCE);
            merged = wrapped ? all.atKey(ROOT).resolve().getConfig(ROOT) : all.resolve();
        } catch (ConfigException e) {
            problems.add(e.origin(), "", ConfigMessages.message(e));
            return new Invalid(problems.list());
        }
        Reader reader = new Reader(merged, user.root(), user.origin(), "", problems);
        Settings settings;
        try {
            settings = Settings.create(reader, schema);
            if (withSweep && problems.isEmpty()) checkSweepPoints(parsed, overrides, reader.at("sweep"), problems);
            if (withSweep && problems.isEmpty()) Variants.check(reader, overrides, o -> check(parsed, o, new Problems(""), false));
        } catch (ConfigException e) {
            // a shape the checks above did not foresee: still a message, never a stack trace
            problems.add(e.origin(), "", ConfigMessages.message(e));
            return new Invalid(problems.list());
        }
        return problems.isEmpty() ? new Loaded(settings) : new Invalid(problems.list());
    }

    /**
     * Resolves what the file can resolve by itself, so that {@code links += { ... }} (in HOCON,
     * {@code links = ${?links} [ ... ]}) is a list before the schema looks at its shape.
     * Substitutions of reference.conf's values stay for the full resolve.
     */
    private static Config ownSubstitutions(Config parsed) {
        return parsed.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
    }

    /** Each swept value must give valid settings, so a sweep does not fail half-way through. */
    private static void checkSweepPoints(Config parsed, List<String> overrides, Reader sweep, Problems problems) {
        String[][] axes = {{"parameter", "values"}, {"parameter-2", "values-2"}};
        for (String[] axis : axes) {
            if (!sweep.isSet(axis[0])) continue;
            String parameter = sweep.config().getString(axis[0]);
            for (ConfigValue v : sweep.config().getList(axis[1])) {
                String value = v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : Reader.render(v);
                List<String> withPoint = new ArrayList<>(overrides);
                withPoint.add(parameter + "=" + value);
                if (check(parsed, withPoint, new Problems(""), false) instanceof Invalid invalid) {
                    ConfigProblem first = invalid.problems().get(0);
                    sweep.problem(axis[1], "expected values that give valid settings, but " + parameter + " = " + value
                            + " gives: " + (first.key().isEmpty() ? "" : first.key() + ": ") + first.message());
                }
            }
        }
    }

    /** Parses "key=value" overrides; a value that is not HOCON is taken as a string ("b:80"). */
    private static Config overrides(List<String> overrides, Problems problems) {
        Config result = ConfigFactory.empty();
        for (String o : overrides) {
            String where = "--set " + o;
            int eq = o.indexOf('=');
            String key = eq < 0 ? "" : o.substring(0, eq).trim();
            try {
                if (key.isEmpty()) throw new ConfigException.BadPath(key, "empty");
                ConfigUtil.splitPath(key);
            } catch (ConfigException e) {
                problems.add(new ConfigProblem(where, 0, "", "expected key=value such as workload.arrival.rate=500"));
                continue;
            }
            result = atPath(key, value(o.substring(eq + 1).trim()), where).withFallback(result);
        }
        return result;
    }

    /**
     * {@code value} at {@code key}, every enclosing object made with the override as its origin,
     * so that a problem with any part of the key names the override ({@code withValue} would name
     * itself). Keys are relative to {@code tcpemu}; the full path {@code tcpemu.seed} means the same.
     */
    private static Config atPath(String key, ConfigValue value, String where) {
        List<String> parts = new ArrayList<>(ConfigUtil.splitPath(key));
        if (parts.size() > 1 && parts.get(0).equals(ROOT)) parts.remove(0);
        ConfigValue v = value.withOrigin(ConfigOriginFactory.newSimple(where));
        for (int i = parts.size() - 1; i >= 0; i--) v = ConfigValueFactory.fromMap(java.util.Map.of(parts.get(i), v), where);
        return ((ConfigObject) v).toConfig();
    }

    private static ConfigValue value(String text) {
        try {
            return ConfigFactory.parseString("v = " + text).getValue("v");
        } catch (ConfigException e) {
            return ConfigValueFactory.fromAnyRef(text);
        }
    }
}
