package io.tcpemu.run;

import io.tcpemu.metrics.Counter;
import io.tcpemu.report.HtmlReport;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The page at the top of a sweep's or variants' folder: the runs side by side, each linking to its
 * own report.html in its subfolder, the failure-rate plot, and the table as the terminal printed it.
 */
final class SweepReport {
    private static final Counter[] COLUMNS = {Counter.CONNECT_ATTEMPTS, Counter.ESTABLISHED, Counter.ADDR_NOT_AVAIL,
            Counter.REFUSED, Counter.TIMED_OUT, Counter.RESET, Counter.MAX_TIME_WAIT, Counter.STALE_BYTES};
    private static final String[] HEADINGS = {"attempts", "established", "no port", "refused", "timed out", "reset",
            "max TIME-WAIT", "stale bytes"};

    private SweepReport() {}

    static void write(Path dir, List<RunResult> results, String table, XYChart chart) throws IOException {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        HtmlReport page = new HtmlReport("tcpemu runs: " + name + " (" + results.size() + " side by side)");
        page.html("Runs side by side", sideBySide(results));
        if (chart != null) page.plot(chart);
        page.text("As printed", table);
        page.write(dir.resolve("report.html"));
    }

    private static String sideBySide(List<RunResult> results) {
        StringBuilder html = new StringBuilder("<table class=\"runs\">\n<tr><th>run</th>");
        for (String h : HEADINGS) html.append("<th>").append(h).append("</th>");
        html.append("<th>verdict</th></tr>\n");
        for (RunResult r : results) {
            String folder = SweepResults.folderName(r.label());
            html.append("<tr><td><a href=\"").append(escape(folder)).append("/report.html\">").append(escape(r.label())).append("</a></td>");
            for (Counter c : COLUMNS) html.append("<td>").append(r.count(c)).append("</td>");
            html.append("<td>").append(escape(r.verdict())).append("</td></tr>\n");
        }
        return html.append("</table>\n<p>Each run's name opens its own page: summary, plots, state graph, ladder.</p>").toString();
    }

    private static String escape(String s) { return HtmlReport.escape(s); }
}
