package io.tcpemu.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class PlotsTest {
    @TempDir Path dir;

    static XYChart hostChart() {
        long[] t = {0, 1_000_000, 2_000_000, 60_000_000, 62_000_000};
        return Plots.hostOccupancy("client",
                new Series("ESTABLISHED", t, new double[] {0, 10, 10, 2, 0}),
                new Series("TIME-WAIT", t, new double[] {0, 0, 8, 8, 0}),
                new Series("ports in use", t, new double[] {0, 10, 18, 10, 0}));
    }

    static XYChart sweepChart() {
        double[] rate = {100, 200, 300, 400, 500};
        return Plots.sweep("port exhaustion", "connections per second", rate,
                new double[] {0, 0, 0.05, 0.28, 0.41}, new double[] {0, 0, 0.02, 0.27, 0.42});
    }

    @Test
    void pngsAreReadableImagesOfTheChartSize() throws Exception {
        for (XYChart chart : new XYChart[] {hostChart(), sweepChart()}) {
            Path png = dir.resolve("chart.png");
            Plots.writePng(chart, png);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).isNotNull();
            assertThat(image.getWidth()).isEqualTo(Plots.WIDTH);
            assertThat(image.getHeight()).isEqualTo(Plots.HEIGHT);
        }
    }

    @Test
    void svgsParseAsXmlWithTheChartSize() throws Exception {
        for (XYChart chart : new XYChart[] {hostChart(), sweepChart()}) {
            Path svg = dir.resolve("chart.svg");
            Plots.writeSvg(chart, svg);
            Document doc = Xml.parse(Files.readString(svg));
            Element root = doc.getDocumentElement();
            assertThat(root.getLocalName()).isEqualTo("svg");
            assertThat(root.getAttribute("width")).startsWith(String.valueOf(Plots.WIDTH));
            assertThat(root.getAttribute("height")).startsWith(String.valueOf(Plots.HEIGHT));
        }
    }

    @Test
    void countsAreDrawnAsSteps() {
        double[][] steps = Plots.steps(new double[] {0, 1, 3}, new double[] {5, 7, 2});

        assertThat(steps[0]).containsExactly(0, 1, 1, 3, 3);
        assertThat(steps[1]).containsExactly(5, 5, 7, 7, 2);
        assertThat(hostChart().getSeriesMap()).containsOnlyKeys("ESTABLISHED", "TIME-WAIT", "ports in use");
    }

    /** Issue 19: a top of 1 connection (wandering-duplicates) spaced its ticks 300 px apart and the axis had no label at all. */
    @Test
    void aCountAxisLabelsWholeCountsAndKeepsTicksForATopOfOne() {
        long[] t = {0, 1_000_000};
        XYChart one = Plots.hostOccupancy("client", new Series("ESTABLISHED", t, new double[] {0, 1}),
                new Series("TIME-WAIT", t, new double[] {0, 1}), new Series("ports in use", t, new double[] {0, 1}));

        assertThat(one.getStyler().getYAxisTickMarkSpacingHint()).isLessThanOrEqualTo(Plots.MAX_COUNT_TICK_SPACING);
        assertThat(Plots.countLabel(0)).isEqualTo("0");
        assertThat(Plots.countLabel(1)).isEqualTo("1");
        assertThat(Plots.countLabel(0.5)).isEmpty();
        assertThat(Plots.countLabel(1.2)).isEmpty();
        assertThat(Plots.countLabel(65000)).isEqualTo("65,000");
    }

    @Test
    void mismatchedSeriesIsRejectedWithItsName() {
        assertThatThrownBy(() -> new Series("TIME-WAIT", new long[] {0, 1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'TIME-WAIT'").hasMessageContaining("2 times but 1 values");
    }

    /** Issue 22: an SVG of 100,000 samples a line ran a 96 MiB run out of memory; a line keeps at most 2,000 points and its peaks. */
    @Test
    void aLongSeriesIsThinnedToItsPeaks() {
        int n = 100_000;
        double[] times = new double[n], values = new double[n];
        for (int i = 0; i < n; i++) times[i] = i;
        values[54_321] = 7;
        double[][] thin = Plots.thin(times, values, Plots.MAX_POINTS);
        assertThat(thin[0]).hasSize(Plots.MAX_POINTS).startsWith(0.0, 50.0);
        assertThat(java.util.Arrays.stream(thin[1]).max().getAsDouble()).isEqualTo(7);
        assertThat(Plots.thin(new double[] {0, 1}, new double[] {3, 4}, Plots.MAX_POINTS)[1]).containsExactly(3, 4);
    }
}
