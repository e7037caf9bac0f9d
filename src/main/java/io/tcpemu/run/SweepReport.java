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
            Counter.REFUSED, Counter.TIMED_OUT, Counter.CONNECTING_AT_END, Counter.RESET, Counter.MAX_TIME_WAIT, Counter.STALE_BYTES};
    private static final String[] HEADINGS = {"attempts", "established", "no port", "refused", "timed out",
            "still in SYN-SENT at the end", "reset", "max TIME-WAIT", "stale bytes"};

    private SweepReport() {}

    static void write(Path dir, List<RunResult> results, String table, XYChart chart) throws IOException {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        HtmlReport page = new HtmlReport("tcpemu runs: " + name + " (" + results.size() + " side by side)");
        List<Repeats.Group> groups = Repeats.groups(results);
        if (Repeats.repeated(groups)) page.html("Mean and 95% confidence interval over each point's seeds", means(groups));
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

    /** Each point's figures as mean ± half the 95% interval (Student's t), with its seeds. */
    private static String means(List<Repeats.Group> groups) {
        StringBuilder html = new StringBuilder("<table class=\"runs\">\n<tr><th>point</th><th>runs</th>");
        for (String h : HEADINGS) html.append("<th>").append(h).append("</th>");
        html.append("<th>failure %</th><th>seeds</th></tr>\n");
        for (Repeats.Group g : groups) {
            html.append("<tr><td>").append(escape(g.label().isEmpty() ? "(the scenario)" : g.label())).append("</td><td>")
                    .append(g.runs().size()).append("</td>");
            for (Counter c : COLUMNS) html.append("<td>").append(escape(Repeats.of(g, r -> r.count(c)).shown("%.1f"))).append("</td>");
            html.append("<td>").append(escape(Repeats.of(g, r -> 100 * SweepResults.failureRate(r)).shown("%.2f"))).append("</td><td>")
                    .append(String.join(" ", g.runs().stream().map(r -> Long.toString(r.settings().run().seed())).toList()))
                    .append("</td></tr>\n");
        }
        return html.append("</table>\n<p>Any run is replayed alone with <code>--set seed=S --repeat 1</code> (and its point's").append(
                " <code>--point</code> or <code>--variant</code>); each run's own page is linked below.</p>").toString();
    }

    private static String escape(String s) { return HtmlReport.escape(s); }
}
