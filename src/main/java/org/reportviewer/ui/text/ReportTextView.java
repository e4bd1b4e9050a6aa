package org.reportviewer.ui.text;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.reportviewer.document.LineMatcher;
import org.reportviewer.document.ReportDocument;

/**
 * A virtualised, read-only view of a {@link ReportDocument}: it paints only the rows on screen onto one
 * {@link Canvas} and asks the document for just those lines, so its cost does not depend on the size
 * of the report. The vertical scroll bar counts lines, so tens of millions of lines scroll fine.
 *
 * <p>Follows the tail while the user is at the bottom; scrolling up stops following, scrolling back to
 * the bottom resumes it. Whole-line selection (drag, Shift+click, Ctrl+A) and Ctrl+C copy; find runs on
 * a background thread. Colours and font come from CSS ({@code -rv-*} properties, mapped to AtlantaFX's
 * {@code -color-*} or Modena's colours by the view's user-agent stylesheet). FX thread only.
 */
public class ReportTextView extends Region {

    /** Copying more than this many characters copies only the first part, and says so. */
    public static final int COPY_LIMIT_CHARS = 16 * 1024 * 1024;
    private static final double PAD = 6;
    private static final int TAB = 8;
    private static final double MIN_THUMB = 24;

    private static final StyleablePropertyFactory<ReportTextView> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());
    private static final ExecutorService WORKER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "report-text-worker");
        t.setDaemon(true);
        return t;
    });

    private final StyleableObjectProperty<Paint> textFill = styleable(CSS.createStyleablePaintProperty(
            this, "textFill", "-rv-text-fill", v -> v.textFill, Color.web("#24292f")));
    private final StyleableObjectProperty<Paint> background = styleable(CSS.createStyleablePaintProperty(
            this, "background", "-rv-background", v -> v.background, Color.WHITE));
    private final StyleableObjectProperty<Paint> gutterBackground = styleable(CSS.createStyleablePaintProperty(
            this, "gutterBackground", "-rv-gutter-background", v -> v.gutterBackground, Color.web("#f6f8fa")));
    private final StyleableObjectProperty<Paint> lineNumberFill = styleable(CSS.createStyleablePaintProperty(
            this, "lineNumberFill", "-rv-line-number-fill", v -> v.lineNumberFill, Color.web("#6e7781")));
    private final StyleableObjectProperty<Paint> selectionFill = styleable(CSS.createStyleablePaintProperty(
            this, "selectionFill", "-rv-selection-fill", v -> v.selectionFill, Color.web("#ddf4ff")));
    private final StyleableObjectProperty<Paint> matchFill = styleable(CSS.createStyleablePaintProperty(
            this, "matchFill", "-rv-match-fill", v -> v.matchFill, Color.web("#d4a72c", 0.4)));
    private final StyleableObjectProperty<Font> font = styleable(CSS.createStyleableFontProperty(
            this, "font", "-rv-font", v -> v.font, Font.font("Monospaced", 13), false));

    // The factory creates StyleableObjectProperty instances but declares the interface type.
    private static <T> StyleableObjectProperty<T> styleable(javafx.css.StyleableProperty<T> p) {
        return (StyleableObjectProperty<T>) p;
    }

    private final Canvas canvas = new Canvas();
    private final ScrollBar vbar = new ScrollBar();
    private final ScrollBar hbar = new ScrollBar();
    private final Region corner = new Region();
    private final BooleanProperty followTail = new SimpleBooleanProperty(this, "followTail", true);
    private final ReadOnlyStringWrapper findStatus = new ReadOnlyStringWrapper(this, "findStatus", "");
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
    private final javafx.beans.InvalidationListener shownAgain = o -> {
        if (this.barsStale && isTreeVisible()) {
            syncBars();
        }
        paintSoonIfShown();
    };
    /** The scroll bars lag the document: it grew while this view was hidden. */
    private boolean barsStale;
    private long paints;
    private final java.util.List<javafx.scene.Node> watchedAncestors = new java.util.ArrayList<>();

    private ReportDocument doc;
    private long lineCount;
    private long topLine;
    private double xOffset;
    private double wheelLines;
    private long selAnchor = -1;
    private long selCaret = -1;
    private long matchLine = -1;
    private String matchNeedle;
    private boolean matchCase;
    private AtomicBoolean searchCancel = new AtomicBoolean();
    private int searchGeneration;
    private List<String> painted = List.of();
    private boolean dirty = true;
    private boolean adjustingBars;

    private int copyLimitChars = COPY_LIMIT_CHARS;
    private double charWidth = 8;
    private double lineHeight = 16;
    private double ascent = 12;

    public ReportTextView() {
        getStyleClass().add("report-text-view");
        setFocusTraversable(true);
        setAccessibleRole(AccessibleRole.TEXT_AREA);
        setAccessibleRoleDescription("report text");
        setCursor(Cursor.TEXT);
        setMinSize(80, 40);
        sceneProperty().addListener(o -> watchAncestors());

        vbar.setOrientation(Orientation.VERTICAL);
        vbar.setFocusTraversable(false);
        hbar.setFocusTraversable(false);
        hbar.setVisible(false);
        corner.setVisible(false);
        corner.getStyleClass().add("corner");
        getChildren().addAll(canvas, vbar, hbar, corner);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        vbar.valueProperty().addListener((obs, was, now) -> {
            if (!adjustingBars) {
                scrollTo(Math.round(now.doubleValue()), true);
            }
        });
        hbar.valueProperty().addListener((obs, was, now) -> {
            if (!adjustingBars) {
                xOffset = now.doubleValue();
                invalidate();
            }
        });
        followTail.addListener((obs, was, now) -> {
            if (now) {
                scrollTo(maxTop(), false);
            }
        });
        for (var p : List.of(textFill, background, gutterBackground, lineNumberFill, selectionFill, matchFill)) {
            p.addListener(o -> invalidate());
        }
        font.addListener(o -> {
            measureFont();
            requestLayout();
            invalidate();
        });
        measureFont();

        ContextMenu menu = contextMenu();
        canvas.setOnContextMenuRequested(e -> menu.show(canvas, e.getScreenX(), e.getScreenY()));
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> menu.hide());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onMousePressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onMouseDragged);
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKeyPressed);
    }

    // ---------------------------------------------------------------- public API

    /** Shows {@code document} from its tail (or nothing for {@code null}); cancels a running find. */
    public void setDocument(ReportDocument document) {
        cancelSearch();
        this.doc = document;
        lineCount = document == null ? 0 : document.lineCount();
        topLine = 0;
        xOffset = 0;
        selAnchor = selCaret = -1;
        matchLine = -1;
        matchNeedle = null;
        findStatus.set("");
        followTail.set(true);
        scrollTo(maxTop(), false);
        requestLayout();
        invalidate();
    }

    public ReportDocument getDocument() {
        return doc;
    }

    /** The document grew: updates the scroll range and keeps following the tail if it was. Cheap. */
    public void refresh() {
        if (doc == null) {
            return;
        }
        long n = doc.lineCount();
        boolean needH = needsHorizontalBar();
        if (n == lineCount && needH == hbar.isVisible()) {
            if (n > 0 && topLine + paintedRows() >= n) {
                invalidate(); // the trailing partial line on screen may have grown
            }
            return;
        }
        lineCount = n;
        if (needH != hbar.isVisible()) {
            requestLayout();
        }
        if (followTail.get()) {
            topLine = maxTop();
        }
        if (isTreeVisible()) {
            syncBars();
        } else {
            // A background tab's scroll bars would still dirty the scene every drain: measured with 8
            // tabs streaming, it doubled the render thread's work. Brought up to date when shown.
            barsStale = true;
        }
        invalidate(); // even when parked: the gutter may widen; the lines come from the document's cache
    }

    /** True while the view keeps the last line in sight as the report grows. */
    public BooleanProperty followTailProperty() {
        return followTail;
    }

    /** Scrolls so that {@code line} is the first visible line (clamped to the range). */
    public void scrollToLine(long line) {
        scrollTo(line, true);
    }

    public long firstVisibleLine() {
        return topLine;
    }

    /** The lines painted now, top to bottom (the last one may be partly visible). */
    public List<String> visibleLines() {
        paintIfDirty();
        return painted;
    }

    /** The selected lines joined by {@code '\n'} (at most {@link #COPY_LIMIT_CHARS}); "" when none. */
    public String selectedText() {
        return readSelection().text;
    }

    /** Status of the last find or copy, e.g. "line 1234", "not found", "searching…". */
    public ReadOnlyStringProperty findStatusProperty() {
        return findStatus.getReadOnlyProperty();
    }

    /**
     * Looks for the next (or previous) line containing {@code needle} on a background thread, wrapping
     * around once; scrolls to it and highlights the match. A new call cancels the previous search.
     */
    public void find(String needle, boolean forward, boolean matchCase) {
        cancelSearch();
        if (doc == null || needle == null || needle.isEmpty()) {
            matchLine = -1;
            matchNeedle = null;
            findStatus.set(needle == null || needle.isEmpty() ? "" : "nothing to search");
            invalidate();
            return;
        }
        if (needle.indexOf('\n') >= 0) {
            findStatus.set("cannot search across lines");
            return;
        }
        long total = doc.lineCount();
        boolean same = needle.equals(matchNeedle) && matchCase == this.matchCase && matchLine >= 0;
        long start;
        if (same) {
            start = forward ? matchLine + 1 : matchLine - 1;
        } else if (selCaret >= 0) {
            start = selCaret;
        } else {
            start = forward ? topLine : Math.min(total - 1, topLine + fullRows() - 1);
        }
        ReportDocument d = doc;
        AtomicBoolean cancel = new AtomicBoolean();
        searchCancel = cancel;
        int generation = ++searchGeneration;
        findStatus.set("searching…");
        WORKER.execute(() -> {
            String status;
            long found = -1;
            try {
                OptionalLong hit = d.find(needle, start, forward, matchCase, cancel::get);
                boolean wrapped = false;
                if (hit.isEmpty() && (forward ? start > 0 : start < total - 1)) {
                    hit = d.find(needle, forward ? 0 : total - 1, forward, matchCase, cancel::get);
                    wrapped = true;
                }
                if (hit.isPresent()) {
                    found = hit.getAsLong();
                    status = String.format("line %,d%s", found + 1, wrapped ? " (wrapped)" : "");
                } else {
                    status = "not found";
                }
            } catch (CancellationException e) {
                return;
            } catch (Exception e) {
                status = "search failed: " + e.getMessage();
            }
            long line = found;
            String message = status;
            Platform.runLater(() -> {
                if (generation != searchGeneration || d != doc) {
                    return;
                }
                findStatus.set(message);
                if (line >= 0) {
                    showMatch(line, needle, matchCase);
                } else {
                    matchLine = -1;
                    invalidate();
                }
            });
        });
    }

    /** Copies the selection to the system clipboard, reading it on a background thread. */
    public void copySelection() {
        if (selAnchor < 0 || doc == null) {
            findStatus.set("nothing selected");
            return;
        }
        ReportDocument d = doc;
        long from = Math.min(selAnchor, selCaret);
        long to = Math.max(selAnchor, selCaret);
        int limit = copyLimitChars;
        findStatus.set("copying…");
        WORKER.execute(() -> {
            Selection s;
            try {
                s = readLines(d, from, to, limit);
            } catch (RuntimeException e) {
                Platform.runLater(() -> findStatus.set("copy failed: " + e.getMessage()));
                return;
            }
            Platform.runLater(() -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(s.text);
                javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
                findStatus.set(s.truncated
                        ? String.format("copied the first %,d of %,d lines (copying is limited to %s characters)",
                                s.lines, to - from + 1, limit >= 1 << 20 ? (limit >> 20) + " Mi" : limit)
                        : String.format("copied %,d line%s", s.lines, s.lines == 1 ? "" : "s"));
            });
        });
    }

    /** Selects lines {@code first..last} inclusive. */
    public void selectLines(long first, long last) {
        if (lineCount == 0) {
            return;
        }
        selAnchor = clampLine(first);
        selCaret = clampLine(last);
        invalidate();
    }

    public void selectAll() {
        selectLines(0, lineCount - 1);
    }

    public void clearSelection() {
        selAnchor = selCaret = -1;
        invalidate();
    }

    /** Text colour ({@code -rv-text-fill}). */
    public ObjectProperty<Paint> textFillProperty() {
        return textFill;
    }

    /** Background colour ({@code -rv-background}). */
    public ObjectProperty<Paint> backgroundFillProperty() {
        return background;
    }

    /** Line-number gutter background ({@code -rv-gutter-background}). */
    public ObjectProperty<Paint> gutterBackgroundProperty() {
        return gutterBackground;
    }

    /** Line-number colour ({@code -rv-line-number-fill}). */
    public ObjectProperty<Paint> lineNumberFillProperty() {
        return lineNumberFill;
    }

    /** Selected-line highlight ({@code -rv-selection-fill}). */
    public ObjectProperty<Paint> selectionFillProperty() {
        return selectionFill;
    }

    /** Find-match highlight ({@code -rv-match-fill}). */
    public ObjectProperty<Paint> matchFillProperty() {
        return matchFill;
    }

    /** The (monospaced) font ({@code -rv-font}). */
    public ObjectProperty<Font> fontProperty() {
        return font;
    }

    /** Line of the current find match, or -1. */
    public long matchLine() {
        return matchLine;
    }

    // ---------------------------------------------------------------- CSS

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.getCssMetaData();
    }

    /**
     * Maps the view's colours to the theme: AtlantaFX's {@code -color-*} (any of its light or dark themes,
     * switchable at run time) or Modena's. JavaFX asks once per view, so install the theme family
     * (AtlantaFX or not) before creating views.
     */
    @Override
    public String getUserAgentStylesheet() {
        String theme = Application.getUserAgentStylesheet();
        boolean atlanta = theme != null && theme.toLowerCase(java.util.Locale.ROOT).contains("atlantafx");
        String name = atlanta ? "report-text-view-atlantafx.css" : "report-text-view-modena.css";
        return Objects.requireNonNull(ReportTextView.class.getResource(name), name).toExternalForm();
    }

    // ---------------------------------------------------------------- layout and painting

    private void measureFont() {
        Text probe = new Text("0123456789");
        probe.setFont(font.get());
        charWidth = probe.getLayoutBounds().getWidth() / 10;
        lineHeight = Math.ceil(probe.getLayoutBounds().getHeight() * 1.15);
        double extra = lineHeight - probe.getLayoutBounds().getHeight();
        ascent = Math.round(probe.getBaselineOffset() + extra / 2);
    }

    @Override
    protected void layoutChildren() {
        double x = snappedLeftInset();
        double y = snappedTopInset();
        double w = Math.max(0, getWidth() - x - snappedRightInset());
        double h = Math.max(0, getHeight() - y - snappedBottomInset());
        double vw = snapSizeX(vbar.prefWidth(-1));
        boolean needH = contentWidth() > w - vw;
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
        long top = followTail.get() ? maxTop() : Math.min(topLine, maxTop());
        double left = Math.max(0, Math.min(xOffset, maxXOffset()));
        boolean moved = top != topLine || left != xOffset;
        topLine = top;
        xOffset = left;
        syncBars();
        // Repaint only when the geometry changed: the scroll bars ask for a layout on every append,
        // and an unconditional repaint here painted the text twice per frame while streaming.
        if (resized || moved) {
            dirty = true;
        }
        paintIfDirty();
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + 80 * charWidth + gutterWidth() + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + 25 * lineHeight + snappedBottomInset();
    }

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
        if (getScene() == null) {
            return false;
        }
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) {
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
        if (getScene() != null) {
            for (javafx.scene.Node n = this; n != null; n = n.getParent()) {
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
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(background.get());
        g.fillRect(0, 0, w, h);
        painted = readVisibleLines();
        if (painted.isEmpty()) {
            return;
        }
        double gutter = gutterWidth();
        double textX = gutter + PAD;
        int firstCol = (int) Math.floor(xOffset / charWidth);
        double startX = Math.round(textX + firstCol * charWidth - xOffset);
        int cols = (int) Math.ceil((w - textX) / charWidth) + 2;
        long selFrom = Math.min(selAnchor, selCaret);
        long selTo = Math.max(selAnchor, selCaret);
        g.setFont(font.get());
        g.setTextBaseline(VPos.BASELINE);
        for (int r = 0; r < painted.size(); r++) {
            long line = topLine + r;
            double y = r * lineHeight;
            if (selAnchor >= 0 && line >= selFrom && line <= selTo) {
                g.setFill(selectionFill.get());
                g.fillRect(gutter, y, w - gutter, lineHeight);
            }
            String shown = displayForm(painted.get(r));
            if (line == matchLine && matchNeedle != null) {
                g.setFill(matchFill.get());
                int at = indexOf(shown, matchNeedle, 0);
                while (at >= 0) {
                    double mx = textX + at * charWidth - xOffset;
                    g.fillRect(Math.round(mx), y, Math.round(matchNeedle.length() * charWidth), lineHeight);
                    at = indexOf(shown, matchNeedle, at + Math.max(1, matchNeedle.length()));
                }
            }
            if (firstCol < shown.length()) {
                g.setFill(textFill.get());
                g.fillText(shown.substring(firstCol, Math.min(shown.length(), firstCol + cols)),
                        startX, y + ascent);
            }
        }
        // The gutter is painted last so that scrolled text slides under it.
        g.setFill(gutterBackground.get());
        g.fillRect(0, 0, gutter, h);
        g.setFill(lineNumberFill.get());
        for (int r = 0; r < painted.size(); r++) {
            String number = Long.toString(topLine + r + 1);
            g.fillText(number, Math.round(gutter - PAD - number.length() * charWidth), r * lineHeight + ascent);
        }
    }

    private List<String> readVisibleLines() {
        if (doc == null || lineCount == 0 || !doc.isOpen()) {
            return List.of();
        }
        try {
            // Only the lines known at the last refresh(): the document may have grown since, and a
            // half-visible row below a followed tail should not flash text that is not yet scrolled in.
            return doc.lines(topLine, (int) Math.min(paintedRows(), lineCount - topLine));
        } catch (IllegalStateException | UncheckedIOException e) {
            // Closed or unreadable under us: show nothing rather than fail the pulse.
            findStatus.set("cannot read the report: " + e.getMessage());
            return List.of();
        }
    }

    private int indexOf(String text, String needle, int from) {
        return matchCase ? text.indexOf(needle, from) : LineMatcher.indexOfIgnoreCase(text, needle, from);
    }

    /** Tabs expanded to spaces, other control characters shown as their Unicode control pictures. */
    static String displayForm(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) >= 0x20 && line.charAt(i) != 0x7F) {
            i++;
        }
        if (i == line.length()) {
            return line;
        }
        StringBuilder sb = new StringBuilder(line.length() + 16);
        sb.append(line, 0, i);
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                int spaces = TAB - sb.length() % TAB;
                sb.append(" ".repeat(spaces));
            } else if (c < 0x20) {
                sb.append((char) (0x2400 + c));
            } else if (c == 0x7F) {
                sb.append('\u2421');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private double gutterWidth() {
        int digits = Math.max(4, Long.toString(Math.max(1, lineCount)).length());
        return Math.ceil(digits * charWidth + 2 * PAD);
    }

    private double contentWidth() {
        long chars = doc == null ? 0 : doc.maxLineBytes();
        return gutterWidth() + 2 * PAD + chars * charWidth;
    }

    private boolean needsHorizontalBar() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset() - vbar.getWidth();
        return getWidth() > 0 && contentWidth() > w;
    }

    private double maxXOffset() {
        return Math.max(0, contentWidth() - canvas.getWidth());
    }

    /** Lowers the copy limit (tests). */
    void setCopyLimitChars(int limit) {
        copyLimitChars = limit;
    }

    /** Horizontal scroll offset in pixels. */
    double horizontalOffset() {
        return xOffset;
    }

    boolean horizontalBarShown() {
        return hbar.isVisible();
    }

    /** How many times the canvas was painted: for tests (the render thread lays its text out each time). */
    long paintCount() {
        return paints;
    }

    /** Height of one row in pixels. */
    double lineHeight() {
        return lineHeight;
    }

    /** Rows entirely on screen. */
    int fullRows() {
        return Math.max(1, (int) Math.floor(canvas.getHeight() / lineHeight));
    }

    /** Rows painted, including a partly visible last one. */
    private int paintedRows() {
        return Math.max(1, (int) Math.ceil(canvas.getHeight() / lineHeight));
    }

    private long maxTop() {
        return Math.max(0, lineCount - fullRows());
    }

    private long clampLine(long line) {
        return Math.max(0, Math.min(line, lineCount - 1));
    }

    private void syncBars() {
        barsStale = false;
        adjustingBars = true;
        try {
            long max = maxTop();
            vbar.setMin(0);
            vbar.setMax(max);
            // Keep the thumb at least MIN_THUMB px long: with millions of lines a proportional thumb
            // would be a pixel high (or vanish under themes whose thumbs have no minimum size).
            double track = Math.max(1, vbar.getHeight());
            vbar.setVisibleAmount(Math.min(max, Math.max(fullRows(), max * MIN_THUMB / track)));
            vbar.setUnitIncrement(1);
            vbar.setBlockIncrement(Math.max(1, fullRows() - 1));
            vbar.setValue(topLine);
            vbar.setDisable(max == 0);
            double hmax = maxXOffset();
            hbar.setMin(0);
            hbar.setMax(hmax);
            hbar.setVisibleAmount(Math.min(hmax, canvas.getWidth()));
            hbar.setUnitIncrement(charWidth * 4);
            hbar.setBlockIncrement(Math.max(charWidth, canvas.getWidth() - gutterWidth()));
            hbar.setValue(xOffset);
        } finally {
            adjustingBars = false;
        }
    }

    /** Moves the view; a move by the user decides whether the tail is followed (only at the bottom). */
    private void scrollTo(long line, boolean byUser) {
        long max = maxTop();
        long t = Math.max(0, Math.min(line, max));
        if (byUser) {
            followTail.set(t >= max);
        }
        if (t != topLine) {
            topLine = t;
            invalidate();
        }
        syncBars();
    }

    private void scrollHorizontally(double dx) {
        double x = Math.max(0, Math.min(xOffset + dx, maxXOffset()));
        if (x != xOffset) {
            xOffset = x;
            syncBars();
            invalidate();
        }
    }

    // ---------------------------------------------------------------- input

    private long lineAt(double y) {
        return topLine + (long) Math.floor(y / lineHeight);
    }

    private void onMousePressed(MouseEvent e) {
        requestFocus();
        if (e.getButton() != MouseButton.PRIMARY || lineCount == 0) {
            return;
        }
        long line = clampLine(lineAt(e.getY()));
        if (e.isShiftDown() && selAnchor >= 0) {
            selCaret = line;
        } else {
            selAnchor = selCaret = line;
        }
        invalidate();
        e.consume();
    }

    private void onMouseDragged(MouseEvent e) {
        if (!e.isPrimaryButtonDown() || selAnchor < 0) {
            return;
        }
        if (e.getY() < 0) {
            scrollTo(topLine - 1, true);
        } else if (e.getY() > canvas.getHeight()) {
            scrollTo(topLine + 1, true);
        }
        double y = Math.max(0, Math.min(e.getY(), canvas.getHeight() - 1));
        selCaret = clampLine(lineAt(y));
        invalidate();
        e.consume();
    }

    private void onScroll(ScrollEvent e) {
        // Prefer the platform's own line/page units (e.g. 3 lines per notch), pixels otherwise.
        if (e.isShiftDown() && e.getDeltaX() == 0) {
            scrollHorizontally(-e.getDeltaY());
            e.consume();
            return;
        }
        double lines = switch (e.getTextDeltaYUnits()) {
            case LINES -> -e.getTextDeltaY();
            case PAGES -> -e.getTextDeltaY() * Math.max(1, fullRows() - 1);
            default -> -e.getDeltaY() / lineHeight;
        };
        if (lines != 0) {
            wheelLines += lines;
            long whole = (long) wheelLines;
            if (whole != 0) {
                wheelLines -= whole;
                scrollTo(topLine + whole, true);
            }
        }
        if (e.getDeltaX() != 0) {
            scrollHorizontally(-e.getDeltaX());
        }
        e.consume();
    }

    private void onKeyPressed(KeyEvent e) {
        boolean shortcut = e.isShortcutDown();
        KeyCode code = e.getCode();
        if (e.isShiftDown() && selAnchor >= 0 && extendSelection(code)) {
            e.consume();
            return;
        }
        switch (code) {
            case UP -> scrollTo(topLine - 1, true);
            case DOWN -> scrollTo(topLine + 1, true);
            case PAGE_UP -> scrollTo(topLine - Math.max(1, fullRows() - 1), true);
            case PAGE_DOWN -> scrollTo(topLine + Math.max(1, fullRows() - 1), true);
            case HOME -> scrollTo(0, true);
            case END -> scrollTo(Long.MAX_VALUE, true);
            case LEFT -> scrollHorizontally(-4 * charWidth);
            case RIGHT -> scrollHorizontally(4 * charWidth);
            case A -> {
                if (!shortcut) {
                    return;
                }
                selectAll();
            }
            case C -> {
                if (!shortcut) {
                    return;
                }
                copySelection();
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** Shift+Up/Down/PageUp/PageDown/Home/End move the selection's moving end and keep it in view. */
    private boolean extendSelection(KeyCode code) {
        int page = Math.max(1, fullRows() - 1);
        long caret = switch (code) {
            case UP -> selCaret - 1;
            case DOWN -> selCaret + 1;
            case PAGE_UP -> selCaret - page;
            case PAGE_DOWN -> selCaret + page;
            case HOME -> 0;
            case END -> lineCount - 1;
            default -> Long.MIN_VALUE;
        };
        if (caret == Long.MIN_VALUE) {
            return false;
        }
        selCaret = clampLine(caret);
        if (selCaret < topLine) {
            scrollTo(selCaret, true);
        } else if (selCaret >= topLine + fullRows()) {
            scrollTo(selCaret - fullRows() + 1, true);
        }
        invalidate();
        return true;
    }

    private ContextMenu contextMenu() {
        MenuItem copy = new MenuItem("Copy");
        copy.setOnAction(e -> copySelection());
        MenuItem all = new MenuItem("Select All");
        all.setOnAction(e -> selectAll());
        ContextMenu menu = new ContextMenu(copy, all);
        menu.setOnShowing(e -> copy.setDisable(selAnchor < 0));
        return menu;
    }

    // ---------------------------------------------------------------- helpers

    private void showMatch(long line, String needle, boolean caseSensitive) {
        matchLine = line;
        matchNeedle = needle;
        matchCase = caseSensitive;
        if (line < topLine || line >= topLine + fullRows()) {
            scrollTo(line - fullRows() / 2, true);
        }
        if (lineCount > 0 && line < lineCount) {
            String shown = displayForm(doc.line(line));
            int col = indexOf(shown, needle, 0);
            if (col >= 0) {
                double left = col * charWidth;
                double right = (col + needle.length()) * charWidth;
                double visible = canvas.getWidth() - gutterWidth() - 2 * PAD;
                if (left < xOffset || right > xOffset + visible) {
                    scrollHorizontally(left - visible / 3 - xOffset);
                }
            }
        }
        invalidate();
    }

    private void cancelSearch() {
        searchCancel.set(true);
        searchGeneration++;
    }

    private Selection readSelection() {
        if (selAnchor < 0 || doc == null) {
            return new Selection("", 0, false);
        }
        return readLines(doc, Math.min(selAnchor, selCaret), Math.max(selAnchor, selCaret), copyLimitChars);
    }

    /** Lines {@code from..to} joined by '\n', stopping at {@code limit} chars. Any thread. */
    private static Selection readLines(ReportDocument d, long from, long to, int limit) {
        StringBuilder sb = new StringBuilder();
        long line = from;
        boolean truncated = false;
        while (line <= to && !truncated) {
            List<String> batch = d.lines(line, (int) Math.min(256, to - line + 1));
            if (batch.isEmpty()) {
                break;
            }
            for (String s : batch) {
                int room = limit - sb.length() - (line > from ? 1 : 0);
                if (s.length() > room) {
                    truncated = true;
                    break;
                }
                if (line > from) {
                    sb.append('\n');
                }
                sb.append(s);
                line++;
            }
        }
        return new Selection(sb.toString(), line - from, truncated);
    }

    private record Selection(String text, long lines, boolean truncated) {}

    @Override
    public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
        if (attribute == AccessibleAttribute.TEXT) {
            return String.join("\n", visibleLines());
        }
        if (attribute == AccessibleAttribute.EDITABLE) {
            return false;
        }
        return super.queryAccessibleAttribute(attribute, parameters);
    }
}
