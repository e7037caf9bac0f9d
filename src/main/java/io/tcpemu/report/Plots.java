package io.tcpemu.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of a run with XChart, written as PNG or SVG (XChart's SVG export comes through its
 * VectorGraphics2D dependency). Counts over emulated time are drawn as steps: a count holds its
 * value until the next sample.
 */
public final class Plots {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 400;

    private Plots() {}

    /** Any counts over emulated time, x in seconds. */
    public static XYChart timeSeries(String title, String yTitle, List<Series> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("emulated time (s)").yAxisTitle(yTitle).build();
        style(chart);
        for (Series s : series) {
            if (s.values().length == 0) continue;
            double[][] thin = thin(s.timesSeconds(), s.values(), MAX_POINTS);
            double[][] steps = steps(thin[0], thin[1]);
            chart.addSeries(s.name(), steps[0], steps[1]).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /**
     * One host: connections in ESTABLISHED and TIME-WAIT, and local ports in use. The three often
     * coincide (every port held by a TIME-WAIT connection), so each has its own colour, width and
     * dash, and the widest is drawn first: a line lying on another still shows.
     */
    public static XYChart hostOccupancy(String host, Series established, Series timeWait, Series portsInUse) {
        XYChart chart = timeSeries("host " + host + ": connections and ports over time", "connections or ports (count)",
                List.of(portsInUse, timeWait, established));
        wholeCounts(chart, java.util.stream.Stream.of(portsInUse, timeWait, established)
                .flatMapToDouble(s -> java.util.Arrays.stream(s.values())).max().orElse(0));
        style(chart, portsInUse.name(), new Color(0xF0, 0xA0, 0x30), 7f, null);
        style(chart, timeWait.name(), new Color(0x1F, 0x4E, 0x9C), 2.5f, new float[] {8f, 4f});
        style(chart, established.name(), new Color(0x2E, 0x7D, 0x32), 1.5f, null);
        return chart;
    }

    /** Tick spacing (px) that still leaves three ticks on the plot's ~300 px: a top of 1 must show 0 and 1. */
    static final int MAX_COUNT_TICK_SPACING = 100;

    /**
     * A count axis labels whole numbers only: with a small top (2 connections) the ticks would be 0.2
     * apart and read "1.2 connections". Ticks are spaced about one count apart, but never so far apart
     * that the axis keeps fewer than three (a spacing of 300 px left a top of 1 with no label at all).
     */
    private static void wholeCounts(XYChart chart, double top) {
        if (top <= 0) return;
        int perCount = Math.min(MAX_COUNT_TICK_SPACING, (int) Math.ceil(300 / top));
        if (perCount > chart.getStyler().getYAxisTickMarkSpacingHint()) chart.getStyler().setYAxisTickMarkSpacingHint(perCount);
        chart.setCustomYAxisTickLabelsFormatter(Plots::countLabel);
    }

    /** A count's tick label: "1,000" for a whole count, nothing between two (a half connection means nothing). */
    static String countLabel(double v) {
        double whole = Math.rint(v);
        return Math.abs(v - whole) < 1e-9 ? String.format(java.util.Locale.ROOT, "%,d", (long) whole) : "";
    }

    private static void style(XYChart chart, String series, Color colour, float width, float[] dash) {
        XYSeries s = chart.getSeriesMap().get(series);
        if (s == null) return;
        s.setLineColor(colour);
        s.setMarkerColor(colour);   // the markers (and a sweep's error bars) in the line's colour, not the theme's next one
        s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
    }

    /**
     * A sweep: the measured failure rate at each swept value, and the analytic expectation as a
     * dashed curve over the whole range, with its knee (where failures start) marked.
     *
     * @param knee the parameter value of the knee, NaN if none in the range
     */
    public static XYChart sweep(String title, String parameter, double[] parameterValues, double[] measuredFailureRate,
                                double[] curveX, double[] curveY, double knee) {
        return sweep(title, parameter, parameterValues, measuredFailureRate, null, curveX, curveY, knee);
    }

    /**
     * As above, the measured values being means over each point's seeds, drawn with error bars of
     * half the 95% confidence interval ({@code errors} null: single runs, no bars).
     */
    public static XYChart sweep(String title, String parameter, double[] parameterValues, double[] measuredFailureRate,
                                double[] errors, double[] curveX, double[] curveY, double knee) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(parameter).yAxisTitle("failure rate (fraction of connect() calls)").build();
        style(chart);
        if (curveX.length > 0) {   // none where the model does not apply (a lossy link): only what was measured
            XYSeries expected = chart.addSeries("expected (analytic)", curveX, curveY);
            expected.setMarker(SeriesMarkers.NONE);
            style(chart, expected.getName(), new Color(0x55, 0x55, 0x55), 2f, new float[] {6f, 4f});
        }
        if (!Double.isNaN(knee)) {
            double top = Math.max(1e-9, java.util.Arrays.stream(curveY).max().orElse(1));
            XYSeries k = chart.addSeries(String.format(java.util.Locale.ROOT, "knee (analytic): %.4g", knee),
                    new double[] {knee, knee}, new double[] {0, Math.max(top, java.util.Arrays.stream(measuredFailureRate).max().orElse(0))});
            k.setMarker(SeriesMarkers.NONE);
            style(chart, k.getName(), new Color(0xB3, 0x26, 0x1E), 1.5f, new float[] {2f, 3f});
        }
        XYSeries measured = errors == null ? chart.addSeries("measured", parameterValues, measuredFailureRate)
                : chart.addSeries("measured (mean, 95% CI)", parameterValues, measuredFailureRate, errors);
        measured.setMarker(SeriesMarkers.CIRCLE);
        style(chart, measured.getName(), new Color(0x1F, 0x4E, 0x9C), 2f, null);
        return chart;
    }

    /** A sweep whose analytic value is known only at the swept points. */
    public static XYChart sweep(String title, String parameter, double[] parameterValues,
                                double[] measuredFailureRate, double[] expectedFailureRate) {
        return sweep(title, parameter, parameterValues, measuredFailureRate, parameterValues, expectedFailureRate, Double.NaN);
    }

    private static void style(XYChart chart) {
        chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendBorderColor(Color.LIGHT_GRAY);
    }

    public static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering PNG of '" + chart.getTitle() + "'", e);
        }
    }

    public static String svg(XYChart chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering SVG of '" + chart.getTitle() + "'", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public static void writePng(XYChart chart, Path file) throws IOException {
        Files.write(file, png(chart));
    }

    public static void writeSvg(XYChart chart, Path file) throws IOException {
        Files.writeString(file, svg(chart), StandardCharsets.UTF_8);
    }

    /** A series is drawn with at most this many points: a chart 800 pixels wide shows no more, and an SVG of 100,000 ran out of memory. */
    static final int MAX_POINTS = 2_000;

    /**
     * At most {@code max} samples, unchanged if there are no more: else each of {@code max} runs of
     * consecutive samples becomes its first time and its highest value, so a peak stays visible.
     */
    static double[][] thin(double[] times, double[] values, int max) {
        int n = times.length;
        if (n <= max) return new double[][] {times, values};
        double[] x = new double[max];
        double[] y = new double[max];
        for (int b = 0; b < max; b++) {
            int from = (int) ((long) b * n / max), to = (int) ((long) (b + 1) * n / max);
            x[b] = times[from];
            double top = values[from];
            for (int i = from + 1; i < to; i++) top = Math.max(top, values[i]);
            y[b] = top;
        }
        return new double[][] {x, y};
    }

    /** Turns samples into a staircase: each value holds until the next sample's time. */
    static double[][] steps(double[] times, double[] values) {
        int n = times.length;
        double[] x = new double[2 * n - 1];
        double[] y = new double[2 * n - 1];
        for (int i = 0; i < n; i++) {
            x[2 * i] = times[i];
            y[2 * i] = values[i];
            if (i + 1 < n) {
                x[2 * i + 1] = times[i + 1];
                y[2 * i + 1] = values[i];
            }
        }
        return new double[][] {x, y};
    }
}
