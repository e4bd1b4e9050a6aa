package org.reportviewer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.client.Channels;
import org.reportviewer.client.ReportClient;
import org.reportviewer.client.Target;
import org.reportviewer.server.CallRecord;
import org.reportviewer.server.SyntheticText;
import org.reportviewer.testing.CallRecords;
import org.reportviewer.testing.LoopbackServer;
import org.reportviewer.testing.SeedServer;
import org.reportviewer.document.ReportDocument;

/** The tab view-model against a real loopback server, with no JavaFX toolkit. */
class ReportTabViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static LoopbackServer loopback;
    private static ExecutorService io;

    @TempDir
    Path temp;
    private ManualUiExecutor ui;
    private ReportTabViewModel tab;
    private Connection connection;

    @BeforeAll
    static void startServer() throws Exception {
        loopback = LoopbackServer.standard(5, null);
        io = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stopServer() {
        loopback.close();
        io.shutdownNow();
    }

    @BeforeEach
    void newTab() {
        ui = new ManualUiExecutor();
        tab = new ReportTabViewModel(ui, io, ReportDocument::createTemp);
        connection = new Connection(loopback.target(), false, loopback.channel, loopback.client);
    }

    @AfterEach
    void dispose() {
        tab.dispose();
    }

    /** Waits while running the "UI thread" tasks on this thread. */
    private void awaitUi(BooleanSupplier condition) {
        await().atMost(WAIT).until(() -> {
            ui.runPending();
            return condition.getAsBoolean();
        });
    }

    /** The first {@code n} bytes every synthetic report starts with. */
    static byte[] synthetic(int n) {
        byte[] b = new byte[n];
        new SyntheticText().fill(0, b);
        return b;
    }

    private byte[] documentBytes() throws Exception {
        Path out = temp.resolve("doc-" + System.nanoTime() + ".txt");
        tab.documentProperty().get().saveTo(out);
        return Files.readAllBytes(out);
    }

    @Test
    void demoCompletesWithExactTextFullProgressAndOk() throws Exception {
        assertThat(tab.start(connection, "demo", null)).isTrue();
        assertThat(tab.getState()).isEqualTo(StreamState.CONNECTING);
        assertThat(tab.canStartProperty().get()).isFalse();
        assertThat(tab.canCancelProperty().get()).isTrue();

        awaitUi(() -> tab.getState() == StreamState.COMPLETED);

        assertThat(new String(documentBytes(), StandardCharsets.UTF_8)).isEqualTo(SeedServer.expectedText("demo"));
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
            awaitUi(() -> tab.getState() == StreamState.STREAMING);
            assertThat(tab.progressProperty().get()).isEqualTo(ReportTabViewModel.INDETERMINATE);
            awaitUi(() -> tab.getState() == StreamState.COMPLETED);
            assertThat(tab.progressProperty().get()).isEqualTo(1.0);
            assertThat(tab.totalChunksProperty().get()).isZero();
            assertThat(new String(documentBytes(), StandardCharsets.UTF_8)).isEqualTo(SeedServer.expectedText("q3"));
        }
    }

    @Test
    void cancelMidStreamKeepsPartialTextAndTheServerSeesIt() throws Exception {
        CallRecords records = CallRecords.on(loopback.server.metrics());
        String id = "synthetic?size=200B&chunk=1B&delay=50";
        tab.start(connection, id, null);
        awaitUi(() -> tab.chunksProperty().get() >= 3);
        tab.cancel();
        assertThat(tab.canCancelProperty().get()).as("Cancel is off once pressed").isFalse();

        awaitUi(() -> tab.getState() == StreamState.CANCELLED);
        CallRecord record = records.next(WAIT);
        assertThat(record.status()).isEqualTo(Status.Code.CANCELLED);
        assertThat(record.chunksSent()).isLessThan(200);

        byte[] partial = documentBytes();
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
        awaitUi(() -> tab.getState() == StreamState.FAILED);
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
            awaitUi(() -> tab.getState() == StreamState.FAILED);
            assertThat(tab.finalCodeProperty().get()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(tab.explanationProperty().get()).contains("server not reachable at 127.0.0.1:" + port);
            assertThat(tab.canStartProperty().get()).isTrue();

            tab.start(connection, "demo", null);
            awaitUi(() -> tab.getState() == StreamState.COMPLETED);
        } finally {
            Channels.shutdown(channel);
        }
    }

    @Test
    void deadlineEndsDeadlineExceededWithPartialKept() {
        tab.start(connection, "synthetic?size=200B&chunk=1B&delay=50", Duration.ofMillis(600));
        awaitUi(() -> tab.getState() == StreamState.FAILED);
        assertThat(tab.finalCodeProperty().get()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(tab.explanationProperty().get()).contains("600 ms");
    }

    @Test
    void saveWritesTheExactBytes() throws Exception {
        tab.start(connection, "synthetic?size=100KiB&chunk=4KiB", null);
        awaitUi(() -> tab.getState() == StreamState.COMPLETED);
        Path file = temp.resolve("out/report.txt");
        Files.createDirectories(file.getParent());

        long written = tab.save(file).get();
        ui.runPending();

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
        awaitUi(() -> tab.getState() == StreamState.CANCELLED);
    }
}
