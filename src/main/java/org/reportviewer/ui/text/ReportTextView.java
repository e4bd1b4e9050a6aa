package org.reportviewer.ui.text;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import org.reportviewer.document.LineSource;
import org.reportviewer.document.ReportDocument;

/**
 * A virtualised, read-only view of a report: it paints only the rows on screen onto one Canvas and asks
 * its {@link LineSource} for just those lines, so its cost does not depend on the size of the report.
 * The vertical scroll bar counts lines, so tens of millions of lines scroll fine.
 *
 * <p>The control holds the state and the public API; {@link Viewport} (what is on screen, follow the
 * tail), {@link LineSelection} and {@link FindCopyModel} are plain models; {@link ReportTextViewSkin}
 * lays out and paints ({@link RowPainter}); {@link ReportTextViewBehavior} maps input to the models.
 *
 * <p>API others build on: {@link #setSource} (any {@link LineSource}, e.g. a filtered view) or
 * {@link #setDocument}; {@link #refresh()} once per drain of new data; {@link #followTailProperty()};
 * {@link #scrollToLine}, {@link #firstVisibleLine()}, {@link #visibleLines()} (reads, never paints);
 * selection and copy; {@link #find}; {@link #findStatusProperty()}. Colours and font come from CSS
 * ({@code -rv-*}, mapped to AtlantaFX's {@code -color-*} or Modena's). FX thread only.
 */
public class ReportTextView extends Control {

    /** Copying more than this many characters copies only the first part, and says so. */
    public static final int COPY_LIMIT_CHARS = FindCopyModel.COPY_LIMIT_CHARS;

    private static final StyleablePropertyFactory<ReportTextView> CSS =
            new StyleablePropertyFactory<>(Control.getClassCssMetaData());

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
    private static <T> StyleableObjectProperty<T> styleable(StyleableProperty<T> p) {
        return (StyleableObjectProperty<T>) p;
    }

    private final Viewport viewport = new Viewport();
    private final LineSelection selection = new LineSelection();
    private final FindCopyModel findCopy;
    private ReportDocument document;
    /** Set by the skin: repaint in the next pulse (selection or match changed). */
    private Runnable repaint = () -> {};

    /** A pane whose find and copy each run on a short-lived daemon thread of their own. */
    public ReportTextView() {
        this(ReportTextView::runOnOwnThread);
    }

    /** A pane whose find and copy run on {@code background} (e.g. the app's executor). */
    public ReportTextView(Executor background) {
        findCopy = new FindCopyModel(background, Platform::runLater);
        findCopy.setOnMatchChanged(() -> repaint.run());
        getStyleClass().add("report-text-view");
        setFocusTraversable(true);
        setAccessibleRole(AccessibleRole.TEXT_AREA);
        setAccessibleRoleDescription("report text");
        setMinSize(80, 40);
    }

    /**
     * Find and copy are rare and user-started: a thread per task that ends with it leaves nothing to
     * shut down (a static cached pool here once lived as long as the JVM).
     */
    private static void runOnOwnThread(Runnable task) {
        Thread t = new Thread(task, "report-text-worker");
        t.setDaemon(true);
        t.start();
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new ReportTextViewSkin(this);
    }

    // ---------------------------------------------------------------- content

    /** Shows {@code document} from its tail (or nothing for {@code null}); cancels a running find. */
    public void setDocument(ReportDocument document) {
        this.document = document;
        setSource(document == null ? null : document.snapshot());
    }

    public ReportDocument getDocument() {
        return document;
    }

    /** Shows {@code source} from its tail (null: nothing); clears selection and match. */
    public void setSource(LineSource source) {
        findCopy.reset();
        selection.clear();
        viewport.setSource(source);
        requestLayout();
    }

    /** The snapshot on screen. */
    public LineSource getSource() {
        return viewport.source();
    }

    /** The source grew: updates the scroll range and keeps following the tail if it was. Cheap. */
    public void refresh() {
        viewport.refresh();
    }

    // ---------------------------------------------------------------- position

    /** True while the view keeps the last line in sight as the report grows. */
    public BooleanProperty followTailProperty() {
        return viewport.followTailProperty();
    }

    /** Scrolls so that {@code line} is the first visible line (clamped to the range). */
    public void scrollToLine(long line) {
        viewport.scrollTo(line, true);
    }

