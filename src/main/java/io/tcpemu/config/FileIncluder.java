package io.tcpemu.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseOptions;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Includes as a careful tool does them: a name is resolved against the real folder of the file
 * that includes it (not the working directory, not the classpath), must be a regular file of
 * sane size (not a folder, a FIFO or /dev/zero behind a symlink), and a missing one is an error
 * naming the including file and line, whether or not it says {@code required}. No network includes.
 */
final class FileIncluder implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
    /** Larger than any scenario could be; a bigger "config" is a mistake, and reading it could exhaust the heap. */
    static final long MAX_BYTES = 16L << 20;

    private final Path including;
    private final Includes includes;

    /**
     * @param including the file whose includes this resolves (its real path is taken)
     * @param includes  where each included file is recorded with the line that included it
     */
    FileIncluder(Path including, Includes includes) {
        this.including = including;
        this.includes = includes;
    }

    /** Parse options for {@code file}: its includes resolved by a FileIncluder of its own, recorded in {@code includes}. */
    static ConfigParseOptions options(Path file, Includes includes) {
        return ConfigParseOptions.defaults().setAllowMissing(false).setIncluder(new FileIncluder(file, includes));
    }

    @Override public ConfigIncluder withFallback(ConfigIncluder fallback) { return this; }

    @Override public ConfigObject include(ConfigIncludeContext context, String what) { return includeName(what); }

    @Override public ConfigObject includeFile(ConfigIncludeContext context, File what) { return includeName(what.getPath()); }

    @Override public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
        throw refused(what.toString(), "expected a file to include, but url(...) includes are not allowed (a scenario reads no network)");
    }

    @Override public ConfigObject includeResources(ConfigIncludeContext context, String what) {
        throw refused(what, "expected a file to include, but classpath(...) includes are not allowed; include the file by its path");
    }

    private ConfigObject includeName(String name) {
        Path base = folder();
        Path target = base.resolve(name);
        if (!Files.exists(target) && !name.endsWith(".conf") && Files.exists(base.resolve(name + ".conf"))) {
            target = base.resolve(name + ".conf");
        }
        String problem = problemWith(target);
        if (problem != null) throw refused(name, "cannot include \"" + name + "\": " + problem);
        TextCheck.NotText notText = TextCheck.of(target);
        if (notText != null) throw refused(name, "cannot include \"" + name + "\": " + target + ":" + notText.line() + ": " + notText.message());
        includes.record(target.toFile().getPath(), including.toString(), lineOf(name), name);
        try {
            return ConfigFactory.parseFile(target.toFile(), options(target, includes)).root();
        } catch (ConfigException e) {
            // located in the included file, and named from the including line: /etc/passwd alone does not say who read it
            ConfigException inner = ConfigMessages.refusedInclude(e);
            throw refused(name, "cannot include \"" + name + "\": " + where(ConfigMessages.origin(inner), target) + ": " + ConfigMessages.syntax(inner));
        }
    }

    /** "/etc/passwd:1", or the file alone when the line is unknown. */
    private static String where(com.typesafe.config.ConfigOrigin origin, Path file) {
        if (origin == null) return file.toString();
        String name = origin.filename() != null ? origin.filename() : file.toString();
        return origin.lineNumber() > 0 ? name + ":" + origin.lineNumber() : name;
    }

    /** Why {@code file} cannot be a config file, or null if it can. */
    static String problemWith(Path file) {
        if (!Files.exists(file)) return "there is no such file (looked for " + file + ")";
        if (Files.isDirectory(file)) return file + " is a folder, expected a file";
        if (!Files.isRegularFile(file)) return file + " is not a regular file (a device, FIFO or socket), expected a file";
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) return file + " has " + size + " bytes, expected a config file of at most " + (MAX_BYTES >> 20) + " MiB";
        } catch (IOException e) {
            return "cannot read " + file + ": " + e.getMessage();
        }
        return null;
    }

    private Path folder() {
        try {
            Path parent = including.toRealPath().getParent();
            return parent != null ? parent : Path.of("").toAbsolutePath();
        } catch (IOException e) {
            Path parent = including.toAbsolutePath().getParent();
            return parent != null ? parent : Path.of("").toAbsolutePath();
        }
    }

    /** An error at the include's line in the including file (Typesafe does not tell an includer where it was called). */
    private ConfigException refused(String name, String message) {
        com.typesafe.config.ConfigOrigin origin = ConfigOriginFactory.newFile(including.toString());
        int line = lineOf(name);
        return new Refused(line > 0 ? origin.withLineNumber(line) : origin, message);
    }

    private int lineOf(String name) {
        try {
            List<String> lines = Files.readAllLines(including);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.contains("include") && l.contains(name)) return i + 1;
            }
        } catch (IOException | RuntimeException e) {
            // no line then: the message still names the file
        }
        return -1;
    }

    /** An include that was refused: its message is for the user as it is. */
    static final class Refused extends ConfigException {
        Refused(com.typesafe.config.ConfigOrigin origin, String message) { super(origin, message, null); }
    }
}
