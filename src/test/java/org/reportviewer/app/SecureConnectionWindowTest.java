package org.reportviewer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
import java.util.stream.IntStream;
import javafx.scene.control.TextField;
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
import org.reportviewer.server.ServerConfig;
import org.reportviewer.server.ServerTls;
import org.reportviewer.server.SyntheticSource;
import org.reportviewer.testing.TestCertificates;
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
 * The real window's Connection… bar against a TLS server that wants a bearer token (CA made at test
 * time): a user ticks TLS, names the CA file, types the token and streams; the token is not saved.
 */
@ExtendWith(ApplicationExtension.class)
class SecureConnectionWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOKEN = "window-T0ken";

    @TempDir
    static Path dir;
    private static TestCertificates.Pem pem;
    private static ReportServer server;
    private static ExecutorService io;
    private Preferences prefs;
    private MainViewModel vm;
    private ConnectionManager connections;

    @BeforeAll
    static void startServer() throws Exception {
        pem = TestCertificates.create(dir.resolve("pki"), "Window Test CA");
        server = ReportServer.create(ServerConfig.loopback(0)
                .withTls(new ServerTls(pem.serverCert(), pem.serverKey())).withBearerToken(TOKEN),
                new ReportCatalog(List.of(new DemoSource(0), new SyntheticSource()))).start();
        io = ReportViewerApp.ioExecutor();
    }

    @AfterAll
    static void stopServer() {
        server.close();
        io.shutdownNow();
    }

    @Start
    void start(Stage stage) {
        prefs = Preferences.userRoot().node("org/reportviewer/test-" + UUID.randomUUID());
        connections = new ConnectionManager();
        vm = new MainViewModel(UiExecutor.fx(), io, connections, null, ReportViewerApp.spoolDocuments());
        MainView view = new MainView(vm, (owner, name, partial) -> null);
        MainWindow.show(stage, vm, view, new AppSettings(prefs));
        vm.useEmbeddedProperty().set(false);
        vm.targetTextProperty().set("localhost:" + server.port());
        vm.reportIdTextProperty().set("demo");
        vm.newTab();
        stage.requestFocus();
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        robot.interact(vm::closeAll);
        connections.close();
        prefs.removeNode();
    }

    private static void awaitFx(java.util.function.BooleanSupplier condition) {
        await().atMost(WAIT).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private ReportTabViewModel tab(FxRobot robot) {
        AtomicReference<ReportTabViewModel> t = new AtomicReference<>();
        robot.interact(() -> t.set(vm.selectedTabProperty().get()));
        return t.get();
    }

    @Test
    void tlsCaAndTokenFromTheBarStreamTheDemoAndOnlyTheTokenIsForgotten(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#security-bar").query().isVisible()).isFalse();
        robot.clickOn("#connection-settings");
        assertThat(robot.lookup("#security-bar").query().isVisible()).isTrue();
        assertThat(robot.lookup("#ca-file").query().isDisabled()).as("a CA file needs TLS").isTrue();

        robot.clickOn("#tls");
        robot.interact(() -> robot.lookup("#ca-file").queryAs(TextField.class).setText(pem.caCert().toString()));
        robot.clickOn("#token").write(TOKEN);
        robot.clickOn("#connect-secure");
        awaitFx(() -> vm.catalogSupportedProperty().get());

        robot.clickOn("#start");
        ReportTabViewModel t = tab(robot);
        awaitFx(() -> t.getState() == StreamState.COMPLETED);
        ReportTabView v = robot.lookup(".report-tab").match(n -> ((ReportTabView) n).viewModel() == t)
                .queryAs(ReportTabView.class);
        AtomicReference<List<String>> shown = new AtomicReference<>();
        robot.interact(() -> shown.set(List.copyOf(v.textView().visibleLines())));
        assertThat(shown.get()).containsExactlyElementsOf(
                IntStream.range(0, 10).mapToObj(i -> "This is chunk " + i + " of report demo").toList());
        assertThat(robot.lookup("#connection-status").queryLabeled().getText()).contains("(TLS)");

        assertThat(prefs.getBoolean("tls", false)).isTrue();
        assertThat(prefs.get("caFile", "")).isEqualTo(pem.caCert().toString());
        for (String key : prefs.keys()) {
            assertThat(prefs.get(key, "")).as("preference " + key).doesNotContain(TOKEN);
        }
        assertThat(Arrays.asList(prefs.keys())).doesNotContain("token");
    }

    @Test
    void withoutTheTokenTheTabSaysTheServerWantsOne(FxRobot robot) {
        robot.clickOn("#connection-settings");
        robot.clickOn("#tls");
        robot.interact(() -> robot.lookup("#ca-file").queryAs(TextField.class).setText(pem.caCert().toString()));
        robot.clickOn("#connect-secure");
        robot.clickOn("#start");
        ReportTabViewModel t = tab(robot);
        awaitFx(() -> t.getState() == StreamState.FAILED);
        assertThat(t.finalCodeProperty().get()).isEqualTo(Status.Code.UNAUTHENTICATED);
        ReportTabView v = robot.lookup(".report-tab").match(n -> ((ReportTabView) n).viewModel() == t)
                .queryAs(ReportTabView.class);
        assertThat(v.explanationLabel().getText()).startsWith("UNAUTHENTICATED: the server wants a token");
        assertThat(robot.lookup("#resume").queryButton().isDisabled()).isTrue();
    }
}
