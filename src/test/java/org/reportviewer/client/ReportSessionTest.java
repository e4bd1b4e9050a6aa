package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.reportviewer.testing.ManualExecutor;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reportviewer.server.CallRecord;
import org.reportviewer.server.SyntheticText;
import org.reportviewer.testing.CallRecords;
import org.reportviewer.testing.InProcessReportServer;

/**
 * The one report session behind the window's tabs and the CLI's fetch, on the in-process transport:
 * snapshots latest-wins, totals across a cancel and a resume, the resume asking for the missing
 * chunks only.
 */
class ReportSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final InProcessReportServer server = InProcessReportServer.standard(0);


    private static byte[] synthetic(int n) {
        byte[] b = new byte[n];
        new SyntheticText().fill(0, b);
        return b;
    }

    @Test
    void snapshotsCostAtMostOnePendingTaskAndTheLastOneHasTheTotals() throws Exception {
        ManualExecutor ui = new ManualExecutor();
        List<SessionSnapshot> seen = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportSession session = new ReportSession("synthetic?size=64KiB&chunk=64B", new OutputStreamSink(out, 0, false),
                SessionOptions.defaults(), null, ui, seen::add);
        var ended = session.start(server.client());
        int[] mostPending = {0};
        await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(() -> {
            mostPending[0] = Math.max(mostPending[0], ui.pending());
            ui.runPending();
            return ended.isDone();
        });
        mostPending[0] = Math.max(mostPending[0], ui.pending());
        ui.runPending();

        assertThat(mostPending[0]).as("UI tasks pending at once for 1,024 chunks").isLessThanOrEqualTo(1);
        assertThat(seen.size()).as("snapshots delivered").isLessThan(1024);
        SessionSnapshot last = seen.get(seen.size() - 1);
        assertThat(last).isEqualTo(ended.get());
        assertThat(last.phase()).isEqualTo(SessionSnapshot.Phase.COMPLETED);
        assertThat(last.status().isOk()).isTrue();
        assertThat(last.chunks()).isEqualTo(1024);
        assertThat(last.bytes()).isEqualTo(64 << 10);
        assertThat(last.totalChunks()).isEqualTo(1024);
        assertThat(last.progress()).isEqualTo(1.0);
        assertThat(last.runs()).isEqualTo(1);
        assertThat(last.resumedAt()).isEqualTo(-1);
        assertThat(out.toByteArray()).isEqualTo(synthetic(64 << 10));
    }

    @Test
    void cancelThenResumeCarriesTheTotalsAndAsksOnlyForWhatIsMissing() throws Exception {
        String id = "synthetic?size=300B&chunk=1B&delay=10";
        CallRecords records = CallRecords.on(server.server().metrics(), id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportSession session = new ReportSession(id, new OutputStreamSink(out, 0, false), SessionOptions.defaults(),
                null, null, null);
        var first = session.start(server.client());
        await().atMost(WAIT).until(() -> session.snapshot().chunks() >= 5);
        session.cancel("stop for the test");
        SessionSnapshot cancelled = first.get(20, TimeUnit.SECONDS);
        assertThat(cancelled.phase()).isEqualTo(SessionSnapshot.Phase.CANCELLED);
        assertThat(cancelled.status().getDescription()).isEqualTo("stop for the test");
        assertThat(cancelled.resumable()).isTrue();
        int had = cancelled.nextChunk();
        assertThat(cancelled.chunks()).isEqualTo(had);
        records.next(WAIT); // the cancelled call

        SessionSnapshot done = session.resume(server.client()).get(20, TimeUnit.SECONDS);

        assertThat(done.phase()).isEqualTo(SessionSnapshot.Phase.COMPLETED);
        assertThat(done.runs()).isEqualTo(2);
        assertThat(done.resumedAt()).isEqualTo(had);
        assertThat(done.chunks()).as("counts carry on across runs").isEqualTo(300);
        assertThat(done.bytes()).isEqualTo(300);
        assertThat(done.firstChunkNanos()).as("time to first chunk is the first run's")
                .isEqualTo(cancelled.firstChunkNanos());
        assertThat(done.elapsedNanos()).isGreaterThan(cancelled.elapsedNanos());
        assertThat(out.toByteArray()).isEqualTo(synthetic(300));
        CallRecord resumed = records.next(WAIT);
        assertThat(resumed.startChunk()).isEqualTo(had);
        assertThat(resumed.chunksSent()).isEqualTo(300 - had);
    }

    @Test
    void aCancelBeforeTheStartEndsTheRunAtOnceWithItsReason() throws Exception {
        ReportSession session = new ReportSession("demo", new OutputStreamSink(new ByteArrayOutputStream(), 0, false),
                SessionOptions.defaults(), null, null, null);
        session.cancel("changed my mind");
        SessionSnapshot s = session.start(server.client()).get(20, TimeUnit.SECONDS);
        assertThat(s.status().getCode()).isEqualTo(Status.Code.CANCELLED);
        assertThat(s.status().getDescription()).isEqualTo("changed my mind");
        assertThat(s.chunks()).isZero();
    }

    @Test
    void aFailureThatWouldRepeatIsNotResumable() throws Exception {
        ReportSession session = new ReportSession("no-such-report",
                new OutputStreamSink(new ByteArrayOutputStream(), 0, false), SessionOptions.defaults(), null, null, null);
        SessionSnapshot s = session.start(server.client()).get(20, TimeUnit.SECONDS);
        assertThat(s.phase()).isEqualTo(SessionSnapshot.Phase.FAILED);
        assertThat(s.status().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(s.resumable()).isFalse();
    }
}
