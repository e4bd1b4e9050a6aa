package org.reportviewer.ui.text;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.beans.InvalidationListener;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SkinBase;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * Lays out the pane (one Canvas, two scroll bars, a corner) and paints it with {@link RowPainter} at
 * most once per pulse, and only when something changed. A pane inside a hidden ancestor (a background
 * tab) neither paints nor updates its scroll bars; it catches up when shown. A layout repaints only
 * when the canvas was resized or the view moved (the scroll bars ask for a layout on every append).
 */
public class ReportTextViewSkin extends SkinBase<ReportTextView> {

    private static final double MIN_THUMB = 24;

    private final Canvas canvas = new Canvas();
    private final ScrollBar vbar = new ScrollBar();
    private final ScrollBar hbar = new ScrollBar();
    private final Region corner = new Region();
    private final Viewport viewport;
    private final ReportTextViewBehavior behavior;
    private final AnimationTimer painter = new AnimationTimer() {
        @Override
        public void handle(long now) {
            stop();
            if (isTreeVisible()) {
                paintIfDirty();
            } // else stays dirty: the ancestor-visibility listener restarts the painter when shown
        }
    };
    /** Repaints a view that changed while hidden (a background tab) once it is shown again. */
    private final InvalidationListener shownAgain = o -> {
        if (this.barsStale && isTreeVisible()) {
            syncBars();
        }
        paintSoonIfShown();
    };
    private final List<Node> watchedAncestors = new ArrayList<>();
    /** The scroll bars lag the source: it grew while this view was hidden. */
    private boolean barsStale;
    private boolean dirty = true;
    private boolean adjustingBars;
    private long paints;
    private FontMetrics metrics = FontMetrics.DEFAULT;

    public ReportTextViewSkin(ReportTextView control) {
        super(control);
        viewport = control.viewport();
        vbar.setOrientation(Orientation.VERTICAL);
        vbar.setFocusTraversable(false);
        hbar.setFocusTraversable(false);
        hbar.setVisible(false);
        corner.setVisible(false);
        corner.getStyleClass().add("corner");
        getChildren().addAll(canvas, vbar, hbar, corner);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(control.widthProperty());
        clip.heightProperty().bind(control.heightProperty());
        control.setClip(clip);

        vbar.valueProperty().addListener((obs, was, now) -> {
            if (!adjustingBars) {
                viewport.scrollTo(Math.round(now.doubleValue()), true);
            }
        });
        hbar.valueProperty().addListener((obs, was, now) -> {
            if (!adjustingBars) {
                viewport.setHorizontalOffset(now.doubleValue());
            }
        });
        for (var p : List.of(control.textFillProperty(), control.backgroundFillProperty(),
                control.gutterBackgroundProperty(), control.lineNumberFillProperty(),
                control.selectionFillProperty(), control.matchFillProperty())) {
            registerChangeListener(p, o -> invalidate());
        }
        registerChangeListener(control.fontProperty(), o -> {
            measureFont();
            control.requestLayout();
            invalidate();
        });
        registerChangeListener(control.sceneProperty(), o -> watchAncestors());
        measureFont();
        viewport.setListener(new Viewport.Listener() {
            @Override
            public void scrolled() {
                syncBars();
                invalidate();
            }

            @Override
            public void linesChanged() {
                if (needsHorizontalBar() != hbar.isVisible()) {
                    getSkinnable().requestLayout();
                }
                if (isTreeVisible()) {
                    syncBars();
                } else {
                    // A background tab's scroll bars would still dirty the scene every drain: measured
                    // with 8 tabs streaming, it doubled the render thread's work. Brought up to date when shown.
                    barsStale = true;
                }
                invalidate(); // even when parked: the gutter may widen
            }

            @Override
            public void tailGrew() {
                invalidate();
            }
        });
        control.setRepaint(this::invalidate);
        behavior = new ReportTextViewBehavior(control, canvas);
        watchAncestors();
    }

    @Override
    public void dispose() {
        painter.stop();
        watchedAncestors.forEach(n -> n.visibleProperty().removeListener(shownAgain));
        watchedAncestors.clear();
        viewport.setListener(null);
        getSkinnable().setRepaint(null);
        behavior.dispose();
        super.dispose();
    }

    boolean horizontalBarShown() {
        return hbar.isVisible();
    }

    long paintCount() {
        return paints;
    }

    // ---------------------------------------------------------------- layout

    private void measureFont() {
        Text probe = new Text("0123456789");
        probe.setFont(getSkinnable().fontProperty().get());
        double charWidth = probe.getLayoutBounds().getWidth() / 10;
        double lineHeight = Math.ceil(probe.getLayoutBounds().getHeight() * 1.15);
        double extra = lineHeight - probe.getLayoutBounds().getHeight();
        double ascent = Math.round(probe.getBaselineOffset() + extra / 2);
        metrics = charWidth > 0 && lineHeight > 0 ? new FontMetrics(charWidth, lineHeight, ascent) : FontMetrics.DEFAULT;
        viewport.setSize(viewport.width(), viewport.height(), metrics);
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        double vw = snapSizeX(vbar.prefWidth(-1));
        boolean needH = viewport.contentWidth() > w - vw;
        double hh = needH ? snapSizeY(hbar.prefHeight(-1)) : 0;
        vbar.resizeRelocate(x + w - vw, y, vw, Math.max(0, h - hh));
        hbar.setVisible(needH);
        corner.setVisible(needH);
        if (needH) {
            hbar.resizeRelocate(x, y + h - hh, Math.max(0, w - vw), hh);
            corner.resizeRelocate(x + w - vw, y + h - hh, vw, hh);
        }
        canvas.relocate(x, y);
        double cw = Math.max(0, w - vw);
        double ch = Math.max(0, h - hh);
        boolean resized = canvas.getWidth() != cw || canvas.getHeight() != ch;
        if (resized) {
            canvas.setWidth(cw);
            canvas.setHeight(ch);
        }
        boolean moved = viewport.setSize(cw, ch, metrics);
        syncBars();
        // Repaint only when the geometry changed: the scroll bars ask for a layout on every append,
        // and an unconditional repaint here painted the text twice per frame while streaming.
        if (resized || moved) {
            dirty = true;
        }
        paintIfDirty();
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return left + 80 * metrics.charWidth() + viewport.gutterWidth() + right;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return top + 25 * metrics.lineHeight() + bottom;
    }

