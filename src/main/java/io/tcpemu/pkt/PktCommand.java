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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

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

    @Option(names = "--strict-window", description = "compare the exact window when a script gives one")
    boolean strictWindow;

    @Option(names = "--strict-options", description = "compare the modelled TCP options (mss, timestamps) when a script lists them")
    boolean strictOptions;

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
        Conventions conv = Conventions.DEFAULT.withComparisons(strictWindow, strictOptions);
        if (toleranceMicros != null) conv = conv.withTolerance(toleranceMicros);
        PktRunner runner = new PktRunner(conv);
        int worst = ALL_PASSED;
        for (Path file : files) worst = Math.max(worst, runOne(file, runner, tcp, out, err));
        out.flush();
        return worst;
    }

    private int runOne(Path file, PktRunner runner, Profile tcp, PrintWriter out, PrintWriter err) {
        Script script;
        try {
            script = PktParser.parse(file.getFileName().toString(), Files.readString(file));
        } catch (NoSuchFileException e) {
            err.println("tcpemu pkt: " + file + ": no such file");
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("tcpemu pkt: " + file + ": cannot read: " + e.getMessage());
            return BAD_INPUT;
        } catch (PktSyntaxException e) {
            err.println(e.getMessage());
            return BAD_INPUT;
        }
        if (parseOnly) {
            out.println("PARSED " + script.file() + " (" + script.events().size() + " events, " + script.skipped().size() + " skipped)");
            script.skipped().forEach(s -> out.println("  note: line " + s.line() + " skipped (" + s.reason() + "): " + s.oneLine()));
            return ALL_PASSED;
        }
        try {
            PktResult result = runner.run(script, tcp.config(), seed);
            out.print(result.format());
            return result.passed() ? ALL_PASSED : SOME_FAILED;
        } catch (IllegalArgumentException e) {
            err.println("tcpemu pkt: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    public static void main(String[] args) { System.exit(new CommandLine(new PktCommand()).execute(args)); }
}
