package io.tcpemu.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcpemu.config.Settings;
import io.tcpemu.report.Ladder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every point of every shipped scenario writes a report.html a browser opens at once: a few MB at
 * most, however long its exchanges (wandering-duplicates' ACK war once made a 41 MB page). Runs
 * with a workload are shortened: their pages hold plots and tables whose size does not grow with
 * the run, and a shorter run only makes a ladder more likely, not smaller.
 */
class ReportSizeTest {
    static final long MAX_REPORT_BYTES = 3L * 1024 * 1024;
    /**
     * What a browser must build to show the page: its elements and those of every inlined SVG. The
     * largest shipped page (wandering-duplicates 1-two-msl, a 562-row ladder) has about 2,900 and
     * opens in well under 2 s (BENCHMARKS.md, "report.html load times"); this bound keeps it so.
     */
    static final int MAX_ELEMENTS = 20_000;
    private static final Pattern SVG_IMAGE = Pattern.compile("data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)");

    @TempDir Path dir;

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("conf"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".conf")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyPointsReportStaysUnderAFewMegabytes(String name) throws IOException {
        Path file = Path.of("conf", name);
        List<String> overrides = new ArrayList<>();
        if (ScenarioFile.load(file, List.of()).workload().enabled()) overrides.add("duration=1s");
        overrides.add("output.plots=false");   // pictures of fixed size; leaving them out keeps the build quick
        // loaded once, not once per point: checking a file checks every variant's topology (nat-port-exhaustion:
        // 1,003 hosts' routes, seconds each time)
        Settings base = ScenarioFile.load(file, overrides);
        for (ScenarioFile.Point p : ScenarioFile.points(base)) {
            Settings s = ScenarioFile.settings(file, overrides, p, base);
            RunResult r = Runner.run(s, p.label(), Runner.Options.quiet());
            Ladder ladder = LadderChoice.of(r, "", false);
            Path out = dir.resolve(SweepResults.folderName(name + "-" + p.label()));
            ResultsFolder.write(out, r, ladder, RunSummary.render(r, ladder, false));

            long size = Files.size(out.resolve("report.html"));
            assertThat(size).as("%s %s: report.html of %,d bytes", name, p.label(), size).isLessThan(MAX_REPORT_BYTES);
            int elements = elements(Files.readString(out.resolve("report.html")));
            assertThat(elements).as("%s %s: elements the browser builds for the page and its pictures", name, p.label())
                    .isLessThan(MAX_ELEMENTS);
            if (ladder != null) assertThat(ladder.rows()).hasSizeLessThanOrEqualTo(s.output().ladderRows());
        }
    }

    /** Start tags in the page and in every SVG it inlines as a data: URI. */
    static int elements(String html) {
        int n = startTags(html);
        Matcher m = SVG_IMAGE.matcher(html);
        while (m.find()) n += startTags(new String(Base64.getDecoder().decode(m.group(1)), java.nio.charset.StandardCharsets.UTF_8));
        return n;
    }

    private static int startTags(String markup) {
        int n = 0;
        for (int i = markup.indexOf('<'); i >= 0; i = markup.indexOf('<', i + 1)) {
            char c = i + 1 < markup.length() ? markup.charAt(i + 1) : ' ';
            if (Character.isLetter(c)) n++;
        }
        return n;
    }
}