    private boolean needsHorizontalBar() {
        ReportTextView c = getSkinnable();
        double w = c.getWidth() - c.snappedLeftInset() - c.snappedRightInset() - vbar.getWidth();
        return c.getWidth() > 0 && viewport.contentWidth() > w;
    }

    private void syncBars() {
        barsStale = false;
        adjustingBars = true;
        try {
            long max = viewport.maxTop();
            int rows = viewport.fullRows();
            vbar.setMin(0);
            vbar.setMax(max);
            // Keep the thumb at least MIN_THUMB px long: with millions of lines a proportional thumb
            // would be a pixel high (or vanish under themes whose thumbs have no minimum size).
            double track = Math.max(1, vbar.getHeight());
            vbar.setVisibleAmount(Math.min(max, Math.max(rows, max * MIN_THUMB / track)));
            vbar.setUnitIncrement(1);
            vbar.setBlockIncrement(viewport.page());
            vbar.setValue(viewport.topLine());
            vbar.setDisable(max == 0);
            double hmax = viewport.maxXOffset();
            hbar.setMin(0);
            hbar.setMax(hmax);
            hbar.setVisibleAmount(Math.min(hmax, canvas.getWidth()));
            hbar.setUnitIncrement(metrics.charWidth() * 4);
            hbar.setBlockIncrement(Math.max(metrics.charWidth(), canvas.getWidth() - viewport.gutterWidth()));
            hbar.setValue(viewport.horizontalOffset());
        } finally {
            adjustingBars = false;
        }
    }

    // ---------------------------------------------------------------- painting

    private void invalidate() {
        if (!dirty) {
            dirty = true;
            if (isTreeVisible()) {
                painter.start(); // paint once, in the next pulse, however many changes come before it
            }
        }
    }

    /**
     * False inside a background tab: painting there is wasted work on the FX thread (with 8 tabs
     * streaming, 7 of them would repaint every pulse for nothing).
     */
    private boolean isTreeVisible() {
        if (getSkinnable().getScene() == null) {
            return false;
        }
        for (Node n = getSkinnable(); n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Tab panes hide background tabs with {@code visible=false} on an ancestor: listen to all of them. */
    private void watchAncestors() {
        watchedAncestors.forEach(n -> n.visibleProperty().removeListener(shownAgain));
        watchedAncestors.clear();
        if (getSkinnable().getScene() != null) {
            for (Node n = getSkinnable(); n != null; n = n.getParent()) {
                n.visibleProperty().addListener(shownAgain);
                watchedAncestors.add(n);
            }
            paintSoonIfShown();
        }
    }

    private void paintSoonIfShown() {
        if (dirty && isTreeVisible()) {
            painter.start();
        }
    }

    private void paintIfDirty() {
        if (dirty) {
            dirty = false;
            painter.stop();
            paint();
        }
    }

    private void paint() {
        paints++;
        ReportTextView c = getSkinnable();
        LineSelection sel = c.selection();
        FindCopyModel fc = c.findCopy();
        RowPainter.paint(new CanvasSurface(canvas.getGraphicsContext2D(), c),
                RowPainter.frame(viewport, sel, fc, readVisibleLines(), null));
    }

    private List<String> readVisibleLines() {
        try {
            return viewport.visibleLines();
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // Closed or unreadable under us: show nothing rather than fail the pulse.
            getSkinnable().findCopy().setStatus("cannot read the report: " + e.getMessage());
            return List.of();
        }
    }

    /** The painter's surface: the skin's Canvas, colours from the control's CSS properties. */
    private static final class CanvasSurface implements RowPainter.Surface {
        private final GraphicsContext g;
        private final ReportTextView c;

        CanvasSurface(GraphicsContext g, ReportTextView c) {
            this.g = g;
            this.c = c;
            g.setFont(c.fontProperty().get());
            g.setTextBaseline(VPos.BASELINE);
        }

        @Override
        public void fillRect(RowPainter.Role role, double x, double y, double w, double h) {
            g.setFill(paint(role));
            g.fillRect(x, y, w, h);
        }

        @Override
        public void fillText(RowPainter.Role role, String text, double x, double baselineY) {
            g.setFill(paint(role));
            g.fillText(text, x, baselineY);
        }

        private Paint paint(RowPainter.Role role) {
            return switch (role) {
                case BACKGROUND -> c.backgroundFillProperty().get();
                case TEXT -> c.textFillProperty().get();
                case GUTTER -> c.gutterBackgroundProperty().get();
                case LINE_NUMBER, CHUNK_MARK -> c.lineNumberFillProperty().get();
                case SELECTION -> c.selectionFillProperty().get();
                case MATCH -> c.matchFillProperty().get();
            };
        }
    }
}
