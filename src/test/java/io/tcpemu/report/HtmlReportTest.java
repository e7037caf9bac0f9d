package io.tcpemu.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpemu.report.HtmlReport.Row;
import io.tcpemu.trace.TraceEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final Optional<Path> CHROMIUM = ExternalTool.find("chromium", "chromium-browser", "google-chrome");
    /** Written into the page by the test only: each image's load state and natural size, for --dump-dom to show. */
    private static final String PROBE = """
            <script>
            window.addEventListener('load', () => document.body.setAttribute('data-images',
                [...document.images].map(i => i.complete + ':' + i.naturalWidth + 'x' + i.naturalHeight).join(' ')));
            </script>
            """;

    @TempDir Path dir;

    static HtmlReport smallRun() {
        List<TraceEvent> trace = Scenarios.lostFin();
        return HtmlReport.of("lost FIN, one connection",
                List.of(new Row("connections", "1"), new Row("segments sent", "10"), new Row("lost", "1 (FIN)"),
                        new Row("<script> in a label", "is & stays text")),
                List.of(PlotsTest.hostChart(), PlotsTest.sweepChart()), trace);
    }

    @Test
    void pageIsSelfContained() {
        String html = smallRun().render();

        assertThat(html).doesNotContain("http://", "https://", "src=\"file").doesNotContain("<script");
        assertThat(html).contains("&lt;script&gt; in a label", "is &amp; stays text");
        assertThat(count(html, "<img ")).as("2 plots, the state graph, 1 ladder and its time-sequence graph").isEqualTo(5);
        assertThat(count(html, "src=\"data:image/png;base64,")).isEqualTo(2);
        assertThat(count(html, "src=\"data:image/svg+xml;base64,")).isEqualTo(3);
        assertThat(html).contains("<h2>Time-sequence graph</h2>");
        assertThat(html).contains("FIN ACK seq=101 ack=1 ----");
    }

    @Test
    void bigRunsGetNoLadder() {
        List<TraceEvent> trace = new ArrayList<>();
        for (int i = 0; i <= HtmlReport.MAX_LADDERS; i++) {
            TraceBuilder.End client = TraceBuilder.end("client", "10.0.0.1", 40000 + i, i + 10);
            trace.addAll(new TraceBuilder().send(i, client, Scenarios.SERVER,
                    TraceBuilder.segment(client, Scenarios.SERVER, io.tcpemu.tcp.Flags.SYN, 1, 0, 0)).events());
        }
        String html = HtmlReport.of("many", List.of(), List.of(), trace).render();

        assertThat(html).doesNotContain("Ladder:").contains("State transitions");
    }

    @Test
    void imagesRenderInHeadlessChromium() throws Exception {
        assumeTrue(CHROMIUM.isPresent(), "Chromium is not installed (apt-get install chromium); skipping the browser check");
        Path page = dir.resolve("report.html");
        Files.writeString(page, smallRun().render().replace("</body>", PROBE + "</body>"));

        String dom = ExternalTool.run(List.of(CHROMIUM.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=5000", "--dump-dom",
                page.toUri().toString()), dir);

        Matcher m = Pattern.compile("data-images=\"([^\"]*)\"").matcher(dom);
        assertThat(m.find()).as("the probe script ran and wrote image sizes into the DOM").isTrue();
        List<String> images = List.of(m.group(1).split(" "));
        assertThat(images).hasSize(5).allSatisfy(i -> assertThat(i).startsWith("true:").doesNotContain(":0x").doesNotEndWith("x0"));
        assertThat(images.subList(0, 2)).as("the plots at their size").containsOnly("true:" + Plots.WIDTH + "x" + Plots.HEIGHT);
        assertThat(images.get(2)).isEqualTo("true:" + StateLayout.WIDTH + "x" + StateLayout.HEIGHT);
    }

    /** The summary's longest line as the terminal prints it (RunSummary.closePaths), wider than the page. */
    private static final String CLOSE_PATHS = "close paths (connection ends): 0 through CLOSING (FINs crossed), 1987 through FIN-WAIT-2,"
            + " 13 FIN-WAIT-1 straight to TIME-WAIT (FIN and ACK together), 2000 passive (CLOSE-WAIT)";

    private static HtmlReport printedSummary() {
        return new HtmlReport("close race").text("The run's summary, as printed",
                "connections  2000 opened\n\n" + CLOSE_PATHS + "\n  indented <line> & kept\n");
    }

    @Test
    void printedTextKeepsEachLineWholeAndLetsALongOneWrap() {
        String html = printedSummary().render();

        assertThat(html).contains("<pre class=\"printed\"><span>connections  2000 opened</span><span> </span><span>" + CLOSE_PATHS
                + "</span><span>  indented &lt;line&gt; &amp; kept</span></pre>");
        assertThat(html).containsPattern("pre\\.printed \\{[^}]*white-space: pre-wrap")
                .containsPattern("pre\\.printed > span \\{[^}]*display: block; padding-left: 4ch; text-indent: -4ch");
    }

    /** Issue: the close-paths line was cut at the summary box's right edge; it wraps inside the box now. */
    @Test
    void aLongSummaryLineWrapsInsideItsBoxInHeadlessChromium() throws Exception {
        assumeTrue(CHROMIUM.isPresent(), "Chromium is not installed (apt-get install chromium); skipping the browser check");
        Path page = dir.resolve("report.html");
        String probe = """
                <script>
                window.addEventListener('load', () => { const pre = document.querySelector('pre.printed');
                  const lines = [...pre.children].map(s => s.getBoundingClientRect().height);
                  document.body.setAttribute('data-box', pre.scrollWidth + ' ' + pre.clientWidth + ' ' + lines.join(' ')); });
                </script>
                """;
        Files.writeString(page, printedSummary().render().replace("</body>", probe + "</body>"));

        String dom = ExternalTool.run(List.of(CHROMIUM.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + dir.resolve("profile"), "--window-size=1280,2400", "--virtual-time-budget=5000", "--dump-dom",
                page.toUri().toString()), dir);

        Matcher m = Pattern.compile("data-box=\"([^\"]*)\"").matcher(dom);
        assertThat(m.find()).as("the probe script ran and measured the box").isTrue();
        double[] box = java.util.Arrays.stream(m.group(1).split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertThat(box[0]).as("the box's content width against its visible width: nothing cut off").isLessThanOrEqualTo(box[1]);
        double oneLine = box[2];
        assertThat(box[3]).as("an empty line keeps its height").isEqualTo(oneLine);
        assertThat(box[4]).as("the close-paths line, on more than one line of the box").isGreaterThan(1.5 * oneLine);
        assertThat(box[5]).as("a short line stays one").isEqualTo(oneLine);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
