package org.reportviewer.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reportviewer.server.SyntheticText;
import org.reportviewer.testing.WindowDriver;
import org.reportviewer.testing.WindowTestServer;
import org.reportviewer.ui.ReportTabViewModel;
import org.reportviewer.ui.StreamState;
import org.reportviewer.ui.text.ReportTextView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window against a real server: Go to (Ctrl+G) a line and a chunk's start, the chunk marks'
 * tooltip, and follow-the-tail pausing on scroll-up and resuming with End or the Follow button.
 */
@ExtendWith(ApplicationExtension.class)
class TextPaneWindowTest {

    /** 1000-byte chunks over 64-byte rows: most chunks begin in the middle of a line. */
    private static final int CHUNK = 1000;
    private static final int SIZE = 200 * CHUNK;
    @RegisterExtension
    static final WindowTestServer server = WindowTestServer.standard(5, Duration.ofMillis(100));

    private WindowDriver window;

    @Start
    void start(Stage stage) {
        window = server.showConnected(stage);
    }

    // --- helpers ---

    private ReportTabViewModel stream(FxRobot robot, String reportId) {
        robot.interact(() -> {
            window.vm().reportIdTextProperty().set(reportId);
            window.vm().startSelected();
        });
        return window.selectedTab();
    }

    /** The whole report of {@link #SIZE} bytes, completed, and its pane clicked as a user would. */
    private ReportTabViewModel completedAndClicked(FxRobot robot) {
        ReportTabViewModel t = stream(robot, "synthetic?size=" + SIZE + "B&chunk=" + CHUNK + "B");
        awaitFx(() -> t.getState() == StreamState.COMPLETED);
        robot.clickOn(pane(t));
        return t;
    }

    private ReportTextView pane(ReportTabViewModel t) {
        return window.viewOf(t).textView();
    }

    private static <T> T onFx(Callable<T> action) {
        return WaitForAsyncUtils.waitForAsyncFx(10_000, action);
    }

    private void awaitFx(Callable<Boolean> condition) {
        window.awaitFx(() -> onFx(condition));
    }

    /** The document line holding byte {@code offset}: the newlines before it, counted in the expected text. */
    private static long lineOfByte(long offset) {
        byte[] bytes = new byte[(int) offset];
        new SyntheticText().fill(0, bytes);
        long lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static String expectedLine(long line) {
        byte[] bytes = new byte[SIZE];
        new SyntheticText().fill(0, bytes);
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        return lines[(int) line];
    }

    private void goTo(FxRobot robot, String query) {
        robot.push(KeyCode.CONTROL, KeyCode.G);
        awaitFx(() -> robot.lookup("#go-to-field").query().isFocused());
        robot.write(query);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The text of the chunk tooltip on screen, or null. */
    private static String chunkTip(FxRobot robot) {
        return robot.lookup(".tooltip").lookup((javafx.scene.Node n) -> n instanceof Label l
                && l.getText() != null && l.getText().startsWith("Chunk #")).tryQuery()
                .map(n -> ((Label) n).getText()).orElse(null);
    }

    // --- tests ---

    @Test
    void goToALineAndToAChunkLandOnTheRightLine(FxRobot robot) {
        ReportTabViewModel t = completedAndClicked(robot);
        ReportTextView pane = pane(t);

        goTo(robot, "#57");
        long chunkLine = lineOfByte(57L * CHUNK);
        assertThat(onFx(pane::firstVisibleLine)).isEqualTo(chunkLine);
        assertThat(onFx(pane::selectedText)).isEqualTo(expectedLine(chunkLine));
        assertThat(onFx(() -> robot.lookup("#go-to-bar").query().isVisible())).as("closed after landing").isFalse();

        goTo(robot, "1,234");
        assertThat(onFx(pane::firstVisibleLine)).isEqualTo(1233);
        assertThat(onFx(pane::visibleLines).get(0)).isEqualTo(expectedLine(1233));

        goTo(robot, "#200"); // chunks are 0..199
        assertThat(onFx(() -> robot.lookup("#go-to-message").queryAs(Label.class).getText()))
                .isEqualTo("No chunk #200: chunks go from #0 to #199");
        assertThat(onFx(pane::firstVisibleLine)).as("stayed").isEqualTo(1233);
        robot.type(KeyCode.ESCAPE);
        assertThat(t.getState()).as("Esc in the field closes it, it does not cancel").isEqualTo(StreamState.COMPLETED);
    }

    @Test
    void aChunkMarkTellsTheChunkItsSizeAndArrival(FxRobot robot) {
        ReportTabViewModel t = completedAndClicked(robot);
        ReportTextView pane = pane(t);
        goTo(robot, "#120");
        robot.interact(() -> pane.showChunkMarksProperty().set(true));
        Point2D topRowGutter = onFx(() -> {
            Canvas canvas = (Canvas) pane.getChildrenUnmodifiable().get(0);
            Bounds b = canvas.localToScreen(canvas.getBoundsInLocal());
            return new Point2D(b.getMinX() + 6, b.getMinY() + 4);
        });
        robot.moveTo(topRowGutter);
        robot.moveBy(1, 1);
        awaitFx(() -> chunkTip(robot) != null);
        String tip = onFx(() -> chunkTip(robot));
        assertThat(tip).startsWith("Chunk #120 · ").contains("(1,000 bytes)").contains("ms after the first chunk");
    }

    @Test
    void followPausesOnScrollUpAndResumesOnEndOrTheFollowButton(FxRobot robot) {
        // 2,048 chunks 20 ms apart: it streams for 40 s or more, longer than the test needs.
        ReportTabViewModel t = stream(robot, "synthetic?size=8MiB&chunk=4KiB&delay=20");
        awaitFx(() -> t.chunksProperty().get() >= 20);
        ReportTextView pane = pane(t);
        assertThat(onFx(() -> pane.followTailProperty().get())).isTrue();
        robot.clickOn(pane);
        robot.type(KeyCode.PAGE_UP);
        assertThat(onFx(() -> pane.followTailProperty().get())).as("scrolling up pauses").isFalse();
        long parked = onFx(pane::firstVisibleLine);
        long chunks = t.chunksProperty().get();
        awaitFx(() -> t.chunksProperty().get() >= chunks + 10 && robot.lookup("#follow-bar").query().isVisible());
        assertThat(onFx(pane::firstVisibleLine)).as("stays where the user is").isEqualTo(parked);
        assertThat(onFx(() -> robot.lookup("#follow-status").queryAs(Label.class).getText()))
                .startsWith("Following paused · ").endsWith("new lines");

        robot.type(KeyCode.END);
        assertThat(onFx(() -> pane.followTailProperty().get())).as("End resumes").isTrue();
        awaitFx(() -> !robot.lookup("#follow-bar").query().isVisible());
        long atEnd = t.chunksProperty().get();
        awaitFx(() -> t.chunksProperty().get() >= atEnd + 10);
        awaitFx(() -> pane.firstVisibleLine() + pane.visibleLines().size() >= pane.getSource().lineCount());

        robot.type(KeyCode.PAGE_UP);
        long again = t.chunksProperty().get();
        awaitFx(() -> t.chunksProperty().get() >= again + 5 && robot.lookup("#follow-button").query().isVisible());
        robot.clickOn("#follow-button");
        assertThat(onFx(() -> pane.followTailProperty().get())).as("the Follow button resumes").isTrue();
        awaitFx(() -> !robot.lookup("#follow-bar").query().isVisible());
    }
}
