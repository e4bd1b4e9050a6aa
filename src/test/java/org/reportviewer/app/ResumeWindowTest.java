package org.reportviewer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
import java.util.stream.IntStream;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.client.ConnectionManager;
import org.reportviewer.server.DemoSource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.SyntheticSource;
import org.reportviewer.testing.SeedServer;
import org.reportviewer.ui.MainView;
import org.reportviewer.ui.MainViewModel;
import org.reportviewer.ui.ReportTabView;
import org.reportviewer.ui.ReportTabViewModel;
import org.reportviewer.ui.StreamState;
import org.reportviewer.ui.UiExecutor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window: the server goes away mid-stream, comes back on the same port, and the Resume
 * button completes the report in place, exactly.
 */
@ExtendWith(ApplicationExtension.class)
class ResumeWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static ExecutorService io;

    @TempDir
    static Path temp;
    private Preferences prefs;
    private MainViewModel vm;
    private ConnectionManager connections;
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
        prefs = Preferences.userRoot().node("org/reportviewer/test-" + UUID.randomUUID());
        connections = new ConnectionManager();
        vm = new MainViewModel(UiExecutor.fx(), io, connections, null, ReportViewerApp.spoolDocuments());
        MainView view = new MainView(vm, (owner, name, partial) -> null);
        MainWindow.show(stage, vm, view, new AppSettings(prefs));
        vm.useEmbeddedProperty().set(false);
        vm.targetTextProperty().set("127.0.0.1:" + server.port());
        vm.reportIdTextProperty().set("demo");
        vm.newTab();
        vm.connect();
        stage.requestFocus();
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        robot.interact(vm::closeAll);
        connections.close();
        server.close();
        prefs.removeNode();
    }

    private ReportTabViewModel tab(FxRobot robot) {
        AtomicReference<ReportTabViewModel> t = new AtomicReference<>();
        robot.interact(() -> t.set(vm.selectedTabProperty().get()));
        return t.get();
    }

    private static void awaitFx(java.util.function.BooleanSupplier condition) {
        await().atMost(WAIT).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void resumeAfterTheServerCameBackCompletesTheReportExactly(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#resume").queryButton().isDisabled()).isTrue();
        robot.clickOn("#start");
        ReportTabViewModel t = tab(robot);
        awaitFx(() -> t.chunksProperty().get() >= 3);
        assertThat(robot.lookup("#resume").queryButton().isDisabled()).as("not while streaming").isTrue();

        int port = server.port();
        CompletableFuture.runAsync(server::close).get();
        awaitFx(() -> t.getState() == StreamState.FAILED);
        long had = t.chunksProperty().get();
        assertThat(had).isBetween(3L, 9L);
        assertThat(t.finalCodeProperty().get()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(robot.lookup("#resume").queryButton().isDisabled()).isFalse();

        server = serverOn(port); // the server is back where it was
        robot.clickOn("#resume");
        assertThat(robot.lookup("#message").queryLabeled().getText()).isEqualTo("Resumed at chunk " + had);
        awaitFx(() -> t.getState() == StreamState.COMPLETED);

        ReportTabView v = robot.lookup(".report-tab").match(n -> ((ReportTabView) n).viewModel() == t)
                .queryAs(ReportTabView.class);
        AtomicReference<List<String>> shown = new AtomicReference<>();
        robot.interact(() -> shown.set(List.copyOf(v.textView().visibleLines())));
        assertThat(shown.get()).containsExactlyElementsOf(
                IntStream.range(0, 10).mapToObj(i -> "This is chunk " + i + " of report demo").toList());
        Path saved = temp.resolve("resumed-" + UUID.randomUUID() + ".txt");
        t.documentProperty().get().saveTo(saved);
        assertThat(Files.readString(saved, StandardCharsets.UTF_8)).isEqualTo(SeedServer.expectedText("demo"));
        assertThat(v.progressBar().getProgress()).isEqualTo(1.0);
        assertThat(v.statusLineLabel().getText()).contains("10 / 10 chunks");
        assertThat(v.explanationLabel().getText()).startsWith("OK").contains("Resumed at chunk " + had);
        assertThat(robot.lookup("#resume").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#start").queryButton().isDisabled()).isFalse();
    }
}