    public long firstVisibleLine() {
        return viewport.topLine();
    }

    /** The lines on screen, top to bottom (the last may be partly visible). Reads; never paints. */
    public List<String> visibleLines() {
        try {
            return viewport.visibleLines();
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    // ---------------------------------------------------------------- selection, copy, find

    /** Selects lines {@code first..last} inclusive. */
    public void selectLines(long first, long last) {
        if (viewport.lineCount() == 0) {
            return;
        }
        selection.select(viewport.clampLine(first), viewport.clampLine(last));
        repaint.run();
    }

    public void selectAll() {
        selectLines(0, viewport.lineCount() - 1);
    }

    public void clearSelection() {
        selection.clear();
        repaint.run();
    }

    /** The selected lines joined by {@code '\n'} (at most {@link #COPY_LIMIT_CHARS}); "" when none. */
    public String selectedText() {
        return findCopy.text(viewport.source(), selection.from(), selection.to());
    }

    /** Copies the selection to the system clipboard, reading it on a background thread. */
    public void copySelection() {
        if (selection.isEmpty()) {
            findCopy.setStatus("nothing selected");
            return;
        }
        findCopy.copy(viewport.source(), selection.from(), selection.to(), text -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        });
    }

    /**
     * Looks for the next (or previous) line containing {@code needle} in the background, wrapping
     * around once; scrolls to it and highlights the match. A new call cancels the previous search.
     */
    public void find(String needle, boolean forward, boolean matchCase) {
        long total = viewport.lineCount();
        long top = viewport.topLine();
        long start = !selection.isEmpty() ? selection.caret()
                : forward ? top : Math.min(total - 1, top + viewport.fullRows() - 1);
        findCopy.find(viewport.source(), needle, forward, matchCase, start, this::showMatch);
    }

    /** Status of the last find or copy, e.g. "line 1234", "not found", "searching…". */
    public ReadOnlyStringProperty findStatusProperty() {
        return findCopy.statusProperty();
    }

    /** Line of the current find match, or -1. */
    public long matchLine() {
        return findCopy.matchLine();
    }

    private void showMatch(long line) {
        if (line < viewport.topLine() || line >= viewport.topLine() + viewport.fullRows()) {
            viewport.scrollTo(line - viewport.fullRows() / 2, true);
        }
        LineSource s = viewport.source();
        if (s != null && line < s.lineCount()) {
            String shown = DisplayText.of(s.line(line));
            int col = org.reportviewer.document.LineMatcher.indexOf(shown, findCopy.matchNeedle(), 0,
                    findCopy.matchCase());
            if (col >= 0) {
                double cw = viewport.metrics().charWidth();
                double left = col * cw;
                double right = (col + findCopy.matchNeedle().length()) * cw;
                double visible = viewport.width() - viewport.gutterWidth() - 2 * Viewport.PAD;
                double x = viewport.horizontalOffset();
                if (left < x || right > x + visible) {
                    viewport.setHorizontalOffset(left - visible / 3);
                }
            }
        }
    }

    // ---------------------------------------------------------------- models (for the skin, behaviour, tests)

    Viewport viewport() {
        return viewport;
    }

    LineSelection selection() {
        return selection;
    }

    FindCopyModel findCopy() {
        return findCopy;
    }

    void setRepaint(Runnable repaint) {
        this.repaint = repaint == null ? () -> {} : repaint;
    }

    /** Lowers the copy limit (tests). */
    void setCopyLimitChars(int limit) {
        findCopy.setCopyLimitChars(limit);
    }

    double horizontalOffset() {
        return viewport.horizontalOffset();
    }

    double lineHeight() {
        return viewport.metrics().lineHeight();
    }

    /** Rows entirely on screen. */
    int fullRows() {
        return viewport.fullRows();
    }

    boolean horizontalBarShown() {
        return getSkin() instanceof ReportTextViewSkin s && s.horizontalBarShown();
    }

    /** How many times the canvas was painted: for tests (the render thread lays its text out each time). */
    long paintCount() {
        return getSkin() instanceof ReportTextViewSkin s ? s.paintCount() : 0;
    }

    // ---------------------------------------------------------------- style

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

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getControlCssMetaData() {
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
