package org.reportviewer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.client.CallDetails;
import org.reportviewer.client.Channels;
import org.reportviewer.client.FetchRequest;
import org.reportviewer.proto.ReportChunk;
import org.reportviewer.proto.ReportRequest;
import org.reportviewer.proto.ReportServiceGrpc;
import org.reportviewer.server.CallRecord;
import org.reportviewer.server.SyntheticText;
import org.reportviewer.testing.CallRecords;
import org.reportviewer.testing.WindowDriver;
import org.reportviewer.ui.MainViewModel;
import org.reportviewer.ui.ReportTabViewModel;
import org.reportviewer.ui.StreamState;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window reaches its own embedded server in-process, as the app wires it: no TCP connection,
 * yet the report arrives byte-exact, the call inspector shows the server's address and its headers
 * and trailers, the server still pauses when the window stops asking for chunks (gRPC flow control
 * through the frame pacer), and a cancel stops it within one chunk. Other clients still reach the
 * embedded server over TCP. (End-to-end tests against a separate server stay on real sockets.)
 */
@ExtendWith(ApplicationExtension.class)
class EmbeddedInProcessWindowTest {

    private static final Duration WAIT = WindowDriver.WAIT;

    @TempDir
    static Path temp;
    private WindowDriver window;
    private MainViewModel vm;
    private EmbeddedServer embedded;

    @Start
    void start(Stage stage) throws Exception {
        // Aimed at a dead address first: the test switches to the embedded server as the connection bar does.
        window = WindowDriver.showWithEmbedded(stage, WindowDriver.sharedIo(), "127.0.0.1:1", temp);
        vm = window.vm();
        embedded = window.embedded();
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    private ReportTabViewModel startOnEmbedded(FxRobot robot, String id) {
        robot.interact(() -> {
            vm.useEmbeddedProperty().set(true);
            assertThat(vm.connect()).as("connects to the embedded server").isTrue();
            vm.reportIdTextProperty().set(id);
            assertThat(vm.startSelected()).as("starts " + id).isTrue();
        });
        return window.selectedTab();
    }

    @Test
    void aReportFromTheEmbeddedServerArrivesByteExactWithoutATcpConnection(FxRobot robot) throws Exception {
        int size = 4 << 20;
        ReportTabViewModel t = startOnEmbedded(robot, "synthetic?size=4MiB&chunk=64KiB");
        window.awaitState(t, StreamState.COMPLETED);

        Path saved = temp.resolve("report-" + UUID.randomUUID());
        t.documentProperty().get().saveTo(saved);
        byte[] expected = new byte[size];
        new SyntheticText().fill(0, expected);
        assertThat(Files.readAllBytes(saved)).as("the report, byte for byte").isEqualTo(expected);
        assertThat(embedded.tcpConnections()).as("TCP connections the window made to its embedded server").isZero();

        // The call inspector reads as over TCP: the server's address, its headers and trailers.
        CallDetails call = t.callProperty().get();
        assertThat(call.target()).isEqualTo(embedded.target().toString());
        assertThat(call.code()).isEqualTo(Status.Code.OK);
        assertThat(call.headers()).contains(new CallDetails.Header("x-report-id", "synthetic?size=4MiB&chunk=64KiB"));
        assertThat(call.trailers()).contains(new CallDetails.Header("x-chunks-sent", "64"));

        // Anyone else still reaches the embedded server on its TCP address.
        ManagedChannel tcp = Channels.plaintext(embedded.target());
        try {
            Iterator<ReportChunk> chunks = ReportServiceGrpc.newBlockingStub(tcp)
                    .generateReport(ReportRequest.newBuilder().setReportId("synthetic?size=64KiB&chunk=64KiB").build());
            assertThat(chunks.next().getData().size()).isEqualTo(64 << 10);
            assertThat(chunks.hasNext()).isFalse();
        } finally {
            Channels.shutdown(tcp);
        }
        assertThat(embedded.tcpConnections()).isEqualTo(1);
    }

    @Test
    void theEmbeddedServerPausesWhileTheWindowHoldsItsRequestsAndStopsWithinOneChunkOnCancel(FxRobot robot)
            throws Exception {
        String id = "synthetic?size=64MiB&chunk=64KiB"; // 1,024 chunks: far more than the window asks for
        CallRecords records = CallRecords.on(embedded.metrics(), id);
        Queue<Runnable> held = new ConcurrentLinkedQueue<>();
        robot.interact(() -> vm.setPacer((bytes, requestMore) -> held.add(requestMore))); // a window that never paints
        ReportTabViewModel t = startOnEmbedded(robot, id);
        int prefetch = FetchRequest.DEFAULT_PREFETCH;

        await().atMost(WAIT).until(() -> !held.isEmpty() && t.chunksProperty().get() == prefetch);
        assertThat(embedded.metrics().activeStreams()).as("the stream is still open, paused").isEqualTo(1);
        // In-process, the server's isReady() follows the window's requests message by message (over TCP
        // the HTTP/2 window lets more through, which this bound catches).
        assertThat(embedded.metrics().activeChunksSent()).as("chunks the server produced while the window held back")
                .allSatisfy(sent -> assertThat(sent).isLessThanOrEqualTo(prefetch + 2));
        assertThat(t.getState().busy()).isTrue();

        // Letting the held requests go lets the server go on.
        for (Runnable r; (r = held.poll()) != null; ) {
            r.run();
        }
        await().atMost(WAIT).until(() -> t.chunksProperty().get() > prefetch);

        robot.interact(t::cancel);
        window.awaitState(t, StreamState.CANCELLED);
        CallRecord record = records.next(WAIT);
        assertThat(record.status()).isEqualTo(Status.Code.CANCELLED);
        assertThat(record.chunksAfterCancel()).as("chunks produced after the server saw the cancel")
                .isLessThanOrEqualTo(1);
        await().atMost(WAIT).until(() -> embedded.metrics().activeStreams() == 0);
    }
}
