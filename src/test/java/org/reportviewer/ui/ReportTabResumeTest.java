package org.reportviewer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reportviewer.client.Connection;
import org.reportviewer.client.ReportClient;
import org.reportviewer.server.CallRecord;
import org.reportviewer.server.DemoSource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.SyntheticSource;
import org.reportviewer.testing.CallRecords;
import org.reportviewer.testing.LoopbackServer;
import org.reportviewer.testing.SeedServer;
import org.reportviewer.document.ReportDocument;

/**
 * Resume in a tab, with no JavaFX toolkit: a real server is shut down mid-stream, and Resume against
 * another real server appends exactly the missing chunks to the same document.
 */
class ReportTabResumeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** 300 chunks of 10 bytes, 10 ms apart: long enough to be interrupted, short enough to finish. */
    private static final String REPORT = "synthetic?size=3000B&chunk=10B&delay=10";
    @RegisterExtension
    final ViewModelHarness harness = ViewModelHarness.forTab(WAIT);

    private ReportTabViewModel tab;

    @BeforeEach
    void newTab() {
        tab = harness.newTab();
    }

    /** A server whose close() ends streams still running after 100 ms with UNAVAILABLE. */
    private static LoopbackServer shortGraceServer() throws Exception {
        return new LoopbackServer(new ReportCatalog(List.of(new DemoSource(0), new SyntheticSource())),
                Duration.ofMillis(100));
    }

    private static Connection connectionTo(LoopbackServer s) {
        return new Connection(s.target(), false, s.channel, s.client);
    }

    @Test
    void serverShutDownMidStreamThenResumeOnAnotherServerIsByteIdentical() throws Exception {
        LoopbackServer first = shortGraceServer();
        int failedAt;
        try {
            assertThat(tab.canResumeProperty().get()).as("nothing to resume before a start").isFalse();
            tab.start(connectionTo(first), REPORT, null);
            harness.awaitUi(() -> tab.chunksProperty().get() >= 20);
            // close() blocks for the grace period; the stream ends meanwhile.
            CompletableFuture<Void> closing = CompletableFuture.runAsync(first::close);
            harness.awaitUi(() -> tab.getState() == StreamState.FAILED);
            closing.get();
            assertThat(tab.finalCodeProperty().get()).isEqualTo(Status.Code.UNAVAILABLE);
            failedAt = (int) tab.chunksProperty().get();
            assertThat(failedAt).isBetween(20, 299);
            assertThat(tab.nextChunk()).isEqualTo(failedAt);
            assertThat(tab.canResumeProperty().get()).isTrue();
            assertThat(tab.explanationProperty().get()).startsWith("UNAVAILABLE")
                    .contains("Resume continues from chunk " + failedAt);
        } finally {
            first.close();
        }

        try (LoopbackServer second = shortGraceServer()) {
            CallRecords records = CallRecords.on(second.server.metrics());
            ReportDocument before = tab.documentProperty().get();
            assertThat(tab.resume(connectionTo(second))).isTrue();
            assertThat(tab.messageProperty().get()).isEqualTo("Resumed at chunk " + failedAt);
            assertThat(tab.canResumeProperty().get()).isFalse();
            assertThat(tab.canStartProperty().get()).isFalse();
            assertThat(tab.chunksProperty().get()).as("counts carry on").isEqualTo(failedAt);
            assertThat(tab.explanationProperty().get()).startsWith("Resumed at chunk " + failedAt);

            harness.awaitUi(() -> tab.getState() == StreamState.COMPLETED);

            assertThat(tab.documentProperty().get()).as("the same document, appended to").isSameAs(before);
            assertThat(harness.documentBytes()).isEqualTo(ReportTabViewModelTest.synthetic(3000));
            assertThat(tab.chunksProperty().get()).isEqualTo(300);
            assertThat(tab.bytesProperty().get()).isEqualTo(3000);
            assertThat(tab.totalChunksProperty().get()).isEqualTo(300);
            assertThat(tab.progressProperty().get()).isEqualTo(1.0);
            assertThat(tab.statusLineProperty().get()).contains("300 / 300 chunks");
            assertThat(tab.explanationProperty().get()).startsWith("OK").contains("Resumed at chunk " + failedAt);
            assertThat(tab.isPartial()).isFalse();
            assertThat(tab.canResumeProperty().get()).isFalse();

            CallRecord resumed = records.next(WAIT);
            assertThat(resumed.startChunk()).as("the server was asked for the missing chunks only")
                    .isEqualTo(failedAt);
            assertThat(resumed.chunksSent()).isEqualTo(300 - failedAt);
        }
    }

    @Test
    void resumeAgainstAServerThatIgnoresStartChunkSkipsWhatTheTabHas() throws Exception {
        SeedServer first = new SeedServer(150);
        Connection c1 = new Connection(first.target(), false, first.channel, new ReportClient(first.channel));
        tab.start(c1, "q3", null);
        harness.awaitUi(() -> tab.chunksProperty().get() >= 3);
        first.server.shutdownNow(); // the connection drops mid-stream
        harness.awaitUi(() -> !tab.getState().busy());
        first.close();
        // A forced server shutdown resets the HTTP/2 stream: grpc-java reports that as CANCELLED.
        assertThat(tab.getState()).isIn(StreamState.FAILED, StreamState.CANCELLED);
        assertThat(tab.canResumeProperty().get()).isTrue();
        assertThat(ReportTabViewModel.resumable(tab.finalCodeProperty().get())).isTrue();
        long had = tab.chunksProperty().get();
        assertThat(had).isBetween(3L, 9L);

        try (SeedServer second = new SeedServer(0)) {
            Connection c2 = new Connection(second.target(), false, second.channel, new ReportClient(second.channel));
            assertThat(tab.resume(c2)).isTrue();
            harness.awaitUi(() -> tab.getState() == StreamState.COMPLETED);
            assertThat(new String(harness.documentBytes(), StandardCharsets.UTF_8)).isEqualTo(SeedServer.expectedText("q3"));
            assertThat(tab.chunksProperty().get()).isEqualTo(10);
        }
    }

    @Test
    void cancelThenResumeCompletesAndStartAfterwardsBeginsAFreshDocument() throws Exception {
        try (LoopbackServer server = shortGraceServer()) {
            Connection c = connectionTo(server);
            tab.start(c, REPORT, null);
            harness.awaitUi(() -> tab.chunksProperty().get() >= 5);
            tab.cancel();
            harness.awaitUi(() -> tab.getState() == StreamState.CANCELLED);
            assertThat(tab.canResumeProperty().get()).isTrue();
            long had = tab.chunksProperty().get();

            assertThat(tab.resume(c)).isTrue();
            assertThat(tab.messageProperty().get()).isEqualTo("Resumed at chunk " + had);
            harness.awaitUi(() -> tab.getState() == StreamState.COMPLETED);
            assertThat(harness.documentBytes()).isEqualTo(ReportTabViewModelTest.synthetic(3000));

            ReportDocument resumedDoc = tab.documentProperty().get();
            assertThat(tab.start(c, "demo", null)).isTrue();
            assertThat(tab.documentProperty().get()).isNotSameAs(resumedDoc);
            harness.awaitUi(() -> tab.getState() == StreamState.COMPLETED);
            assertThat(new String(harness.documentBytes(), StandardCharsets.UTF_8)).isEqualTo(SeedServer.expectedText("demo"));
            assertThat(tab.chunksProperty().get()).isEqualTo(10);
            assertThat(tab.explanationProperty().get()).doesNotContain("Resumed");
        }
    }

    @Test
    void aFailureThatWouldRepeatOffersNoResume() throws Exception {
        try (LoopbackServer server = shortGraceServer()) {
            tab.start(connectionTo(server), "no-such-report", null);
            harness.awaitUi(() -> tab.getState() == StreamState.FAILED);
            assertThat(tab.finalCodeProperty().get()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(tab.canResumeProperty().get()).isFalse();
            assertThat(tab.resume(connectionTo(server))).isFalse();
            assertThat(tab.messageProperty().get()).contains("cannot be continued");
            assertThat(tab.getState()).isEqualTo(StreamState.FAILED);
        }
    }
}
