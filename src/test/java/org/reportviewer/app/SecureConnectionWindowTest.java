package org.reportviewer.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.server.DemoSource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.ServerConfig;
import org.reportviewer.server.ServerTls;
import org.reportviewer.server.SyntheticSource;
import org.reportviewer.testing.TestCertificates;
import org.reportviewer.testing.WindowDriver;
import org.reportviewer.testing.WindowTestServer;
import org.reportviewer.ui.MainViewModel;
import org.reportviewer.ui.ReportTabView;
import org.reportviewer.ui.ReportTabViewModel;
import org.reportviewer.ui.StreamState;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The real window's Connection… bar against a TLS server that wants a bearer token (CA made at test
 * time): a user ticks TLS, names the CA file, types the token and streams; the token is not saved.
 */
@ExtendWith(ApplicationExtension.class)
class SecureConnectionWindowTest {

    private static final String TOKEN = "window-T0ken";

    @TempDir
    static Path dir;
    private static TestCertificates.Pem pem;
    @RegisterExtension
    static final WindowTestServer server = WindowTestServer.starting(() -> {
        pem = TestCertificates.create(dir.resolve("pki"), "Window Test CA");
        return ReportServer.create(ServerConfig.loopback(0)
                .withTls(new ServerTls(pem.serverCert(), pem.serverKey())).withBearerToken(TOKEN),
                new ReportCatalog(List.of(new DemoSource(0), new SyntheticSource()))).start();
    });
    private WindowDriver window;
    private MainViewModel vm;

    @Start
    void start(Stage stage) {
        // "localhost", the name in the test certificate; not connected: the test sets up TLS first.
        window = server.show(stage, "localhost:" + server.server().port());
        vm = window.vm();
        vm.reportIdTextProperty().set("demo");
    }

    /**
     * Opens the security bar and waits for its first layout: until then (hidden and unmanaged, it had
     * no width) its ToolBar keeps the fields in the overflow menu, out of the scene.
     */
    private void openSecurityBar(FxRobot robot) {
        robot.clickOn("#connection-settings");
        window.awaitFx(() -> robot.lookup("#tls").tryQuery().isPresent()
                && robot.lookup("#ca-file").tryQuery().isPresent()
                && robot.lookup("#connect-secure").tryQuery().isPresent());
    }

    @Test
    void tlsCaAndTokenFromTheBarStreamTheDemoAndOnlyTheTokenIsForgotten(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#security-bar").query().isVisible()).isFalse();
        openSecurityBar(robot);
        assertThat(robot.lookup("#security-bar").query().isVisible()).isTrue();
        assertThat(robot.lookup("#ca-file").query().isDisabled()).as("a CA file needs TLS").isTrue();

        robot.clickOn("#tls");
        robot.interact(() -> robot.lookup("#ca-file").queryAs(TextField.class).setText(pem.caCert().toString()));
        robot.clickOn("#token").write(TOKEN);
        robot.clickOn("#connect-secure");
        window.awaitFx(() -> vm.catalogSupportedProperty().get());

        robot.clickOn("#start");
        ReportTabViewModel t = window.selectedTab();
        window.awaitFx(() -> t.getState() == StreamState.COMPLETED);
        ReportTabView v = window.viewOf(t);
        assertThat(window.visibleLines(v)).containsExactlyElementsOf(
                IntStream.range(0, 10).mapToObj(i -> "This is chunk " + i + " of report demo").toList());
        assertThat(robot.lookup("#connection-status").queryLabeled().getText()).contains("(TLS)");

        assertThat(window.prefs().getBoolean("tls", false)).isTrue();
        assertThat(window.prefs().get("caFile", "")).isEqualTo(pem.caCert().toString());
        for (String key : window.prefs().keys()) {
            assertThat(window.prefs().get(key, "")).as("preference " + key).doesNotContain(TOKEN);
        }
        assertThat(Arrays.asList(window.prefs().keys())).doesNotContain("token");
    }

    @Test
    void withoutTheTokenTheTabSaysTheServerWantsOne(FxRobot robot) {
        openSecurityBar(robot);
        robot.clickOn("#tls");
        robot.interact(() -> robot.lookup("#ca-file").queryAs(TextField.class).setText(pem.caCert().toString()));
        robot.clickOn("#connect-secure");
        robot.clickOn("#start");
        ReportTabViewModel t = window.selectedTab();
        window.awaitFx(() -> t.getState() == StreamState.FAILED);
        assertThat(t.finalCodeProperty().get()).isEqualTo(Status.Code.UNAUTHENTICATED);
        ReportTabView v = robot.lookup(".report-tab").match(n -> ((ReportTabView) n).viewModel() == t)
                .queryAs(ReportTabView.class);
        assertThat(v.explanationLabel().getText()).startsWith("UNAUTHENTICATED: the server wants a token");
        assertThat(robot.lookup("#resume").queryButton().isDisabled()).isTrue();
    }
}
