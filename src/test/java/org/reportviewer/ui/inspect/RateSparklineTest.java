package org.reportviewer.ui.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The sparkline on the real toolkit: what it draws, and that it draws once per pulse. */
@ExtendWith(ApplicationExtension.class)
class RateSparklineTest {

    private RateSparkline chart;

    @Start
    void start(Stage stage) {
        chart = new RateSparkline();
        chart.setStyle("-rv-stroke: #ff0000; -rv-fill: #0000ff;");
        chart.setMinSize(200, 50);
        chart.setMaxSize(200, 50);
        stage.setScene(new Scene(new StackPane(chart), 300, 100, Color.WHITE));
        stage.show();
    }

    private static <T> T fx(Callable<T> action) {
        return WaitForAsyncUtils.waitForAsyncFx(10_000, action);
    }

    @Test
    void manyUpdatesInOneFrameArePaintedOnce() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        long before = fx(chart::paintCount);

        fx(() -> {
            for (int i = 1; i <= 500; i++) {
                chart.setSamples(new double[] {i, 2.0 * i, 3.0 * i}, 120);
            }
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(chart::paintCount) > before);
        WaitForAsyncUtils.waitForFxEvents(); // a few more pulses: nothing else is pending

        assertThat(fx(chart::paintCount)).as("paints for 500 updates in one frame").isEqualTo(before + 1);
        assertThat(fx(chart::samples)).containsExactly(500.0, 1000.0, 1500.0);
    }

    @Test
    void drawsTheSamplesScaledToThePeak() throws Exception {
        fx(() -> {
            chart.setSamples(new double[] {0, 100, 0}, 3); // a peak in the middle of a 3-slot axis
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = fx(() -> {
            SnapshotParameters p = new SnapshotParameters();
            p.setFill(Color.WHITE);
            return chart.snapshot(p, null);
        });
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();

        Color peak = image.getPixelReader().getColor(w / 2, 2);
        Color aboveTheSlope = image.getPixelReader().getColor(w / 4, 3);
        Color underTheLine = image.getPixelReader().getColor(w / 2, h / 2);

        assertThat(peak.getRed()).as("the line reaches the top at the peak: %s", peak).isGreaterThan(0.5);
        assertThat(peak.getGreen()).isLessThan(0.6);
        assertThat(aboveTheSlope).as("nothing drawn above the line").isEqualTo(Color.WHITE);
        assertThat(underTheLine.getBlue()).as("the area under the line is filled: %s", underTheLine).isGreaterThan(0.9);
        assertThat(underTheLine.getRed()).isLessThan(0.3);
    }
}
