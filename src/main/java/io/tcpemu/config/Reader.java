package io.tcpemu.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.tcpemu.tcp.TimeHorizon;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Typed reads of one section of the merged settings. A bad value becomes a {@link ConfigProblem}
 * naming the user's file and line, and the read returns a harmless stand-in so that reading goes
 * on and every problem is reported in one go.
 */
final class Reader {
    /** A number with more digits than a long holds, and a unit: "99999999999999999999m". */
    private static final java.util.regex.Pattern LONG_AMOUNT = java.util.regex.Pattern.compile("\\s*\\d{19,}(\\.\\d*)?\\s*[a-zA-Z]*\\s*");
    private final Config merged;
    private final ConfigObject user;
    private final ConfigOrigin userOrigin;
    private final String prefix;
    final Problems problems;

    Reader(Config merged, ConfigObject user, ConfigOrigin userOrigin, String prefix, Problems problems) {
        this.merged = merged;
        this.user = user;
        this.userOrigin = userOrigin;
        this.prefix = prefix;
        this.problems = problems;
    }

    /** The section under {@code key}, e.g. {@code at("tcp")}. */
    Reader at(String key) {
        ConfigValue u = userValue(key);
        ConfigObject userChild = u instanceof ConfigObject o ? o : null;
        return new Reader(merged.getConfig(key), userChild, originOf(key), path(key), problems);
    }

    /** The section under {@code key} with the section under {@code defaultsKey} as its defaults, e.g. one host. */
    Reader withDefaults(String key, String defaultsKey) {
        Reader own = at(key);
        return new Reader(own.merged.withFallback(merged.getConfig(defaultsKey)), own.user, own.userOrigin, own.prefix, problems);
    }

    /** A reader for an object that is not at a path, {@code own} over {@code defaults}: one element of {@code links}. */
    static Reader of(ConfigObject own, Config defaults, String prefix, Problems problems) {
        return new Reader(own.toConfig().withFallback(defaults), own, own.origin(), prefix, problems);
    }

