package org.reportviewer.ui.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import atlantafx.base.theme.PrimerDark;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reportviewer.document.ReportDocument;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ReportTextViewTest {

    private ReportTextView view;
    private ReportDocument doc;

    @Start
    void start(Stage stage) throws IOException {
        view = new ReportTextView();
        doc = ReportDocument.createTemp();
        stage.setScene(new Scene(new StackPane(view), 640, 400));
        stage.show();
        stage.requestFocus();
    }

    @AfterEach
    void closeDocument() {
        doc.close();
    }

    private static String row(long i) {
        return "row " + i + " of the report";
    }

    private void appendRows(long from, long to) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (long i = from; i < to; i++) {
            sb.append(row(i)).append('\n');
        }
        doc.append(ByteString.copyFromUtf8(sb.toString()));
    }

    private <T> T onFx(java.util.concurrent.Callable<T> action) {
        return WaitForAsyncUtils.waitForAsyncFx(10_000, action);
    }

    private void runFx(Runnable action) {
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            action.run();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void show(long rows) throws IOException {
        appendRows(0, rows);
        runFx(() -> view.setDocument(doc));
    }

    /** Screen point of the middle of visible row {@code r} (0 = top row). */
    private Point2D rowPoint(FxRobot robot, int r) {
        Canvas canvas = (Canvas) view.getChildrenUnmodifiable().get(0);
        Bounds b = canvas.localToScreen(canvas.getBoundsInLocal());
        double lineHeight = onFx(() -> view.lineHeight());
        return new Point2D(b.getMinX() + b.getWidth() / 2, b.getMinY() + (r + 0.5) * lineHeight);
    }

    private void assertVisibleMatchesDocument() {
        long first = onFx(view::firstVisibleLine);
        List<String> visible = onFx(view::visibleLines);
        assertThat(visible).isNotEmpty();
        assertThat(visible).isEqualTo(doc.lines(first, visible.size()));
    }

    @Test
    void paintsTheTailOfTheDocumentAndOnlyVisibleLines() throws IOException {
        show(1000);
        List<String> visible = onFx(view::visibleLines);
        assertThat(visible.size()).isBetween(5, 60);
        assertVisibleMatchesDocument();
        long first = onFx(view::firstVisibleLine);
        int fullRows = onFx(view::fullRows);
        assertThat(first + fullRows).isEqualTo(1000); // the last line is fully in view
        assertThat(visible).contains(row(999));
    }

    @Test
    void aGrowingReportIsPaintedOncePerFrameNotAgainByTheLayoutItTriggers() throws Exception {
        show(1000);
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 0; i < 5; i++) {
            long before = onFx(view::paintCount);
            appendRows(1000 + 100 * i, 1100 + 100 * i);
            runFx(view::refresh); // new lines: the tail moves and the scroll bars change (a layout)
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(view::paintCount) > before);
            for (int pulses = 0; pulses < 5; pulses++) {
                WaitForAsyncUtils.waitForFxEvents();
            }
            assertThat(onFx(view::paintCount)).as("paints for one append").isEqualTo(before + 1);
        }
        assertThat(onFx(view::visibleLines)).contains(row(1499));
    }

    @Test
    void aHiddenViewLeavesItsScrollBarsAloneAndCatchesUpWhenShown() throws IOException {
        show(100);
        ScrollBar vbar = onFx(() -> view.getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof ScrollBar b && b.getOrientation() == Orientation.VERTICAL)
                .map(ScrollBar.class::cast).findFirst().orElseThrow());
        double maxBefore = onFx(vbar::getMax);

        // A background tab: an ancestor is hidden while the report grows.
        runFx(() -> view.getParent().setVisible(false));
        appendRows(100, 5000);
        runFx(view::refresh);
        assertThat(onFx(vbar::getMax)).as("scroll range while hidden").isEqualTo(maxBefore);

        runFx(() -> view.getParent().setVisible(true));
        long first = onFx(view::firstVisibleLine);
        assertThat(first).isGreaterThan((long) maxBefore);
        assertThat(onFx(vbar::getMax)).as("scroll range once shown").isEqualTo((double) first);
        assertThat(onFx(vbar::getValue)).isEqualTo((double) first);
        assertThat(onFx(view::visibleLines)).contains(row(4999));
        assertVisibleMatchesDocument();
    }

    @Test
    void followsTheTailUntilTheUserScrollsUpAndResumesAtTheBottom(FxRobot robot) throws IOException {
        show(500);
        appendRows(500, 800);
        runFx(view::refresh);
        assertThat(onFx(view::visibleLines)).contains(row(799));
        assertThat(view.followTailProperty().get()).isTrue();

        robot.clickOn(rowPoint(robot, 1));
        robot.type(KeyCode.PAGE_UP);
        assertThat(onFx(() -> view.followTailProperty().get())).isFalse();
        long parked = onFx(view::firstVisibleLine);
        assertThat(parked).isLessThan(800 - onFx(view::fullRows));

        appendRows(800, 900);
        runFx(view::refresh);
        assertThat(onFx(view::firstVisibleLine)).isEqualTo(parked);
        assertVisibleMatchesDocument();

        robot.press(KeyCode.CONTROL).type(KeyCode.END).release(KeyCode.CONTROL);
        assertThat(onFx(() -> view.followTailProperty().get())).isTrue();
        appendRows(900, 950);
        runFx(view::refresh);
        assertThat(onFx(view::visibleLines)).contains(row(949));
        assertThat(onFx(view::firstVisibleLine) + onFx(view::fullRows)).isEqualTo(950);
    }

    @Test
    void mouseWheelScrollsAndStopsFollowing(FxRobot robot) throws IOException {
        show(300);
        runFx(() -> view.scrollToLine(100));
        robot.moveTo(rowPoint(robot, 2));
        // Which wheel direction TestFX's glass robot maps to "content up" differs between platforms,
        // so learn it from the first move and check the second undoes it.
        robot.scroll(3, VerticalDirection.UP);
        long moved = onFx(view::firstVisibleLine);
        assertThat(moved).isNotEqualTo(100);
        assertThat(Math.abs(moved - 100)).isBetween(3L, 30L);
        assertVisibleMatchesDocument();
        robot.scroll(3, VerticalDirection.DOWN);
        assertThat(onFx(view::firstVisibleLine)).isEqualTo(100);
        VerticalDirection towardsStart = moved < 100 ? VerticalDirection.UP : VerticalDirection.DOWN;

        runFx(() -> view.followTailProperty().set(true));
        long bottom = onFx(view::firstVisibleLine);
        robot.scroll(1, towardsStart);
        assertThat(onFx(view::firstVisibleLine)).isLessThan(bottom);
        assertThat(onFx(() -> view.followTailProperty().get())).isFalse();
    }

    @Test
    void scrollToLineAndHomeEnd(FxRobot robot) throws IOException {
        show(100_000);
        runFx(() -> view.scrollToLine(54_321));
        assertThat(onFx(view::firstVisibleLine)).isEqualTo(54_321);
        assertThat(onFx(view::visibleLines).get(0)).isEqualTo(row(54_321));
        assertThat(view.followTailProperty().get()).isFalse();

        robot.clickOn(rowPoint(robot, 0));
        robot.press(KeyCode.CONTROL).type(KeyCode.HOME).release(KeyCode.CONTROL);
        assertThat(onFx(view::firstVisibleLine)).isZero();
        assertThat(onFx(view::visibleLines).get(0)).isEqualTo(row(0));
        robot.type(KeyCode.PAGE_DOWN);
        assertThat(onFx(view::firstVisibleLine)).isEqualTo(onFx(view::fullRows) - 1L);
        robot.type(KeyCode.END);
        assertThat(onFx(view::visibleLines)).contains(row(99_999));
        assertThat(onFx(() -> view.followTailProperty().get())).isTrue();

        runFx(() -> view.scrollToLine(Long.MAX_VALUE));
        assertThat(onFx(view::firstVisibleLine) + onFx(view::fullRows)).isEqualTo(100_000);
    }

    @Test
    void selectionByClickAndShiftClickThenCopy(FxRobot robot) throws IOException {
        show(200);
        runFx(() -> view.scrollToLine(40));
        robot.clickOn(rowPoint(robot, 2));
        robot.press(KeyCode.SHIFT).clickOn(rowPoint(robot, 5)).release(KeyCode.SHIFT);
        String expected = String.join("\n", row(42), row(43), row(44), row(45));
        assertThat(onFx(view::selectedText)).isEqualTo(expected);

        robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        awaitStatus("copied 4 lines");
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(expected);

        robot.press(KeyCode.SHIFT).type(KeyCode.DOWN, 2).type(KeyCode.UP).release(KeyCode.SHIFT);
        assertThat(onFx(view::selectedText)).isEqualTo(expected + "\n" + row(46));
    }

    @Test
    void selectionByDragAndSelectAll(FxRobot robot) throws IOException {
        show(50);
        runFx(() -> view.scrollToLine(10));
        robot.drag(rowPoint(robot, 1), MouseButton.PRIMARY).dropTo(rowPoint(robot, 3));
        assertThat(onFx(view::selectedText)).isEqualTo(String.join("\n", row(11), row(12), row(13)));

        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        assertThat(onFx(view::selectedText)).isEqualTo(String.join("\n", doc.lines(0, 50)));
        runFx(view::clearSelection);
        assertThat(onFx(view::selectedText)).isEmpty();
    }

    @Test
    void findScrollsToTheMatchHighlightsItAndWraps() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append(i == 3_000 || i == 15_000 ? "xx NEEDLE in row " + i : row(i)).append('\n');
        }
        doc.append(ByteString.copyFromUtf8(sb.toString()));
        runFx(() -> view.setDocument(doc));
        runFx(() -> view.scrollToLine(0));

        runFx(() -> view.find("needle", true, false));
        awaitStatus("line 3,001");
        assertMatchInView(3_000);

        runFx(() -> view.find("needle", true, false));
        awaitStatus("line 15,001");
        assertMatchInView(15_000);

        runFx(() -> view.find("needle", true, false));
        awaitStatus("line 3,001 (wrapped)");
        assertMatchInView(3_000);

        runFx(() -> view.find("needle", false, false));
        awaitStatus("line 15,001 (wrapped)");
        assertMatchInView(15_000);

        runFx(() -> view.find("needle", true, true));
        awaitStatus("not found");
        assertThat(onFx(view::matchLine)).isEqualTo(-1);
    }

    private void awaitStatus(String status) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                    () -> onFx(() -> view.findStatusProperty().get()).equals(status));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("status stayed '" + view.findStatusProperty().get() + "', wanted '"
                    + status + "'", e);
        }
    }

    private void assertMatchInView(long line) {
        assertThat(onFx(view::matchLine)).isEqualTo(line);
        long first = onFx(view::firstVisibleLine);
        List<String> visible = onFx(view::visibleLines);
        assertThat(line).isBetween(first, first + visible.size() - 1);
        assertThat(visible.get((int) (line - first))).contains("NEEDLE");
        assertVisibleMatchesDocument();
    }

    @Test
    void partialLastLineGrowsOnScreen() throws IOException {
        show(10);
        doc.append(ByteString.copyFromUtf8("half a li"));
        runFx(view::refresh);
        assertThat(onFx(view::visibleLines)).endsWith("half a li");
        doc.append(ByteString.copyFromUtf8("ne, then more"));
        runFx(view::refresh);
        assertThat(onFx(view::visibleLines)).endsWith("half a line, then more");
    }

    @Test
    void copyIsCappedAndSaysSo(FxRobot robot) throws IOException {
        show(100);
        runFx(() -> {
            view.setCopyLimitChars(200);
            view.selectAll();
            view.copySelection();
        });
        awaitStatus("copied the first 10 of 100 lines (copying is limited to 200 characters)");
        String copied = onFx(() -> Clipboard.getSystemClipboard().getString());
        assertThat(copied).isEqualTo(String.join("\n", doc.lines(0, 10)));
        assertThat(copied.length()).isLessThanOrEqualTo(200);
    }

    @Test
    void longLinesScrollHorizontally(FxRobot robot) throws IOException {
        show(5);
        assertThat(onFx(view::horizontalBarShown)).isFalse();
        doc.append(ByteString.copyFromUtf8("wide " + "0123456789".repeat(300) + "\n"));
        runFx(view::refresh);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(view::horizontalBarShown)).isTrue();
        robot.clickOn(rowPoint(robot, 0));
        robot.type(KeyCode.RIGHT, 3);
        assertThat(onFx(view::horizontalOffset)).isGreaterThan(0);
        robot.press(KeyCode.CONTROL).type(KeyCode.HOME).release(KeyCode.CONTROL);
        robot.type(KeyCode.LEFT, 10);
        assertThat(onFx(view::horizontalOffset)).isZero();
    }

    @Test
    void coloursFollowTheAtlantaFxThemeAndModena() {
        // The view from @Start was styled under Modena; take it out so the theme switch leaves it alone.
        runFx(() -> ((StackPane) view.getParent()).getChildren().clear());
        try {
            runFx(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
            ReportTextView dark = onFx(() -> {
                ReportTextView v = new ReportTextView();
                new Scene(new StackPane(v)).getRoot().applyCss();
                return v;
            });
            assertThat(dark.textFillProperty().get()).isEqualTo(Color.web("#c9d1d9"));
            assertThat(dark.backgroundFillProperty().get()).isEqualTo(Color.web("#0d1117"));

            runFx(() -> Application.setUserAgentStylesheet(null));
            ReportTextView modena = onFx(() -> {
                ReportTextView v = new ReportTextView();
                new Scene(new StackPane(v)).getRoot().applyCss();
                return v;
            });
            assertThat(modena.backgroundFillProperty().get()).isEqualTo(Color.WHITE); // -fx-control-inner-background
            assertThat(((Color) modena.textFillProperty().get()).getBrightness()).isLessThan(0.3);
        } finally {
            runFx(() -> Application.setUserAgentStylesheet(null));
        }
    }

    @Test
    void aPaneNarrowerThanItsGutterPaintsAtEveryWidth() throws IOException {
        // Issue 13: the column count went negative below the gutter's width and substring threw in
        // every frame. FxExceptionGuard fails this test if any paint throws on the FX thread.
        show(200);
        runFx(() -> view.setMinSize(0, 0));
        Canvas canvas = (Canvas) view.getChildrenUnmodifiable().get(0);
        java.util.Set<Double> canvasWidths = new java.util.TreeSet<>();
        long before = onFx(view::paintCount);
        for (int w = 120; w >= 0; w -= 3) {
            int width = w;
            runFx(() -> {
                view.setMaxSize(width, width / 2.0);
                view.requestLayout();
            });
            WaitForAsyncUtils.waitForFxEvents();
            canvasWidths.add(onFx(canvas::getWidth));
        }
        // Every canvas width from the gutter's (about 50 px) down to 0 was laid out and painted.
        assertThat(canvasWidths).contains(0.0).hasSizeGreaterThan(25);
        assertThat(onFx(view::paintCount) - before).isGreaterThanOrEqualTo(canvasWidths.size() - 1L);
        runFx(() -> view.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE));
        assertVisibleMatchesDocument();
    }

    @Test
    void clearingTheDocumentEmptiesTheView() throws IOException {
        show(10);
        runFx(() -> view.setDocument(null));
        assertThat(onFx(view::visibleLines)).isEmpty();
        assertThat(onFx(view::selectedText)).isEmpty();
    }
}
