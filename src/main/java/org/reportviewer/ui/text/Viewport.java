package org.reportviewer.ui.text;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.reportviewer.document.LineSource;

/**
 * Which lines of a {@link LineSource} are on screen: the top line, the horizontal offset, and whether
 * the view follows the tail. Plain Java (a JavaFX property for follow, no nodes), so it is tested
 * without a toolkit; the skin tells it the size of the text area and listens for changes.
 *
 * <p>Follow: a move by the user decides it (on only at the bottom); {@link #refresh()} keeps the last
 * line in view while it is on. Rows: {@link #fullRows()} entirely visible, {@link #paintedRows()}
 * including a partly visible last one.
 */
public final class Viewport {

    /** What the skin does about a change: repaint, and update the scroll bars for some. */
    public interface Listener {
        /** The top line or the horizontal offset moved. */
        void scrolled();

        /** Lines were added or the source changed: the scroll ranges (and maybe the gutter) change. */
        void linesChanged();

        /** Only the trailing partial line on screen grew. */
        void tailGrew();
    }

    static final double PAD = 6;
    private static final Listener NO_LISTENER = new Listener() {
        @Override
        public void scrolled() {}

        @Override
        public void linesChanged() {}

        @Override
        public void tailGrew() {}
    };

    private final BooleanProperty followTail = new SimpleBooleanProperty(this, "followTail", true);
    private Listener listener = NO_LISTENER;
    private LineSource source;
    private long lineCount;
    private long topLine;
    private double xOffset;
    private double width;
    private double height;
    private FontMetrics metrics = FontMetrics.DEFAULT;

    public Viewport() {
        followTail.addListener((obs, was, now) -> {
            if (now) {
                scrollTo(maxTop(), false);
            }
        });
    }

    void setListener(Listener listener) {
        this.listener = listener == null ? NO_LISTENER : listener;
    }

    /** Shows {@code source} (null: nothing) from its tail, following it. */
    public void setSource(LineSource source) {
        this.source = source;
        lineCount = source == null ? 0 : source.lineCount();
        topLine = 0;
        xOffset = 0;
        followTail.set(true);
        topLine = maxTop();
        listener.linesChanged();
    }

    public LineSource source() {
        return source;
    }

    /** Takes the source's latest snapshot: cheap when nothing changed. Keeps following the tail if it was. */
    public void refresh() {
        if (source == null) {
            return;
        }
        LineSource next = source.latest();
        if (next == source) {
            return;
        }
        long oldWidth = source.maxLineLength();
        source = next;
        long n = next.lineCount();
        if (n == lineCount && next.maxLineLength() == oldWidth) {
            if (n > 0 && topLine + paintedRows() >= n) {
                listener.tailGrew(); // the trailing partial line on screen may have grown
            }
            return;
        }
        lineCount = n;
        if (followTail.get()) {
            topLine = maxTop();
        }
        listener.linesChanged();
    }

    /**
     * Sets the text area's size in pixels (the skin's canvas) and the font's; keeps the view in range
     * (at the tail when following). Does not notify: the caller repaints when this returns true.
     *
     * @return whether the top line or the horizontal offset moved
     */
    public boolean setSize(double width, double height, FontMetrics metrics) {
        this.width = Math.max(0, width);
        this.height = Math.max(0, height);
        this.metrics = metrics;
        long top = followTail.get() ? maxTop() : Math.min(topLine, maxTop());
        double left = Math.max(0, Math.min(xOffset, maxXOffset()));
        boolean moved = top != topLine || left != xOffset;
        topLine = top;
        xOffset = left;
        return moved;
    }

    /** Moves the view; a move by the user decides whether the tail is followed (only at the bottom). */
    public void scrollTo(long line, boolean byUser) {
        long max = maxTop();
        long t = Math.max(0, Math.min(line, max));
        if (byUser) {
            followTail.set(t >= max);
        }
        if (t != topLine) {
            topLine = t;
            listener.scrolled();
        }
    }

    public void scrollBy(long lines) {
        scrollTo(lines < 0 ? Math.max(0, topLine + lines) : saturatedAdd(topLine, lines), true);
    }

    public void scrollHorizontally(double dx) {
        setHorizontalOffset(xOffset + dx);
    }

    public void setHorizontalOffset(double x) {
        double clamped = Math.max(0, Math.min(x, maxXOffset()));
        if (clamped != xOffset) {
            xOffset = clamped;
            listener.scrolled();
        }
    }

    /** The lines on screen now, top to bottom (the last one may be partly visible); reads, never paints. */
    public List<String> visibleLines() {
        if (source == null || lineCount == 0 || !source.isOpen()) {
            return List.of();
        }
        // Only the lines known at the last refresh(): a half-visible row below a followed tail should
        // not flash text that is not yet scrolled in.
        return source.lines(topLine, (int) Math.min(paintedRows(), lineCount - topLine));
    }

    public BooleanProperty followTailProperty() {
        return followTail;
    }

    public long topLine() {
        return topLine;
    }

    public double horizontalOffset() {
        return xOffset;
    }

    public long lineCount() {
        return lineCount;
    }

    public FontMetrics metrics() {
        return metrics;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    /** Rows entirely on screen (at least 1). */
    public int fullRows() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.floor(height / metrics.lineHeight())));
    }

    /** Rows painted, including a partly visible last one (at least 1). */
    public int paintedRows() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(height / metrics.lineHeight())));
    }

    /** A page for Page Up/Down: one row less than the screen, so a line of context stays. */
    public int page() {
        return Math.max(1, fullRows() - 1);
    }

    public long maxTop() {
        return Math.max(0, lineCount - fullRows());
    }

    public long clampLine(long line) {
        return Math.max(0, Math.min(line, lineCount - 1));
    }

    /** The line under {@code y} pixels from the top of the text area (not clamped). */
    public long lineAt(double y) {
        return topLine + (long) Math.floor(y / metrics.lineHeight());
    }

    /** Width of the line-number gutter: at least four digits, more as the report grows. */
    public double gutterWidth() {
        int digits = Math.max(4, Long.toString(Math.max(1, lineCount)).length());
        return Math.ceil(digits * metrics.charWidth() + 2 * PAD);
    }

    /** Width the longest line needs, gutter included. */
    public double contentWidth() {
        long chars = source == null ? 0 : source.maxLineLength();
        return gutterWidth() + 2 * PAD + chars * metrics.charWidth();
    }

    public double maxXOffset() {
        return Math.max(0, contentWidth() - width);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
