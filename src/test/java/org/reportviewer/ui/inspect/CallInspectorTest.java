package org.reportviewer.ui.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reportviewer.client.CallDetails;
import org.reportviewer.client.CallDetails.Header;
import org.reportviewer.client.RateHistory;
import org.reportviewer.client.StreamStats;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The inspector panel on its own: what it shows for a call, and that unchanged metadata is not rebuilt. */
@ExtendWith(ApplicationExtension.class)
class CallInspectorTest {

    private CallInspector inspector;

    @Start
    void start(Stage stage) {
        inspector = new CallInspector();
        stage.setScene(new Scene(inspector, 360, 700));
        stage.show();
    }

    private static CallDetails call(List<Header> trailers, Status.Code code, String description, List<String> details,
            int chunks) {
        return new CallDetails("127.0.0.1:50051", "demo", Duration.ofSeconds(30), 0,
                List.of(new Header("content-type", "application/grpc"), new Header("x-report-id", "demo")),
                2_000_000, trailers, code, description, details,
                new StreamStats(0, chunks, chunks * 31L, 10, 0, 0, 3_000_000, 40_000_000));
    }

    private static <T> T fx(Callable<T> action) {
        return WaitForAsyncUtils.waitForAsyncFx(10_000, action);
    }

    private static String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private static List<String> rows(FxRobot robot, String grid) {
        return fx(() -> robot.lookup(grid).queryAs(GridPane.class).getChildren().stream()
                .map(n -> ((Label) n).getText()).toList());
    }

    @Test
    void showsARunningCallThenItsEnd(FxRobot robot) {
        RateHistory history = new RateHistory();
        history.record(0, 0);
        history.record(250_000_000L, 2500);
        fx(() -> {
            inspector.show(call(List.of(), null, null, List.of(), 4), history);
            return null;
        });

        assertThat(text(robot, "#inspector-target")).isEqualTo("127.0.0.1:50051");
        assertThat(text(robot, "#inspector-report")).isEqualTo("demo");
        assertThat(text(robot, "#inspector-deadline")).isEqualTo("30.0 s");
        assertThat(text(robot, "#inspector-status")).isEqualTo("Streaming…");
        assertThat(text(robot, "#inspector-first-chunk")).isEqualTo("3 ms");
        assertThat(text(robot, "#inspector-headers-time")).isEqualTo("2 ms");
        assertThat(text(robot, "#inspector-chunks")).isEqualTo("4 of 10");
        assertThat(text(robot, "#inspector-rate")).startsWith("now 10.0 KB/s");
        assertThat(rows(robot, "#inspector-headers")).containsExactly("content-type", "application/grpc",
                "x-report-id", "demo");
        assertThat(rows(robot, "#inspector-trailers")).containsExactly("none");
        assertThat(fx(() -> inspector.sparkline().samples())).containsExactly(10_000.0);

        Node headerRowBefore = fx(() -> robot.lookup("#inspector-headers").queryAs(GridPane.class).getChildren().get(0));
        fx(() -> {
            inspector.show(call(List.of(new Header("x-chunks-sent", "10")), Status.Code.NOT_FOUND, "gone",
                    List.of("ErrorInfo reason: \"GONE\""), 10), history);
            return null;
        });

        assertThat(text(robot, "#inspector-status")).isEqualTo("NOT_FOUND");
        assertThat(text(robot, "#inspector-description")).isEqualTo("gone");
        assertThat(fx(() -> robot.lookup("#inspector-status").queryAs(Label.class).getStyleClass()))
                .contains("status-error");
        assertThat(fx(() -> robot.lookup(".inspector-error-detail").queryAs(Label.class).getText()))
                .isEqualTo("ErrorInfo reason: \"GONE\"");
        assertThat(rows(robot, "#inspector-trailers")).containsExactly("x-chunks-sent", "10");
        assertThat(fx(() -> robot.lookup("#inspector-headers").queryAs(GridPane.class).getChildren().get(0)))
                .as("unchanged headers keep their rows").isSameAs(headerRowBefore);
    }

    @Test
    void aTabWithoutACallSaysSo(FxRobot robot) {
        fx(() -> {
            inspector.show(call(List.of(), Status.Code.OK, "", List.of(), 1), null);
            inspector.show(null, null);
            return null;
        });

        assertThat(text(robot, "#inspector-status")).isEqualTo("No call yet");
        assertThat(text(robot, "#inspector-target")).isEmpty();
        assertThat(rows(robot, "#inspector-headers")).containsExactly("none");
    }
}
