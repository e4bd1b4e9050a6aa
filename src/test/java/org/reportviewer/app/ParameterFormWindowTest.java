package org.reportviewer.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.document.ReportDocument;
import org.reportviewer.server.DirectorySource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.testing.WindowDriver;
import org.reportviewer.testing.WindowTestServer;
import org.reportviewer.ui.ReportTabViewModel;
import org.reportviewer.ui.StreamState;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The parameter form of SQL reports in the real window, against a real server on loopback whose
 * reports folder has a parameterised {@code .sql} report (DuckDB in-process).
 */
@ExtendWith(ApplicationExtension.class)
class ParameterFormWindowTest {

    @TempDir
    static Path temp;
    /** A reports folder with a parameterised SQL report (DuckDB in-process). */
    @RegisterExtension
    static final WindowTestServer server = WindowTestServer.starting(() -> {
        Path reports = Files.createDirectories(temp.resolve("reports"));
        Files.writeString(reports.resolve("words.sql"), """
                -- title: Words in a row
                -- param: n int = 3
                -- param: word text
                SELECT i, :word AS w FROM range(:n) t(i) ORDER BY i
                """);
        return new ReportServer(ReportServer.netty("127.0.0.1", 0), ReportCatalog.standard(new DirectorySource(reports)),
                Duration.ofSeconds(2)).start();
    });
    private WindowDriver window;

    @Start
    void start(Stage stage) {
        window = server.showConnected(stage);
    }

    @Test
    void pickingAReportWithParametersShowsItsFormAndStartSendsTheValues(FxRobot robot) throws Exception {
        window.awaitFx(() -> robot.lookup("#report").queryComboBox().getItems().contains("words"));
        assertThat(robot.lookup("#parameter-form").query().isVisible()).as("no form for 'demo'").isFalse();

        robot.clickOn("#report .arrow-button");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".list-cell").<ListCell<?>>match(c -> c.getText() != null
                && c.getText().startsWith("Words in a row")).<ListCell<?>>query());
        window.awaitFx(() -> robot.lookup("#parameter-form").query().isVisible());
        assertThat(window.vm().reportIdTextProperty().get()).isEqualTo("words");
        assertThat(robot.lookup("#param-n").queryAs(TextField.class).getText()).as("default filled in").isEqualTo("3");
        TextField word = robot.lookup("#param-word").queryAs(TextField.class);
        assertThat(word.getText()).isEmpty();
        assertThat(word.getPromptText()).isEqualTo("text");

        // A required value left empty: a readable message, and nothing starts.
        robot.clickOn("#start");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.text("message")).isEqualTo("Parameter 'word' needs a value.");
        ReportTabViewModel t = window.selectedTab();
        assertThat(t.getState()).isEqualTo(StreamState.IDLE);

        robot.clickOn("#param-word").write("a b&c=d");
        window.awaitFx(() -> "a b&c=d".equals(word.getText()));
        robot.clickOn("#start");
        window.awaitState(t, StreamState.COMPLETED);
        assertThat(new String(bytesOf(t.documentProperty().get()), StandardCharsets.UTF_8))
                .isEqualTo("i,w\n0,a b&c=d\n1,a b&c=d\n2,a b&c=d\n");
        assertThat(window.text("message")).isEmpty();

        // Back to a report without parameters: the form goes away.
        window.typeReport("demo");
        window.awaitFx(() -> !robot.lookup("#parameter-form").query().isVisible());
    }

    private static byte[] bytesOf(ReportDocument doc) throws Exception {
        Path f = temp.resolve("doc-" + UUID.randomUUID());
        doc.saveTo(f);
        return Files.readAllBytes(f);
    }
}
