package org.reportviewer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.proto.ReportChunk;
import org.reportviewer.proto.ReportRequest;
import org.reportviewer.proto.ReportServiceGrpc;
import org.reportviewer.server.BuildInfo;
import org.reportviewer.testing.WindowDriver;
import org.reportviewer.testing.WindowTestServer;
import org.reportviewer.ui.MainViewModel;
import org.reportviewer.ui.ReportTabViewModel;
import org.reportviewer.ui.StreamState;
import org.reportviewer.ui.inspect.RateSparkline;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The call inspector in the real window (headless, Monocle) against real servers on loopback
 * sockets: the built-in server's headers and trailer, the final status, and a foreign server's
 * error details.
 */
@ExtendWith(ApplicationExtension.class)
class InspectorWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final WindowTestServer server = WindowTestServer.standard(5, Duration.ofSeconds(1));
    /** A server we do not control, answering with the rich error model (google.rpc.Status details). */
    private static Server foreign;

    @TempDir
    static Path temp;
    private WindowDriver window;
    private MainViewModel vm;

    @BeforeAll
    static void startForeignServer() throws Exception {
        foreign = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new ReportServiceGrpc.ReportServiceImplBase() {
                    @Override
                    public void generateReport(ReportRequest request, StreamObserver<ReportChunk> out) {
                        out.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                                .setCode(Code.INVALID_ARGUMENT_VALUE)
                                .setMessage("region must be one of EMEA, APAC")
                                .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(
                                        BadRequest.FieldViolation.newBuilder().setField("region")
                                                .setDescription("unknown region 'MARS'")).build()))
                                .build()));
                    }
                }).build().start();
    }

    @AfterAll
    static void stopForeignServer() throws Exception {
        foreign.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Start
    void start(Stage stage) throws Exception {
        window = server.showConnected(stage, temp);
        vm = window.vm();
    }

    // --- helpers ---

    private static <T> T fx(Callable<T> action) {
        return WaitForAsyncUtils.waitForAsyncFx(10_000, action);
    }

    private ReportTabViewModel startReport(FxRobot robot, String id) {
        robot.interact(() -> vm.reportIdTextProperty().set(id));
        robot.push(KeyCode.CONTROL, KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> vm.selectedTabProperty().get());
    }

    private static void awaitState(ReportTabViewModel t, StreamState s) {
        await().atMost(WAIT).until(() -> fx(t::getState) == s);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void toggleInspector(FxRobot robot) {
        robot.push(KeyCode.CONTROL, KeyCode.I);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The shown inspector's label with this id (only a panel in the scene counts). */
    private static String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).match(Node::isVisible).queryAs(Label.class).getText());
    }

    /** The "name", "value" texts of a metadata table, in order. */
    private static List<String> metadata(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).queryAs(GridPane.class).getChildren().stream()
                .map(n -> ((Label) n).getText()).toList());
    }

    // --- tests ---

    @Test
    void ctrlIShowsTheHeadersTrailerAndOkStatusTheServerSent(FxRobot robot) {
        ReportTabViewModel t = startReport(robot, "demo");
        awaitState(t, StreamState.COMPLETED);
        assertThat(robot.lookup("#inspector").tryQuery()).as("hidden until asked for").isEmpty();

        toggleInspector(robot);

        assertThat(text(robot, "#inspector-status")).isEqualTo("OK");
        assertThat(text(robot, "#inspector-target")).isEqualTo(server.target());
        assertThat(text(robot, "#inspector-report")).isEqualTo("demo");
        assertThat(text(robot, "#inspector-deadline")).isEqualTo("none");
        assertThat(text(robot, "#inspector-start-chunk")).isEqualTo("0 (the whole report)");
        assertThat(text(robot, "#inspector-chunks")).isEqualTo("10 of 10");
        assertThat(text(robot, "#inspector-bytes")).isEqualTo(fx(() -> t.bytesProperty().get()) + " B");
        assertThat(text(robot, "#inspector-first-chunk")).endsWith("ms");
        assertThat(metadata(robot, "#inspector-headers")).containsSubsequence("x-report-id", "demo")
                .containsSubsequence("x-server-version", "report-viewer/" + BuildInfo.version());
        assertThat(metadata(robot, "#inspector-trailers")).containsSubsequence("x-chunks-sent", "10");

        toggleInspector(robot);
        assertThat(robot.lookup("#inspector").tryQuery()).as("Ctrl+I again hides it").isEmpty();
    }

    @Test
    void theInspectorFollowsAStreamLiveAndShowsItsEnd(FxRobot robot) {
        toggleInspector(robot);
        ReportTabViewModel t = startReport(robot, "synthetic?size=3000B&chunk=1B&delay=20");

        await().atMost(WAIT).until(() -> text(robot, "#inspector-status").equals("Streaming…"));
        assertThat(metadata(robot, "#inspector-headers")).containsSubsequence("x-report-id",
                "synthetic?size=3000B&chunk=1B&delay=20");
        assertThat(metadata(robot, "#inspector-trailers")).containsExactly("none");
        // The chart gets a sample each 250 ms while the stream runs.
        RateSparkline chart = robot.lookup("#inspector-sparkline").queryAs(RateSparkline.class);
        await().atMost(WAIT).until(() -> fx(() -> chart.samples().length) >= 2);
        assertThat(java.util.Arrays.stream(fx(() -> chart.samples())).max().orElse(0)).isPositive();
        assertThat(text(robot, "#inspector-rate")).startsWith("now ");

        robot.interact(vm::cancelSelected);
        awaitState(t, StreamState.CANCELLED);

        assertThat(text(robot, "#inspector-status")).isEqualTo("CANCELLED");
        // The call's own count: it may include a chunk or two that was on the wire when the cancel
        // went out (the tab does not keep those).
        long onTheWire = fx(() -> t.callProperty().get().stats().chunks());
        assertThat(onTheWire).isGreaterThanOrEqualTo(fx(() -> t.chunksProperty().get())).isPositive();
        assertThat(text(robot, "#inspector-chunks")).isEqualTo(onTheWire + " of 3,000");
    }

    @Test
    void anErrorShowsItsStatusAndDescription(FxRobot robot) {
        toggleInspector(robot);
        ReportTabViewModel t = startReport(robot, "no-such-report");
        awaitState(t, StreamState.FAILED);

        assertThat(text(robot, "#inspector-status")).isEqualTo("NOT_FOUND");
        assertThat(text(robot, "#inspector-description")).contains("no-such-report");
        assertThat(fx(() -> robot.lookup("#inspector-status").queryAs(Label.class).getStyleClass()))
                .contains("status-error");
        // A refusal before any chunk comes as trailers only: the server's header keys ride there.
        assertThat(metadata(robot, "#inspector-headers")).containsExactly("none");
        assertThat(metadata(robot, "#inspector-trailers")).containsSubsequence("x-chunks-sent", "0")
                .containsSubsequence("x-report-id", "no-such-report");
        assertThat(text(robot, "#inspector-first-chunk")).isEqualTo("—");
    }

    @Test
    void aForeignServersErrorDetailsAreShown(FxRobot robot) {
        window.connectTo("127.0.0.1:" + foreign.getPort());
        toggleInspector(robot);
        ReportTabViewModel t = startReport(robot, "sales?region=MARS");
        awaitState(t, StreamState.FAILED);

        assertThat(text(robot, "#inspector-status")).isEqualTo("INVALID_ARGUMENT");
        assertThat(text(robot, "#inspector-description")).isEqualTo("region must be one of EMEA, APAC");
        assertThat(fx(() -> robot.lookup(".inspector-error-detail").queryAllAs(Label.class).stream()
                .map(Label::getText).toList()))
                .containsExactly("BadRequest field_violations { field: \"region\" description: \"unknown region 'MARS'\" }");
        assertThat(metadata(robot, "#inspector-trailers")).contains("grpc-status-details-bin");
    }
}
