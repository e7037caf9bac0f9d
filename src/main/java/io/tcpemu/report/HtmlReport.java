package io.tcpemu.report;

import io.tcpemu.tcp.FourTuple;
import io.tcpemu.trace.TraceEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.knowm.xchart.XYChart;

/**
 * One self-contained report.html: a summary table, the plots, the state graph and, for small
 * runs, the ladder diagrams. Every picture is inlined as a data: URI, so the page needs no
 * network and no files beside it.
 */
public final class HtmlReport {
    /** Runs with more connections than this get no ladder diagrams: they would drown the page. */
    public static final int MAX_LADDERS = 4;
    /** A connection with more rows than this gets no ladder either. */
    public static final int MAX_LADDER_ROWS = 200;

    /** One line of the summary table. */
    public record Row(String label, String value) {}

    private final String title;
    private final List<String> sections = new ArrayList<>();

    public HtmlReport(String title) {
        this.title = title;
    }

    /** The report a run usually wants: summary, plots, state graph, and ladders if the run is small. */
    public static HtmlReport of(String title, List<Row> summary, List<XYChart> plots, List<? extends TraceEvent> events) {
        HtmlReport report = new HtmlReport(title).summary(summary);
        plots.forEach(report::plot);
        report.stateGraph(StateGraph.fromEvents(events));
        List<FourTuple> connections = Ladder.connections(events);
        if (connections.size() <= MAX_LADDERS) {
            for (FourTuple c : connections) {
                Ladder ladder = Ladder.of(events, c);
                if (ladder.rows().size() <= MAX_LADDER_ROWS) {
                    report.ladder(ladder).timeSequence(TimeSequenceSvg.render(events, c, ladder.left().title(), ladder.right().title()));
                }
            }
        }
        return report;
    }

    public HtmlReport summary(List<Row> rows) {
        StringBuilder table = new StringBuilder("<h2>Summary</h2>\n<table class=\"summary\">\n");
        for (Row r : rows) {
            table.append("<tr><th>").append(Svg.escape(r.label())).append("</th><td>")
                    .append(Svg.escape(r.value())).append("</td></tr>\n");
        }
        sections.add(table.append("</table>").toString());
        return this;
    }

    /**
     * Preformatted text under a heading: the terminal's summary, a sweep's table. A line wider than
     * the page wraps, its continuation indented (the summary's "close paths" line was cut at the
     * box's edge), so each line still reads as one.
     */
    public HtmlReport text(String heading, String text) {
        StringBuilder pre = new StringBuilder("<h2>").append(Svg.escape(heading)).append("</h2>\n<pre class=\"printed\">");
        for (String line : text.split("\n")) {
            pre.append("<span>").append(line.isEmpty() ? " " : Svg.escape(line)).append("</span>");
        }
        sections.add(pre.append("</pre>").toString());
        return this;
    }

    /** Any HTML the caller built and escaped itself (a table of links). */
    public HtmlReport html(String heading, String html) {
        sections.add("<h2>" + Svg.escape(heading) + "</h2>\n" + html);
        return this;
    }

    /** Sequence numbers against time for each direction of the ladder's connection. */
    public HtmlReport timeSequence(String svg) {
        sections.add("<h2>Time-sequence graph</h2>\n" + svgImage(svg, "time-sequence graph"));
        return this;
    }

    public HtmlReport plot(XYChart chart) {
        sections.add("<h2>" + Svg.escape(chart.getTitle()) + "</h2>\n"
                + image("image/png", Plots.png(chart), chart.getTitle()));
        return this;
    }

    public HtmlReport stateGraph(StateGraph graph) {
        sections.add("<h2>State transitions (RFC 9293 figure, counted)</h2>\n"
                + svgImage(StateGraphSvg.render(graph), "TCP state graph with transition counts"));
        return this;
    }

    public HtmlReport ladder(Ladder ladder) {
        String name = ladder.left().title() + " ↔ " + ladder.right().title();
        sections.add("<h2>Ladder: " + Svg.escape(name) + "</h2>\n"
                + svgImage(LadderSvg.render(ladder), "ladder diagram " + name)
                + "\n<details><summary>as text</summary><pre>" + Svg.escape(LadderText.render(ladder)) + "</pre></details>");
        return this;
    }

    /** Text made safe inside HTML, for sections built by the caller. */
    public static String escape(String s) { return Svg.escape(s); }

    public String render() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(Svg.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<h1>").append(Svg.escape(title)).append("</h1>\n");
        for (String s : sections) html.append("<section>\n").append(s).append("\n</section>\n");
        return html.append("</body>\n</html>\n").toString();
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, render(), StandardCharsets.UTF_8);
    }

    private static String svgImage(String svg, String alt) {
        return image("image/svg+xml", svg.getBytes(StandardCharsets.UTF_8), alt);
    }

    private static String image(String mediaType, byte[] bytes, String alt) {
        return "<img alt=\"" + Svg.escape(alt) + "\" src=\"data:" + mediaType + ";base64,"
                + Base64.getEncoder().encodeToString(bytes) + "\">";
    }

    private static final String CSS = """
            body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1180px; color: #222; }
            h1 { font-size: 1.6em; border-bottom: 2px solid #1f4e9c; padding-bottom: .2em; }
            h2 { font-size: 1.15em; margin-top: 1.6em; color: #1f4e9c; }
            table.summary { border-collapse: collapse; }
            table.summary th { text-align: left; font-weight: normal; color: #555; padding: .25em 1.5em .25em 0; }
            table.summary td { font-family: monospace; padding: .25em 0; }
            table.summary tr { border-bottom: 1px solid #e4e4e4; }
            table.runs { border-collapse: collapse; font-size: .9em; }
            table.runs th, table.runs td { padding: .25em .6em; border-bottom: 1px solid #e4e4e4; text-align: right; }
            table.runs th:first-child, table.runs td:first-child, table.runs td:last-child { text-align: left; }
            img { max-width: 100%; height: auto; border: 1px solid #ddd; }
            pre { font-size: 12px; background: #f7f7f7; padding: .8em; overflow-x: auto; }
            pre.printed { white-space: pre-wrap; overflow-wrap: anywhere; }
            pre.printed > span { display: block; padding-left: 4ch; text-indent: -4ch; }
            """;
}
