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
            double[][] steps = steps(s.timesSeconds(), s.values());
            chart.addSeries(s.name(), steps[0], steps[1]).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** One host: connections in ESTABLISHED and TIME-WAIT, and local ports in use. */
    public static XYChart hostOccupancy(String host, Series established, Series timeWait, Series portsInUse) {
        return timeSeries("host " + host + ": connections and ports over time", "count",
                List.of(established, timeWait, portsInUse));
    }

    /**
     * A sweep: the measured failure rate at each value of the swept parameter, and the analytic
     * expectation beside it (a dashed line).
     */
    public static XYChart sweep(String title, String parameter, double[] parameterValues,
                                double[] measuredFailureRate, double[] expectedFailureRate) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(parameter).yAxisTitle("failure rate").build();
        style(chart);
        chart.addSeries("measured", parameterValues, measuredFailureRate).setMarker(SeriesMarkers.CIRCLE);
        if (java.util.Arrays.stream(expectedFailureRate).anyMatch(Double::isNaN)) return chart; // the model does not apply: no curve
        XYSeries expected = chart.addSeries("expected (analytic)", parameterValues, expectedFailureRate);
        expected.setMarker(SeriesMarkers.NONE);
        expected.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        return chart;
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
