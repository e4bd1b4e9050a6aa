package org.reportviewer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.client.Connection;
import org.reportviewer.client.Channels;
import org.reportviewer.client.ReportClient;
import org.reportviewer.client.Target;
import org.reportviewer.server.CallRecord;
import org.reportviewer.server.SyntheticText;
import org.reportviewer.testing.CallRecords;
import org.reportviewer.testing.InProcessReportServer;
import org.reportviewer.testing.SeedServer;

/** The tab view-model against the real server (in-process transport), with no JavaFX toolkit. */
class ReportTabViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The view-model's logic does not need sockets: the real server on gRPC's in-process transport. */
    @RegisterExtension
    static final InProcessReportServer server = InProcessReportServer.standard(5);
    @RegisterExtension
    final ViewModelHarness harness = ViewModelHarness.forTab(WAIT);

    @TempDir
    Path temp;
    private ReportTabViewModel tab;
    private Connection connection;

    @BeforeEach
    void newTab() {
        tab = harness.newTab();
        connection = server.connection();
    }

    /** The first {@code n} bytes every synthetic report starts with. */
    static byte[] synthetic(int n) {
        byte[] b = new byte[n];
        new SyntheticText().fill(0, b);
        return b;
    }

    @Test
    void demoCompletesWithExactTextFullProgressAndOk() throws Exception {
        assertThat(tab.start(connection, "demo", null)).isTrue();
        assertThat(tab.getState()).isEqualTo(StreamState.CONNECTING);
        assertThat(tab.canStartProperty().get()).isFalse();
        assertThat(tab.canCancelProperty().get()).isTrue();

        harness.awaitUi(() -> tab.getState() == StreamState.COMPLETED);

        assertThat(new String(harness.documentBytes(), StandardCharsets.UTF_8)).isEqualTo(SeedServer.expectedText("demo"));
        assertThat(tab.progressProperty().get()).isEqualTo(1.0);
        assertThat(tab.chunksProperty().get()).isEqualTo(10);
        assertThat(tab.totalChunksProperty().get()).isEqualTo(10);
        assertThat(tab.finalCodeProperty().get()).isEqualTo(Status.Code.OK);
        assertThat(tab.explanationProperty().get()).startsWith("OK");
        assertThat(tab.firstChunkMillisProperty().get()).isGreaterThanOrEqualTo(0);
        assertThat(tab.statusLineProperty().get()).contains("Completed").contains("10 / 10 chunks");
        assertThat(tab.canStartProperty().get()).isTrue();
        assertThat(tab.canCancelProperty().get()).isFalse();
        assertThat(tab.suggestedFileName()).isEqualTo("demo.txt");
        assertThat(tab.isPartial()).isFalse();
    }

    @Test
    void withoutTotalChunksProgressStaysIndeterminateThenEndsFull() throws Exception {
        try (SeedServer seed = new SeedServer(20)) {
            Connection c = new Connection(seed.target(), false, seed.channel, new ReportClient(seed.channel));
            tab.start(c, "q3", null);
            harness.awaitUi(() -> tab.getState() == StreamState.STREAMING);
            assertThat(tab.progressProperty().get()).isEqualTo(ReportTabViewModel.INDETERMINATE);
            harness.awaitUi(() -> tab.getState() == StreamState.COMPLETED);
            assertThat(tab.progressProperty().get()).isEqualTo(1.0);
            assertThat(tab.totalChunksProperty().get()).isZero();
            assertThat(new String(harness.documentBytes(), StandardCharsets.UTF_8)).isEqualTo(SeedServer.expectedText("q3"));
        }
    }

    @Test
    void cancelMidStreamKeepsPartialTextAndTheServerSeesIt() throws Exception {
        CallRecords records = CallRecords.on(server.server().metrics());
        String id = "synthetic?size=200B&chunk=1B&delay=50";
        tab.start(connection, id, null);
        harness.awaitUi(() -> tab.chunksProperty().get() >= 3);
        tab.cancel();
        assertThat(tab.canCancelProperty().get()).as("Cancel is off once pressed").isFalse();

        harness.awaitUi(() -> tab.getState() == StreamState.CANCELLED);
        CallRecord record = records.next(WAIT);
        assertThat(record.status()).isEqualTo(Status.Code.CANCELLED);
        assertThat(record.chunksSent()).isLessThan(200);

        byte[] partial = harness.documentBytes();
        assertThat(partial).hasSize((int) tab.chunksProperty().get()).isNotEmpty();
        assertThat(partial).isEqualTo(synthetic(partial.length));
        assertThat(tab.finalCodeProperty().get()).isEqualTo(Status.Code.CANCELLED);
        assertThat(tab.explanationProperty().get()).startsWith("CANCELLED").contains("kept");
        assertThat(tab.progressProperty().get()).isBetween(0.0, 1.0);
        assertThat(tab.canStartProperty().get()).isTrue();
        assertThat(tab.isPartial()).isTrue();
        assertThat(tab.suggestedFileName()).endsWith(".partial.txt").startsWith("synthetic_size_200B");
    }

    @Test
    void unknownIdEndsNotFound() {
        tab.start(connection, "no-such-report", null);
        harness.awaitUi(() -> tab.getState() == StreamState.FAILED);
        assertThat(tab.finalCodeProperty().get()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(tab.explanationProperty().get()).contains("NOT_FOUND").contains("no-such-report");
    }

    @Test
    void closedPortEndsUnavailableAndTheTabCanStartAgain() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free it: nothing listens there any more
        }
        Target dead = new Target("127.0.0.1", port);
        ManagedChannel channel = Channels.plaintext(dead);
        try {
            tab.start(new Connection(dead, false, channel, new ReportClient(channel)), "demo", null);
            harness.awaitUi(() -> tab.getState() == StreamState.FAILED);
            assertThat(tab.finalCodeProperty().get()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(tab.explanationProperty().get()).contains("server not reachable at 127.0.0.1:" + port);
            assertThat(tab.canStartProperty().get()).isTrue();

            tab.start(connection, "demo", null);
            harness.awaitUi(() -> tab.getState() == StreamState.COMPLETED);
        } finally {
            Channels.shutdown(channel);
        }
    }

    @Test
    void deadlineEndsDeadlineExceededWithPartialKept() {
        tab.start(connection, "synthetic?size=200B&chunk=1B&delay=50", Duration.ofMillis(600));
        harness.awaitUi(() -> tab.getState() == StreamState.FAILED);
        assertThat(tab.finalCodeProperty().get()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(tab.explanationProperty().get()).contains("600 ms");
    }

    @Test
    void saveWritesTheExactBytes() throws Exception {
        tab.start(connection, "synthetic?size=100KiB&chunk=4KiB", null);
        harness.awaitUi(() -> tab.getState() == StreamState.COMPLETED);
        Path file = temp.resolve("out/report.txt");
        Files.createDirectories(file.getParent());

        long written = tab.save(file).get();
        harness.ui().runPending();

        assertThat(written).isEqualTo(100 * 1024);
        assertThat(Files.readAllBytes(file)).isEqualTo(synthetic(100 * 1024));
        assertThat(tab.messageProperty().get()).startsWith("Saved 100 KiB to");
    }

    @Test
    void startIsRefusedWhileStreamingAndForAnEmptyId() {
        assertThat(tab.start(connection, "  ", null)).isFalse();
        assertThat(tab.messageProperty().get()).contains("report id");
        tab.start(connection, "synthetic?size=200B&chunk=1B&delay=50", null);
        assertThat(tab.start(connection, "demo", null)).isFalse();
        assertThat(tab.messageProperty().get()).contains("still streaming");
        tab.cancel();
        harness.awaitUi(() -> tab.getState() == StreamState.CANCELLED);
    }
}
