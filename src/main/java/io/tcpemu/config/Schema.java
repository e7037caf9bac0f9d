package io.tcpemu.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The key tree of reference.conf, against which a scenario's keys are checked. Hosts are any name
 * over {@code host-defaults}; elements of {@code links} follow {@code link-defaults}; script steps
 * have {@code at} and {@code do}; {@code expect.final-states} takes any connection or host name;
 * each of {@code variants} is checked as a whole scenario.
 */
final class Schema {
    private static final ConfigObject STEP = ConfigFactory.parseString("at = 0s, do = \"\"").root();
    private static final ConfigObject ROUTE = ConfigFactory.parseString("to = \"\", via = \"\"").root();
    private static final ConfigValue STATE = ConfigValueFactory.fromAnyRef("CLOSED");

    private final ConfigObject reference;

    Schema(ConfigObject reference) { this.reference = reference; }

    /**
     * Reports every key the user wrote that is not a setting, and every section written as a plain
     * value (or the other way round). Returns false when the shape is so wrong that values cannot be read.
     */
    boolean check(ConfigObject user, Problems problems) { return walk(user, reference, "", problems); }

    /** True when {@code path} names one setting (not a section), e.g. "hosts.a.tcp.msl". */
    boolean knows(String path) {
        ConfigValue s = reference;
        String parent = "";
        try {
            for (String part : ConfigUtil.splitPath(path)) {
                if (!(s instanceof ConfigObject o)) return false;
                s = child(parent, part, o);
                parent = parent.isEmpty() ? part : parent + "." + part;
                if (s == null) return false;
            }
        } catch (ConfigException e) {
            return false;
        }
        return !(s instanceof ConfigObject);
    }

    private boolean walk(ConfigObject user, ConfigObject schema, String prefix, Problems problems) {
        boolean ok = true;
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
            String path = join(prefix, e.getKey());
            ConfigValue v = e.getValue();
            ConfigValue s = child(prefix, e.getKey(), schema);
            if (s == null) {
                problems.add(v.origin(), path, unknown(e.getKey(), schema, prefix));
            } else if (s instanceof ConfigObject so) {
                if (v instanceof ConfigObject vo) ok &= walk(vo, so, path, problems);
                else ok &= wrongShape(v, path, "an object { ... }", problems);
            } else if (path.equals("links") || path.equals("script")) {
                ok &= walkList(v, path, path.equals("links") ? (ConfigObject) reference.get("link-defaults") : STEP, problems);
            } else if (isRoutes(path)) {
                ok &= walkList(v, path, ROUTE, problems);
            } else if (v instanceof ConfigObject) {
                ok &= wrongShape(v, path, "a single value", problems);
            }
        }
        return ok;
    }

    /** "routers.r1.routes", also inside a variant. */
    private static boolean isRoutes(String path) {
        if (!path.endsWith(".routes") || path.contains("[")) return false;
        List<String> parts = ConfigUtil.splitPath(withinVariant(path));
        return parts.size() == 3 && parts.get(0).equals("routers") && parts.get(2).equals("routes");
    }

    private boolean walkList(ConfigValue v, String path, ConfigObject element, Problems problems) {
        if (!(v instanceof ConfigList list)) return wrongShape(v, path, "a list [ { ... }, { ... } ]", problems);
        boolean ok = true;
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            if (list.get(i) instanceof ConfigObject o) ok &= walk(o, element, at, problems);
            else ok &= wrongShape(list.get(i), at, "an object { ... }", problems);
        }
        return ok;
    }

    private static boolean wrongShape(ConfigValue v, String path, String expected, Problems problems) {
        problems.add(v.origin(), path, "expected " + expected + ", got " + Reader.render(v));
        return false;
    }

    /** The schema of {@code key} inside {@code prefix}, or null if there is no such setting. */
    private ConfigValue child(String prefix, String key, ConfigObject schema) {
        if (prefix.equals("variants")) return reference; // a variant holds any settings
        String within = withinVariant(prefix);
        if (within.equals("hosts")) return reference.get("host-defaults");
        if (within.equals("routers")) return reference.get("router-defaults");
        if (within.equals("expect.final-states")) return STATE;
        return schema.get(key);
    }

    /** A path inside a variant, relative to the variant ("variants.short.hosts" gives "hosts"); other paths as they are. */
    private static String withinVariant(String prefix) {
        if (!prefix.startsWith("variants.")) return prefix;
        List<String> parts = ConfigUtil.splitPath(prefix);
        if (parts.size() < 2) return prefix;
        return parts.size() == 2 ? "" : ConfigUtil.joinPath(parts.subList(2, parts.size()));
    }

    private static String unknown(String key, ConfigObject schema, String prefix) {
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String candidate : paths(schema, "")) {
            List<String> parts = ConfigUtil.splitPath(candidate);
            int distance = editDistance(key, parts.get(parts.size() - 1));
            if (distance > Math.max(1, key.length() / 3)) continue;
            int score = distance * 10 + parts.size();
            if (score < bestScore) { bestScore = score; best = candidate; }
        }
        if (best != null) return "unknown key, did you mean " + (prefix.isEmpty() ? best : prefix + "." + best) + "?";
        return "unknown key, expected one of " + String.join(", ", schema.keySet().stream().sorted().toList());
    }

    private static List<String> paths(ConfigObject schema, String prefix) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : schema.entrySet()) {
            String path = join(prefix, e.getKey());
            out.add(path);
            if (e.getValue() instanceof ConfigObject o) out.addAll(paths(o, path));
        }
        return out;
    }

    private static String join(String prefix, String key) {
        String k = ConfigUtil.joinPath(key);
        return prefix.isEmpty() ? k : prefix + "." + k;
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
