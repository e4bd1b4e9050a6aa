package org.reportviewer.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.client.ConnectionManager;
import org.reportviewer.client.KeepAlive;
import org.reportviewer.client.Target;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.SyntheticText;
import org.reportviewer.testing.FaultProxy;
import org.reportviewer.testing.WindowDriver;
import org.reportviewer.ui.ReportTabViewModel;
import org.reportviewer.ui.StreamState;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The real window streaming from a real server through a {@link FaultProxy}: a connection that goes
 * silent mid-stream ends the tab by keepalive with a plain message, the text kept and Resume
 * offered, and Resume completes the report byte-exact; a live server that pauses longer than the
 * keepalive bound is never cut off. The window's channels use gRPC's shortest ping interval, so a
 * dead peer shows in about 12 s rather than the app's 40 s.
 */
@ExtendWith(ApplicationExtension.class)
class SilentServerWindowTest {

    /** gRPC's shortest ping interval and a short answer timeout (the app's default is 20 s + 20 s). */
    private static final KeepAlive FAST = new KeepAlive(KeepAlive.MIN_TIME, Duration.ofSeconds(2));
    /** The keepalive bound plus room for a loaded 2-core machine: only a tab that never notices fails. */
    private static final Duration NOTICED = FAST.bound().plus(Duration.ofSeconds(45));
    /** 256 chunks of 1 KiB, 20 ms apart: about 5 s, so the fault always lands mid-stream. */
    private static final String PACED = "synthetic?size=256KiB&chunk=1KiB&delay=20";

    private static ReportServer server;

    @TempDir
    static Path temp;
    private FaultProxy proxy;
    private WindowDriver window;

    @BeforeAll
    static void startServer() throws Exception {
        server = new ReportServer(ReportServer.netty("127.0.0.1", 0), ReportCatalog.standard(null)).start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        proxy = new FaultProxy(new Target("127.0.0.1", server.port()));
        window = WindowDriver.show(stage, WindowDriver.sharedIo(), proxy.target().toString(), null,
                new ConnectionManager(spec -> spec.openChannel(FAST, false)));
        window.vm().connect();
    }

    @AfterEach
    void close() throws Exception {
        window.close();
        proxy.close();
    }

    private static byte[] synthetic(int size) {
        byte[] b = new byte[size];
        new SyntheticText().fill(0, b);
        return b;
    }

    private byte[] saved(ReportTabViewModel t) throws Exception {
        Path file = temp.resolve("saved-" + UUID.randomUUID() + ".txt");
        t.documentProperty().get().saveTo(file);
        return Files.readAllBytes(file);
    }

    private ReportTabViewModel start(FxRobot robot, String id) {
        robot.interact(() -> window.vm().reportIdTextProperty().set(id));
        robot.clickOn("#start");
        return window.selectedTab();
    }

    @Test
    void aBlackHoledConnectionEndsTheTabByKeepaliveAndResumeCompletesItByteExact(FxRobot robot) throws Exception {
        ReportTabViewModel t = start(robot, PACED);
        window.awaitFx(() -> t.chunksProperty().get() >= 8);
        proxy.blackHole(); // the connection stays open, nothing gets through either way

        window.awaitFx(NOTICED, () -> t.getState() == StreamState.FAILED);
        long had = t.chunksProperty().get();
        assertThat(had).isBetween(8L, 255L);
        assertThat(t.finalCodeProperty().get()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(window.viewOf(t).explanationLabel().getText()).isEqualTo("UNAVAILABLE: the server at "
                + proxy.target() + " stopped answering (no reply to keepalive pings); the connection is probably "
                + "gone. The " + had + " chunks that arrived are kept. Resume continues from chunk " + had + ".");
        assertThat(saved(t)).as("the partial text is kept").isEqualTo(synthetic((int) had * 1024));
        assertThat(window.button("resume").isDisabled()).isFalse();

        proxy.pass(); // the network is back; the black-holed connection itself is gone for good
        robot.clickOn("#resume");
        window.awaitState(t, StreamState.COMPLETED);
        assertThat(saved(t)).isEqualTo(synthetic(256 << 10));
        assertThat(proxy.connectionsAccepted()).as("the resume needed a new connection").isEqualTo(2);
    }

    @Test
    void aLiveServerPausingLongerThanTheKeepaliveBoundIsNeverCutOff(FxRobot robot) throws Exception {
        // One chunk at once, then silence (the server's pause before it ends the stream) longer than ping
        // time + timeout: a ping goes out during it and is answered.
        long pause = FAST.bound().plusSeconds(1).toMillis();
        ReportTabViewModel t = start(robot, "synthetic?size=1KiB&chunk=1KiB&delay=" + pause);
        window.awaitFx(() -> t.chunksProperty().get() == 1);
        assertThat(t.getState()).isEqualTo(StreamState.STREAMING);

        window.awaitFx(NOTICED, () -> !t.getState().busy());
        assertThat(t.getState()).as(window.viewOf(t).explanationLabel().getText()).isEqualTo(StreamState.COMPLETED);
        assertThat(saved(t)).isEqualTo(synthetic(1024));
        assertThat(proxy.connectionsAccepted()).as("one connection throughout").isEqualTo(1);
    }
}
