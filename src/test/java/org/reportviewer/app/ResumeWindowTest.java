package org.reportviewer.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.stream.IntStream;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.server.DemoSource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.SyntheticSource;
import org.reportviewer.testing.SeedServer;
import org.reportviewer.testing.WindowDriver;
import org.reportviewer.ui.ReportTabView;
import org.reportviewer.ui.ReportTabViewModel;
import org.reportviewer.ui.StreamState;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The real window: the server goes away mid-stream, comes back on the same port, and the Resume
 * button completes the report in place, exactly.
 */
@ExtendWith(ApplicationExtension.class)
class ResumeWindowTest {

    private static ExecutorService io;

    @TempDir
    static Path temp;
    private WindowDriver window;
    private ReportServer server;

    @BeforeAll
    static void pool() {
        io = ReportViewerApp.ioExecutor();
    }

    @AfterAll
    static void stopPool() {
        io.shutdownNow();
    }

    /** Demo chunks 200 ms apart; close() ends streams still running after 100 ms with UNAVAILABLE. */
    private static ReportServer serverOn(int port) throws Exception {
        return new ReportServer(ReportServer.netty("127.0.0.1", port),
                new ReportCatalog(List.of(new DemoSource(200), new SyntheticSource())), Duration.ofMillis(100))
                .start();
    }

    @Start
    void start(Stage stage) throws Exception {
        server = serverOn(0);
        window = WindowDriver.show(stage, io, "127.0.0.1:" + server.port(), null);
        window.vm().reportIdTextProperty().set("demo");
        window.vm().connect();
    }

    @AfterEach
    void close() throws Exception {
        window.close();
        server.close();
    }

    @Test
    void resumeAfterTheServerCameBackCompletesTheReportExactly(FxRobot robot) throws Exception {
        assertThat(window.button("resume").isDisabled()).isTrue();
        robot.clickOn("#start");
        ReportTabViewModel t = window.selectedTab();
        window.awaitFx(() -> t.chunksProperty().get() >= 3);
        assertThat(window.button("resume").isDisabled()).as("not while streaming").isTrue();

        int port = server.port();
        CompletableFuture.runAsync(server::close).get();
        window.awaitFx(() -> t.getState() == StreamState.FAILED);
        long had = t.chunksProperty().get();
        assertThat(had).isBetween(3L, 9L);
        assertThat(t.finalCodeProperty().get()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(window.button("resume").isDisabled()).isFalse();

        server = serverOn(port); // the server is back where it was
        robot.clickOn("#resume");
        assertThat(window.text("message")).isEqualTo("Resumed at chunk " + had);
        window.awaitFx(() -> t.getState() == StreamState.COMPLETED);

        ReportTabView v = window.viewOf(t);
        assertThat(window.visibleLines(v)).containsExactlyElementsOf(
                IntStream.range(0, 10).mapToObj(i -> "This is chunk " + i + " of report demo").toList());
        Path saved = temp.resolve("resumed-" + UUID.randomUUID() + ".txt");
        t.documentProperty().get().saveTo(saved);
        assertThat(Files.readString(saved, StandardCharsets.UTF_8)).isEqualTo(SeedServer.expectedText("demo"));
        assertThat(v.progressBar().getProgress()).isEqualTo(1.0);
        assertThat(v.statusLineLabel().getText()).contains("10 / 10 chunks");
        assertThat(v.explanationLabel().getText()).startsWith("OK").contains("Resumed at chunk " + had);
        assertThat(window.button("resume").isDisabled()).isTrue();
        assertThat(window.button("start").isDisabled()).isFalse();
    }
}
