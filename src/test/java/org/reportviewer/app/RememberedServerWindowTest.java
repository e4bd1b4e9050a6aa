package org.reportviewer.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.client.Target;
import org.reportviewer.testing.SeedServer;
import org.reportviewer.testing.WindowDriver;
import org.reportviewer.ui.ReportTabViewModel;
import org.reportviewer.ui.StreamState;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The real window started as the app starts it, remembering a server that is gone: it says so and
 * offers the embedded server, and one click on that gets the embedded catalog and a report.
 */
@ExtendWith(ApplicationExtension.class)
class RememberedServerWindowTest {

    @TempDir
    static Path temp;
    private EmbeddedServer embedded;
    private WindowDriver window;
    private Target gone;

    @Start
    void start(Stage stage) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            gone = new Target("127.0.0.1", s.getLocalPort()); // free now, and nothing will listen there
        }
        embedded = new EmbeddedServer(temp.resolve("reports-" + UUID.randomUUID()));
        window = WindowDriver.startAsTheApp(stage, WindowDriver.sharedIo(), embedded, prefs -> {
            prefs.put("target", gone.toString());
            prefs.putBoolean("embedded", false);
            prefs.put("report", "demo");
        });
    }

    @AfterEach
    void close() throws Exception {
        window.close();
        embedded.close();
    }

    @Test
    void aRememberedServerThatIsGoneOffersTheBuiltInServerInOneClick(FxRobot robot) throws Exception {
        window.awaitFx(() -> window.isShown("use-embedded"));
        assertThat(window.text("unreachable-message")).isEqualTo("The server you used last time, " + gone
                + ", cannot be reached. Start it or fix the address and Connect, or");
        assertThat(window.vm().connectionProperty().get().embedded()).isFalse();

        robot.clickOn("#use-embedded");
        window.awaitFx(() -> window.vm().catalogSupportedProperty().get());
        assertThat(window.isShown("unreachable-bar")).as("the offer is gone once taken").isFalse();
        assertThat(window.vm().connectionProperty().get().target()).isEqualTo(embedded.target());
        assertThat(window.prefs().getBoolean("embedded", false)).as("remembered for the next start").isTrue();
        assertThat(window.text("connection-status")).contains("(embedded)");

        robot.clickOn("#start");
        ReportTabViewModel t = window.selectedTab();
        window.awaitState(t, StreamState.COMPLETED);
        Path saved = temp.resolve("demo-" + UUID.randomUUID() + ".txt");
        t.documentProperty().get().saveTo(saved);
        assertThat(Files.readString(saved, StandardCharsets.UTF_8)).isEqualTo(SeedServer.expectedText("demo"));
    }
}
