package org.reportviewer.ui.inspect;

import java.util.List;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.scene.AccessibleRole;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * A live rate chart on ONE {@link Canvas}: the samples of a
 * {@link org.reportviewer.client.RateHistory} as a filled line, newest on the right, scaled to the
 * largest sample shown. A {@code LineChart} would build a node per point and slow down as points
 * arrive; here new samples only mark the chart dirty, and it repaints once in the next pulse
 * however many updates came before it ({@link PulsePainter}).
 */
public final class RateSparkline extends Region {

    private static final StyleablePropertyFactory<RateSparkline> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());
    private static final double PAD = 2;

    private final StyleableObjectProperty<Paint> stroke = (StyleableObjectProperty<Paint>) CSS
            .createStyleablePaintProperty(this, "stroke", "-rv-stroke", s -> s.stroke, Color.web("#0969da"));
    private final StyleableObjectProperty<Paint> fill = (StyleableObjectProperty<Paint>) CSS
            .createStyleablePaintProperty(this, "fill", "-rv-fill", s -> s.fill, Color.web("#0969da", 0.2));
    private final Canvas canvas = new Canvas();
    private final PulsePainter painter = new PulsePainter(this::paint);
    private double[] samples = new double[0];
    private int capacity = 2;

    public RateSparkline() {
        getStyleClass().add("rate-sparkline");
        getChildren().add(canvas);
        setAccessibleRole(AccessibleRole.IMAGE_VIEW);
        setMinSize(40, 24);
        setPrefSize(240, 48);
        stroke.addListener(o -> invalidate());
        fill.addListener(o -> invalidate());
    }

    /**
     * Shows these samples (bytes per second, oldest first) on an axis of {@code slots} samples.
     * Cheap: the chart repaints once in the next pulse.
     */
    public void setSamples(double[] rates, int slots) {
        samples = rates.clone();
        capacity = Math.max(2, slots);
        invalidate();
    }

    /** The samples shown, oldest first. */
    public double[] samples() {
        return samples.clone();
    }

    /** How many times the canvas was painted: tests check one paint per pulse. */
    public long paintCount() {
        return painter.paints();
    }

    private void invalidate() {
        painter.invalidate();
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth() - snappedLeftInset() - snappedRightInset());
        double h = snapSizeY(getHeight() - snappedTopInset() - snappedBottomInset());
        canvas.relocate(snappedLeftInset(), snappedTopInset());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(Math.max(0, w));
            canvas.setHeight(Math.max(0, h));
            painter.markDirty();
        }
        painter.paintIfDirty();
    }

    private void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        double base = h - PAD;
        g.setStroke(stroke.get());
        g.setLineWidth(1);
        g.strokeLine(0, base + 0.5, w, base + 0.5);
        int n = samples.length;
        if (n == 0 || w <= 0 || h <= 2 * PAD) {
            return;
        }
        double max = 0;
        for (double v : samples) {
            max = Math.max(max, v);
        }
        double scale = max <= 0 ? 0 : (h - 2 * PAD) / max;
        double step = w / (capacity - 1);
        double[] xs = new double[n + 2];
        double[] ys = new double[n + 2];
        for (int i = 0; i < n; i++) {
            xs[i] = w - (n - 1 - i) * step;
            ys[i] = base - samples[i] * scale;
        }
        // Close the area along the baseline.
        xs[n] = xs[n - 1];
        ys[n] = base;
        xs[n + 1] = xs[0];
        ys[n + 1] = base;
        g.setFill(fill.get());
        g.fillPolygon(xs, ys, n + 2);
        g.setLineWidth(1.5);
        g.strokePolyline(xs, ys, n);
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.getCssMetaData();
    }
}