    String path(String key) {
        if (key.isEmpty()) return prefix;
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    Config config() { return merged; }

    /** "file:line" of this section as the user wrote it. */
    String where() { return problems.where(userOrigin); }

    boolean isSet(String key) { return merged.hasPath(key); }

    /** The value of {@code key} as the user wrote it, for "got ..." in messages. */
    String got(String key) { return merged.hasPath(key) ? render(merged.getValue(key)) : "nothing"; }

    void problem(String key, String message) { problems.add(originOf(key), path(key), message); }

    long micros(String key) {
        return read(key, "a duration such as 30s", 0L, () -> {
            long v;
            try {
                v = merged.getDuration(key, TimeUnit.MICROSECONDS);
            } catch (ConfigException.BadValue e) {
                // Typesafe cannot hold the number at all: a duration, but far too long
                if (LONG_AMOUNT.matcher(merged.getValue(key).unwrapped().toString()).matches()) v = Long.MAX_VALUE;
                else throw e;
            }
            if (!TimeHorizon.contains(v)) throw new Invalid(v < 0 ? "a duration of 0 or more" : "a duration of at most " + TimeHorizon.TEXT);
            return v;
        });
    }

    long bytes(String key) { return bytesIn(key, 0, Long.MAX_VALUE); }

    long bytesIn(String key, long min, long max) {
        return read(key, "a size such as 1460 or 64KiB", min, () -> {
            long v = merged.getBytes(key);
            // Typesafe rounds a fraction of a byte down: 0.125 would become 0 (for a bandwidth: unlimited)
            if (fractionOfAByte(merged.getValue(key))) throw new Invalid("a whole number of bytes");
            if (v < min || v > max) throw new Invalid(max == Long.MAX_VALUE
                    ? "a size of " + min + " or more" : "a size from " + min + " to " + max + " bytes");
            return v;
        });
    }

    /** True for a size written with a part of a byte: 0.125, 1460.5 or "0.5B" ("1.5KiB" is 1536 bytes, whole). */
    private static boolean fractionOfAByte(ConfigValue v) {
        if (v.valueType() == ConfigValueType.NUMBER) {
            double d = ((Number) v.unwrapped()).doubleValue();
            return d != Math.rint(d);
        }
        String text = v.unwrapped().toString().trim();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9.]+)\\s*([A-Za-z]*)").matcher(text);
        if (!m.matches()) return false;
        try {
            java.math.BigDecimal amount = new java.math.BigDecimal(m.group(1));
            long unit = com.typesafe.config.ConfigFactory.parseString("v = 1" + m.group(2)).getBytes("v");
            return amount.multiply(java.math.BigDecimal.valueOf(unit)).stripTrailingZeros().scale() > 0;
        } catch (RuntimeException e) {
            return false;   // not a size at all: Typesafe has said so already
        }
    }

    long wholeNumber(String key, long min, long max) {
        return read(key, "a whole number", min, () -> {
            Number n = merged.getNumber(key);
            String below = max == Long.MAX_VALUE && min != Long.MIN_VALUE ? "a whole number of " + min + " or more" : "a whole number from " + min + " to " + max;
            String above = "a whole number from " + min + " to " + max;
            // An integer is read as such: through a double, seeds above 2^53 would collapse into one another.
            if (n instanceof Integer || n instanceof Long) {
                long v = n.longValue();
                if (v < min) throw new Invalid(below);
                if (v > max) throw new Invalid(above);
                return v;
            }
            double d = n.doubleValue();
            if (Double.isInfinite(d)) throw new Invalid(d > 0 ? above : below);   // 1e400: no BigDecimal holds it as read
            if (d != Math.rint(d)) throw new Invalid("a whole number");
            // Compared as written, not as the double: -9223372036854775809 rounds to Long.MIN_VALUE exactly
            java.math.BigDecimal written = asWritten(merged.getValue(key), d);
            if (written.compareTo(java.math.BigDecimal.valueOf(min)) < 0) throw new Invalid(below);
            if (written.compareTo(java.math.BigDecimal.valueOf(max)) > 0) throw new Invalid(above);   // 1e19: beyond a long, so the upper bound is what was missed
            return written.longValueExact();
        });
    }

    /** The number as the user wrote it ("-9223372036854775809", "1e19"), else the double it was read as. */
    private static java.math.BigDecimal asWritten(ConfigValue v, double d) {
        try {
            // more digits than a long: Typesafe keeps the text as a string, a shorter number as written
            String text = v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : render(v);
            return new java.math.BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return new java.math.BigDecimal(d);
        }
    }

    int integer(String key, int min, int max) { return (int) wholeNumber(key, min, max); }

    double number(String key, double min, double max, String what) {
        return read(key, what, min, () -> {
            double d = merged.getDouble(key);
            if (!(d >= min && d <= max)) throw new Invalid(what);
            return d;
        });
    }

    double positive(String key, String what) {
        return read(key, what, 1.0, () -> {
            double d = merged.getDouble(key);
            if (!(d > 0) || Double.isInfinite(d)) throw new Invalid(what);
            return d;
        });
    }

    boolean bool(String key) {
        return read(key, "true or false", false, () -> merged.getBoolean(key));
    }

    String string(String key) {
        return read(key, "a string", "", () -> {
            ConfigValue v = merged.getValue(key);
            if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) throw new Invalid("a string");
            return merged.getString(key);
        });
    }

    /** A string that may be null (not set); returns "" when not set. */
    String optionalString(String key) { return isSet(key) ? string(key) : ""; }

    List<String> strings(String key, String what) {
        return read(key, what, List.of(), () -> {
            for (ConfigValue v : merged.getList(key)) {
                if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) throw new Invalid(what);
            }
            return merged.getStringList(key);
        });
    }

    ConfigList list(String key, String what) {
        return read(key, what, null, () -> merged.getList(key));
    }

    ConfigObject object(String key, String what) {
        return read(key, what, null, () -> merged.getObject(key));
    }

    /** An enum written in kebab case: {@code client-first} for {@code CLIENT_FIRST}. */
    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        E[] values = type.getEnumConstants();
        String allowed = oneOf(Arrays.stream(values).map(Reader::kebab).toList());
        return read(key, allowed, fallback, () -> {
            ConfigValue v = merged.getValue(key);
            if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) throw new Invalid(allowed);
            String text = merged.getString(key).trim();
            for (E e : values) if (kebab(e).equalsIgnoreCase(text)) return e;
            throw new Invalid(allowed);
        });
    }

    /** "a, b or c". */
    static String oneOf(java.util.List<String> names) {
        if (names.size() == 1) return names.get(0);
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    static String kebab(Enum<?> e) { return e.name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    static String render(ConfigValue v) { return v.render(ConfigRenderOptions.concise()); }

    /** Where the user wrote {@code key}, or the nearest enclosing place they wrote. */
    ConfigOrigin originOf(String key) {
        if (key.isEmpty()) return userOrigin;
        ConfigValue u = userValue(key);
        if (u != null) return u.origin();
        // not written by the user: point at the closest enclosing object they did write
        List<String> parts = ConfigUtil.splitPath(key);
        for (int n = parts.size() - 1; n > 0; n--) {
            ConfigValue parent = userValue(ConfigUtil.joinPath(parts.subList(0, n)));
            if (parent != null) return parent.origin();
        }
        return userOrigin;
    }

    private ConfigValue userValue(String key) {
        ConfigValue v = user;
        for (String part : ConfigUtil.splitPath(key)) {
            if (!(v instanceof ConfigObject o)) return null;
            v = o.get(part);
        }
        return v;
    }

    /** Thrown inside a read to say what was expected. */
    private static final class Invalid extends RuntimeException {
        Invalid(String expected) { super(expected, null, false, false); }
    }

    private interface Read<T> { T get(); }

    private <T> T read(String key, String expected, T fallback, Read<T> read) {
        try {
            if (!merged.hasPath(key)) {
                problem(key, "expected " + expected + ", but it is not set");
                return fallback;
            }
            return read.get();
        } catch (Invalid e) {
            problem(key, "expected " + e.getMessage() + ", got " + render(merged.getValue(key)));
        } catch (ConfigException e) {
            ConfigValue v = merged.hasPath(key) ? merged.getValue(key) : null;
            problem(key, "expected " + expected + (v == null ? "" : ", got " + render(v)));
        }
        return fallback;
    }
}
