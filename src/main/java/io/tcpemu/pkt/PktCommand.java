package io.tcpemu.pkt;

import io.tcpemu.tcp.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code tcpemu pkt <files...>}: runs packetdrill scripts against an emulated host, one fresh host
 * per script, and prints PASS or FAIL for each. Exit code 0 if all pass, 1 if any fails, 2 if a
 * script cannot be read or parsed.
 */
@Command(name = "pkt", mixinStandardHelpOptions = true,
        description = "Runs packetdrill scripts against an emulated host in virtual time.")
public final class PktCommand implements Callable<Integer> {
    static final int ALL_PASSED = 0;
    static final int SOME_FAILED = 1;
    static final int BAD_INPUT = 2;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "packetdrill scripts (.pkt)")
    List<Path> files;

    @Option(names = "--profile", defaultValue = "linux", description = "TCP profile of the host under test: linux or rfc9293 (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--tolerance-usecs", description = "timing slack in microseconds (packetdrill's --tolerance_usecs; default 4000)")
    Long toleranceMicros;

    @Option(names = "--seed", defaultValue = "1", description = "seeds ISNs and ports, so a run is reproducible (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--strict", description = "fail a script that has lines not checked (skipped calls, sysctls the emulator lacks)")
    boolean strict;

    @Option(names = "--vs-kernel", description = "also run each script on this machine's real kernel with packetdrill and print where the two differ")
    boolean vsKernel;

    @Option(names = "--packetdrill", paramLabel = "PATH", description = "the packetdrill binary for --vs-kernel (default: $PACKETDRILL, build.sh's build, or the PATH)")
    String packetdrill;

    @Option(names = "--jobs", defaultValue = "2", description = "scripts run on the kernel at once with --vs-kernel (default: ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "a setting of the host under test, as a scenario's host keys (tcp.rst-in-time-wait=ignore, tw-reuse=true); after the script's own sysctl lines")
    List<String> settings = new ArrayList<>();

    @Option(names = "--define", paramLabel = "NAME", description = "defines NAME for the scripts' #ifdef NAME ... #else ... #endif")
    List<String> defines = new ArrayList<>();

    @Option(names = "--parse-only", description = "only parse the scripts and list what would be skipped")
    boolean parseOnly;

    @Spec CommandSpec spec;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Profile tcp;
        try {
            tcp = Profile.parse(profile);
        } catch (IllegalArgumentException e) {
            err.println("tcpemu pkt: --profile: " + e.getMessage());
            return BAD_INPUT;
        }
        Conventions conv = Conventions.DEFAULT;
        if (toleranceMicros != null && (toleranceMicros < 0 || !io.tcpemu.tcp.TimeHorizon.contains(toleranceMicros))) {
            err.println("tcpemu pkt: --tolerance-usecs: expected 0 or more microseconds (at most " + io.tcpemu.tcp.TimeHorizon.TEXT
                    + "), got " + toleranceMicros);
            return BAD_INPUT;
        }
        if (toleranceMicros != null) conv = conv.withTolerance(toleranceMicros);
        PktRunner runner = new PktRunner(conv);
        if (vsKernel) return vsKernel(runner, tcp, out, err);
        int worst = ALL_PASSED;
        for (Path file : files) worst = Math.max(worst, runOne(file, runner, tcp, out, err));
        out.flush();
        return worst;
    }

    /** Each script on the kernel (in the background, {@code jobs} at once) and on the emulator; one table. */
    private int vsKernel(PktRunner runner, Profile tcp, PrintWriter out, PrintWriter err) {
        if (jobs < 1) {
            err.println("tcpemu pkt: --jobs: expected 1 or more, got " + jobs);
            return BAD_INPUT;
        }
        Packetdrill kernel = Packetdrill.locate(packetdrill);
        if (!kernel.available()) err.println("tcpemu pkt: the kernel is not asked: " + kernel.problem());
        int worst = ALL_PASSED;
        List<Comparison> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            Map<Path, Future<KernelVerdict>> verdicts = new LinkedHashMap<>();
            for (Path file : files) if (Files.isRegularFile(file)) verdicts.put(file, pool.submit(() -> kernel.run(file, Set.copyOf(defines))));
            for (Path file : files) {
                Script script = parse(file, err);
                if (script == null) { worst = BAD_INPUT; continue; }
                PktResult result;
                try {
                    result = runner.run(script, tcp, settings, seed);
                } catch (IllegalArgumentException e) {
                    err.println("tcpemu pkt: " + e.getMessage());
                    worst = BAD_INPUT;
                    continue;
                }
                Comparison row = new Comparison(file.toString(), join(verdicts.get(file)), result);
                rows.add(row);
                boolean ok = result.passed(strict) && row.kernel().outcome() != KernelVerdict.Outcome.FAIL;
                if (!ok) worst = Math.max(worst, SOME_FAILED);
            }
        } finally {
            pool.shutdownNow();
        }
        out.print(Comparison.table(rows));
        if (kernel.available()) out.println("the " + profile + " profile models " + tcp.models() + "; this kernel is " + Packetdrill.kernelRelease());
        out.flush();
        return worst;
    }

    private static KernelVerdict join(Future<KernelVerdict> verdict) {
        try {
            return verdict.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return KernelVerdict.notRun("interrupted");
        } catch (ExecutionException e) {
            return KernelVerdict.notRun(String.valueOf(e.getCause()));
        }
    }

    /** The script, or null after one line on stderr saying why it cannot be read. */
    private Script parse(Path file, PrintWriter err) {
        String notAFile = io.tcpemu.config.InputFile.problem(file, "tcpemu pkt", "a packetdrill script (.pkt) such as src/test/resources/pkt/handshake-active.pkt");
        if (notAFile != null) {   // checked first: a FIFO (or "-") would block the read for ever
            err.println("tcpemu pkt: " + notAFile);
            return null;
        }
        io.tcpemu.config.TextCheck.NotText notText = io.tcpemu.config.TextCheck.of(file);
        if (notText != null) {   // a binary file: say so, not Java's "Input length = 1"
            err.println("tcpemu pkt: " + file + ":" + notText.line() + ": " + notText.message());
            return null;
        }
        try {
            return PktParser.parse(file.getFileName().toString(), Files.readString(file), Set.copyOf(defines));
        } catch (IOException e) {
            err.println("tcpemu pkt: " + file + ": cannot read: " + e.getMessage());
        } catch (PktSyntaxException e) {
            err.println(e.getMessage());
        }
        return null;
    }

    private int runOne(Path file, PktRunner runner, Profile tcp, PrintWriter out, PrintWriter err) {
        Script script = parse(file, err);
        if (script == null) return BAD_INPUT;
        if (parseOnly) {
            out.println("PARSED " + script.file() + " (" + script.events().size() + " events, " + script.skipped().size() + " skipped)");
            script.skipped().forEach(s -> out.println("  note: line " + s.line() + " skipped (" + s.reason() + "): " + s.oneLine()));
            return ALL_PASSED;
        }
        try {
            PktResult result = runner.run(script, tcp, settings, seed);
            out.print(result.format(strict));
            return result.passed(strict) ? ALL_PASSED : SOME_FAILED;
        } catch (IllegalArgumentException e) {
            err.println("tcpemu pkt: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    public static void main(String[] args) { System.exit(new CommandLine(new PktCommand()).execute(args)); }
}
