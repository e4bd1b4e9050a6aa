package org.reportviewer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Status.Code;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reportviewer.proto.ReportChunk;
import org.reportviewer.proto.ReportInfo;
import org.reportviewer.proto.ReportRequest;
import org.reportviewer.proto.ReportServiceGrpc;
import org.reportviewer.testing.CallRecords;
import org.reportviewer.testing.InProcessReportServer;

/**
 * A report stopped by a cancel says so in the access log, even when the stopped work fails at once:
 * the cancel wakes the blocked producer, which must not log the call before the cancel's note exists.
 */
class CancelNoteTest {

    /** chunk() blocks until cancel() wakes it; cancel() then lingers before it returns its note. */
    static final class BlockedWork implements Report, ReportSource {
        final CountDownLatch producing = new CountDownLatch(1);
        final CountDownLatch woken = new CountDownLatch(1);
        final CountDownLatch logged = new CountDownLatch(1);

        @Override
        public int totalChunks() {
            return 0;
        }

        @Override
        public ByteString chunk(int index) throws IOException {
            producing.countDown();
            try {
                woken.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("the work was interrupted");
        }

        @Override
        public String cancel() {
            woken.countDown();
            try {
                // Without the pump's guard the producer logs the call during this pause.
                logged.await(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "the blocked work was stopped";
        }

        @Override
        public Optional<Report> open(String reportId) {
            return reportId.equals("blocked") ? Optional.of(this) : Optional.empty();
        }

        @Override
        public List<ReportInfo> list() {
            return List.of();
        }
    }

    final BlockedWork work = new BlockedWork();

    @RegisterExtension
    final InProcessReportServer server = new InProcessReportServer(new ReportCatalog(List.of(work)),
            Duration.ofSeconds(2));

    @Test
    void theCancelsNoteIsLoggedEvenWhenTheStoppedWorkFailsAtOnce() throws Exception {
        CallRecords records = CallRecords.on(server.server().metrics(), "blocked");
        server.server().metrics().addListener(r -> work.logged.countDown());
        Context.CancellableContext context = Context.current().withCancellation();
        context.run(() -> ReportServiceGrpc.newStub(server.channel()).generateReport(
                ReportRequest.newBuilder().setReportId("blocked").build(), new Ignored()));
        assertThat(work.producing.await(10, TimeUnit.SECONDS)).isTrue();

        context.cancel(null);

        CallRecord record = records.next(Duration.ofSeconds(10));
        assertThat(record.status()).isEqualTo(Code.CANCELLED);
        assertThat(record.logLine()).contains("the blocked work was stopped");
    }

    private static final class Ignored implements StreamObserver<ReportChunk> {
        @Override
        public void onNext(ReportChunk value) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
    }
}
