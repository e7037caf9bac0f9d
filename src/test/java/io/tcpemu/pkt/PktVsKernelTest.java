package io.tcpemu.pkt;

import io.tcpemu.tcp.Profile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real kernel as the oracle: every script under src/test/resources/pkt (but the parser's
 * fixtures in parse/) passes on this machine's kernel (packetdrill, each in a throw-away network
 * namespace) and on the linux profile — except the known differences docs/pkt.md lists, which
 * must still differ, so a fixed one has to leave the list. Where packetdrill, root or network
 * namespaces are missing, the emulator's half is still checked and the kernel's half skips,
 * saying why (.ci/run builds packetdrill first).
 */
class PktVsKernelTest {
    private static final Path SCRIPTS = Path.of("src/test/resources/pkt");
    private static final Path DOC = Path.of("docs/pkt.md");
    /**
     * Scripts on the kernel at once: packetdrill mostly sleeps (a grid script takes about a second,
     * time-wait.pkt a minute); run-on-kernel.sh reruns a failure that is only a timing error.
     */
    private static final int JOBS = 4;

    @TestFactory
    Stream<DynamicTest> every_script_passes_on_the_kernel_and_on_the_linux_profile() throws IOException {
        List<Path> scripts = scripts();
        Map<String, String> known = KnownDifferences.read(DOC);
        Map<Path, CompletableFuture<KernelVerdict>> verdicts = kernelVerdicts(scripts);

        List<Comparison> rows = new ArrayList<>();
        Stream<DynamicTest> each = scripts.stream().map(s -> DynamicTest.dynamicTest(name(s), () -> {
            Comparison row = new Comparison(name(s), again(s, verdicts.get(s).join()), emulate(s));
            rows.add(row);
            assertThat(row.emulator().fullyChecked()).as("%s: every line of a suite script is checked: %s", row.script(), row.emulator().notes()).isTrue();
            String why = known.get(row.script());
            if (why == null) {
                assertThat(row.emulator().passed()).as("%s on the linux profile: %s", row.script(), row.firstDifference()).isTrue();
            } else {
                assertThat(row.emulator().passed()).as("%s is listed in %s as a known difference (%s) but passes on the linux profile now:"
                        + " take it off the list", row.script(), DOC, why).isFalse();
            }
            assumeTrue(row.kernel().outcome() != KernelVerdict.Outcome.NOT_RUN, () -> "the kernel is not asked: " + row.kernel().detail());
            assertThat(row.kernel().outcome()).as("%s on the kernel: %s", row.script(), row.kernel().detail())
                    .isEqualTo(KernelVerdict.Outcome.PASS);
        }));
        DynamicTest listed = DynamicTest.dynamicTest("every known difference names a script", () ->
                assertThat(scripts.stream().map(PktVsKernelTest::name).toList()).containsAll(known.keySet()));
        DynamicTest table = DynamicTest.dynamicTest("the table of differences", () -> System.out.print(Comparison.table(rows)));
        return Stream.concat(each, Stream.of(listed, table));
    }

    /**
     * A kernel verdict that failed on timing alone is asked once more with nothing else running
     * beside it: on a 2-core machine the parallel runs (and the build) can delay the kernel's
     * packets past packetdrill's tolerance. Any other failure stands as it is.
     */
    private static KernelVerdict again(Path script, KernelVerdict first) {
        if (first.outcome() != KernelVerdict.Outcome.FAIL || !first.detail().contains("timing error")) return first;
        return Packetdrill.locate(null).run(script);
    }

    /**
     * The kernel's verdicts, run in the background {@value #JOBS} at once; all "not run" (with why)
     * when packetdrill is missing or cannot run here (the first script is the probe).
     */
    private static Map<Path, CompletableFuture<KernelVerdict>> kernelVerdicts(List<Path> scripts) {
        Packetdrill kernel = Packetdrill.locate(null);
        KernelVerdict probe = kernel.run(scripts.get(0));
        Map<Path, CompletableFuture<KernelVerdict>> verdicts = new LinkedHashMap<>();
        verdicts.put(scripts.get(0), CompletableFuture.completedFuture(probe));
        if (probe.outcome() == KernelVerdict.Outcome.NOT_RUN) {
            for (Path s : scripts) verdicts.put(s, CompletableFuture.completedFuture(probe));
            return verdicts;
        }
        ExecutorService pool = Executors.newFixedThreadPool(JOBS);
        List<Path> longestFirst = new ArrayList<>(scripts.subList(1, scripts.size()));
        longestFirst.sort(java.util.Comparator.comparingLong(PktVsKernelTest::scriptedMicros).reversed());
        for (Path s : longestFirst) verdicts.put(s, CompletableFuture.supplyAsync(() -> kernel.run(s), pool));
        CompletableFuture.allOf(verdicts.values().toArray(CompletableFuture[]::new)).whenComplete((r, e) -> pool.shutdown());
        return verdicts;
    }

    /** How long the script runs by its own times (absolute and relative), to start the long ones first. */
    private static long scriptedMicros(Path script) {
        long at = 0;
        try {
            for (Event e : PktParser.parse(script).events()) {
                Timing t = e.time();
                if (t.kind() == Timing.Kind.ABSOLUTE || t.kind() == Timing.Kind.ABSOLUTE_RANGE) at = Math.max(at, t.end());
                else if (t.isRelative()) at += t.end();
            }
        } catch (IOException | PktSyntaxException e) {
            return 0;
        }
        return at;
    }

    private static PktResult emulate(Path script) throws IOException {
        return new PktRunner().run(PktParser.parse(script), Profile.LINUX, List.of(), 1);
    }

    /** The script's path under src/test/resources/pkt, as docs/pkt.md names it. */
    private static String name(Path script) { return SCRIPTS.relativize(script).toString(); }

    private static List<Path> scripts() {
        try (Stream<Path> files = Files.walk(SCRIPTS)) {
            return files.filter(p -> p.toString().endsWith(".pkt") && !p.startsWith(SCRIPTS.resolve("parse"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
