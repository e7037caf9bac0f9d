package io.tcpemu.pkt;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * packetdrill on this machine, run through {@code run-on-kernel.sh} of the shared packetdrill folder
 * (a throw-away network namespace per script): the real kernel as the oracle for a script. Never
 * runs the binary itself.
 *
 * @param binary  the packetdrill binary, or null if none was found
 * @param runner  run-on-kernel.sh, or null if none was found
 * @param problem why the kernel cannot be asked (no binary, no runner), or null
 */
public record Packetdrill(Path binary, Path runner, String problem) {
    /** Names the folder holding run-on-kernel.sh and build.sh, when it is not ../shared/packetdrill of the project. */
    public static final String DIR_VARIABLE = "TCPEMU_PACKETDRILL_DIR";
    private static final String RUNNER = "run-on-kernel.sh";
    /** Longer than any script here takes, with the runner's timing reruns. */
    private static final long TIMEOUT_SECONDS = 900;

    public boolean available() { return problem == null; }

    /** The running kernel's release ({@code uname -r}), to set beside the version a profile models. */
    public static String kernelRelease() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease"), StandardCharsets.US_ASCII).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown (" + System.getProperty("os.name") + " " + System.getProperty("os.version") + ")";
        }
    }

    /**
     * Finds packetdrill: {@code explicit} (--packetdrill), else $PACKETDRILL, else build.sh's default
     * build path, else the PATH; and run-on-kernel.sh in ${@value #DIR_VARIABLE}, else in
     * ../shared/packetdrill beside the working directory or beside the project tcpemu was built from.
     */
    public static Packetdrill locate(String explicit, Map<String, String> env) {
        Path runner = runner(env);
        Path binary = binary(explicit, env);
        String problem = null;
        if (binary == null) {
            problem = explicit != null ? "packetdrill not found at " + explicit
                    : "packetdrill not found ($PACKETDRILL, " + defaultBuild(env) + " or the PATH; build it with ../shared/packetdrill/build.sh)";
        } else if (runner == null) {
            problem = RUNNER + " not found (set " + DIR_VARIABLE + " to the folder holding it, or keep ../shared/packetdrill beside the project)";
        }
        return new Packetdrill(binary, runner, problem);
    }

    public static Packetdrill locate(String explicit) { return locate(explicit, System.getenv()); }

    private static Path binary(String explicit, Map<String, String> env) {
        if (explicit != null) return executable(Path.of(explicit));
        String variable = env.get("PACKETDRILL");
        if (variable != null && !variable.isBlank()) return executable(Path.of(variable));
        Path built = executable(defaultBuild(env));
        if (built != null) return built;
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = dir.isEmpty() ? null : executable(Path.of(dir, "packetdrill"));
            if (p != null) return p;
        }
        return null;
    }

    /** Where build.sh puts the binary when given no folder. */
    static Path defaultBuild(Map<String, String> env) {
        return Path.of(env.getOrDefault("TMPDIR", "/tmp"), "packetdrill-build", "packetdrill");
    }

    private static Path runner(Map<String, String> env) {
        List<Path> candidates = new ArrayList<>();
        String dir = env.get(DIR_VARIABLE);
        if (dir != null && !dir.isBlank()) candidates.add(Path.of(dir, RUNNER));
        candidates.add(Path.of("").toAbsolutePath().resolveSibling("shared").resolve("packetdrill").resolve(RUNNER));
        Path project = projectDir();
        if (project != null) candidates.add(project.resolveSibling("shared").resolve("packetdrill").resolve(RUNNER));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }

    /** The folder with the pom.xml that tcpemu's classes were built from (target/classes or the jar in target/). */
    private static Path projectDir() {
        try {
            Path p = Path.of(Packetdrill.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (; p != null; p = p.getParent()) if (Files.isRegularFile(p.resolve("pom.xml"))) return p;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code source: only the working directory and the variable are looked at
        }
        return null;
    }

    private static Path executable(Path p) { return Files.isRegularFile(p) && Files.isExecutable(p) ? p.toAbsolutePath() : null; }

    /** Runs one script on the kernel (run-on-kernel.sh: netns, 10 ms tolerance, timing reruns). */
    public KernelVerdict run(Path script) { return run(script, java.util.Set.of()); }

    /**
     * Runs one script on the kernel with {@code defines} chosen for its {@code #ifdef} lines, which
     * packetdrill does not know: the kernel gets the lines the emulator runs (the others blank, so the
     * line numbers agree), from a copy of the same name in a temporary folder.
     */
    public KernelVerdict run(Path script, java.util.Set<String> defines) {
        if (!available()) return KernelVerdict.notRun(problem);
        Path copy = null;
        try {
            String text = Files.readString(script, StandardCharsets.UTF_8);
            String kept = Conditionals.apply(script.getFileName().toString(), text, defines);
            if (!kept.equals(text)) {
                copy = Files.createTempDirectory("tcpemu-pkt-ifdef").resolve(script.getFileName());
                Files.writeString(copy, kept, StandardCharsets.UTF_8);
            }
            return runFile(copy != null ? copy : script);
        } catch (IOException | PktSyntaxException e) {
            return KernelVerdict.notRun("cannot read " + script + ": " + e.getMessage());
        } finally {
            deleteCopy(copy);
        }
    }

    private static void deleteCopy(Path copy) {
        if (copy == null) return;
        try {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(copy.getParent());
        } catch (IOException ignored) {
            // a temporary file left behind harms nothing
        }
    }

    private KernelVerdict runFile(Path script) {
        List<String> command = List.of("bash", runner.toString(), "-b", binary.toString(), script.toAbsolutePath().toString());
        try {
            Path log = Files.createTempFile("tcpemu-pkt-kernel", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return KernelVerdict.notRun("run-on-kernel.sh did not finish in " + TIMEOUT_SECONDS + " s");
                }
                return KernelVerdict.of(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return KernelVerdict.notRun("cannot start run-on-kernel.sh: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return KernelVerdict.notRun("interrupted");
        }
    }
}
