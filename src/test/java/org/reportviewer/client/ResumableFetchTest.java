package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reportviewer.testing.LoopbackServerExtension;
import org.reportviewer.testing.RecordingListener;

/** The retry loop against a real loopback server: what is retried, what is not, and how it stops. */
class ResumableFetchTest {

    @RegisterExtension
    static final LoopbackServerExtension loopback = LoopbackServerExtension.standard(5);

    private static ResumableFetch fetch(ReportClient client, String id, ChunkSink sink, RetryPolicy policy,
            Duration deadline, ResumableFetch.Progress progress) {
        return new ResumableFetch(client, id, sink, policy, deadline, 4, null, progress);
    }

    @Test
    void deliversTheWholeReportAndFinishesTheSink() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamSink sink = new OutputStreamSink(out, 0, false);
        FetchOutcome o = fetch(loopback.client(), "synthetic?size=100000&chunk=1000", sink, RetryPolicy.retries(3), null,
                null).run();

        assertThat(o.ok()).isTrue();
        assertThat(o.chunks()).isEqualTo(100);
        assertThat(o.bytes()).isEqualTo(100_000);
        assertThat(o.retries()).isZero();
        assertThat(o.nextChunk()).isEqualTo(100);
        RecordingListener reference = new RecordingListener();
        loopback.client().fetch(FetchRequest.of("synthetic?size=100000&chunk=1000"), reference);
        assertThat(reference.done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out.toByteArray()).isEqualTo(reference.bytes());
    }

    @Test
    void aWrongRequestIsNotRetried() {
        List<Status> retried = new CopyOnWriteArrayList<>();
        long before = loopback.server().metrics().failed();
        FetchOutcome o = fetch(loopback.client(), "no-such-report", new OutputStreamSink(new ByteArrayOutputStream(), 0,
                false), RetryPolicy.retries(5), null, new ResumableFetch.Progress() {
                    @Override
                    public void onRetry(int retry, int max, Status failure, Duration delay) {
                        retried.add(failure);
                    }
                }).run();

        assertThat(o.status().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(o.retries()).isZero();
        assertThat(retried).isEmpty();
        // The server records the call just after it has told the client.
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(loopback.server().metrics().failed() - before).isEqualTo(1));
    }

    @Test
    void anUnreachableServerIsRetriedUpToTheLimitThenUnavailable() {
        ManagedChannel nowhere = Channels.plaintext(new Target("127.0.0.1", 1)); // nothing listens on port 1
        try {
            List<Duration> delays = new CopyOnWriteArrayList<>();
            RetryPolicy fast = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), 2);
            FetchOutcome o = new ResumableFetch(new ReportClient(nowhere), "demo",
                    new OutputStreamSink(new ByteArrayOutputStream(), 0, false), fast, null, 4,
                    nowhere::resetConnectBackoff, new ResumableFetch.Progress() {
                        @Override
                        public void onRetry(int retry, int max, Status failure, Duration delay) {
                            assertThat(failure.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                            delays.add(delay);
                        }
                    }).run();

            assertThat(o.status().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(o.retries()).isEqualTo(3);
            assertThat(delays).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(delays.get(i)).isBetween(fast.baseBackoff(i + 1).dividedBy(2), fast.baseBackoff(i + 1));
            }
        } finally {
            Channels.shutdown(nowhere);
        }
    }

    @Test
    void theDeadlineCoversTheWholeRunAndIsNotRetried() {
        FetchOutcome o = fetch(loopback.client(), "synthetic?size=1000B&chunk=1B&delay=20",
                new OutputStreamSink(new ByteArrayOutputStream(), 0, false), RetryPolicy.retries(5),
                Duration.ofMillis(300), null).run();

        assertThat(o.status().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(o.retries()).isZero();
        // However many chunks came before the deadline (none on a loaded machine), they were kept in order.
        assertThat(o.chunks()).isLessThan(1000);
        assertThat(o.nextChunk()).isEqualTo(o.chunks());
    }

    @Test
    void aSinkThatCannotWriteStopsTheRunWithoutRetrying() {
        OutputStreamSink inner = new OutputStreamSink(new ByteArrayOutputStream(), 0, false);
        ChunkSink full = new ChunkSink() { // a disk that fills up at chunk 3
            @Override
            public int nextChunk() {
                return inner.nextChunk();
            }

            @Override
            public long bytes() {
                return inner.bytes();
            }

            @Override
            public int totalChunks() {
                return inner.totalChunks();
            }

            @Override
            public void write(int chunkNumber, int totalChunks, ByteString data) throws IOException {
                if (chunkNumber == 3) {
                    throw new IOException("No space left on device");
                }
                inner.write(chunkNumber, totalChunks, data);
            }

            @Override
            public void finish() throws IOException {
                inner.finish();
            }

            @Override
            public void abandon() throws IOException {
                inner.abandon();
            }
        };
        long before = loopback.server().metrics().started();
        FetchOutcome o = fetch(loopback.client(), "demo", full, RetryPolicy.retries(5), null, null).run();

        assertThat(o.status().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(o.status().getDescription()).contains("could not handle chunk 3").contains("No space left on device");
        assertThat(o.retries()).isZero();
        assertThat(o.chunks()).isEqualTo(3);
        assertThat(o.nextChunk()).isEqualTo(3);
        assertThat(loopback.server().metrics().started() - before).isEqualTo(1);
    }

    @Test
    void cancelStopsTheStreamWithItsReason() throws Exception {
        CountDownLatch two = new CountDownLatch(2);
        ResumableFetch[] self = new ResumableFetch[1];
        self[0] = fetch(loopback.client(), "synthetic?size=1000B&chunk=1B&delay=20",
                new OutputStreamSink(new ByteArrayOutputStream(), 0, false), RetryPolicy.retries(5), null,
                new ResumableFetch.Progress() {
                    @Override
                    public void onChunk(int chunkNumber, int totalChunks, int chunksThisRun, long bytesHeld) {
                        two.countDown();
                    }
                });
        CompletableFuture<FetchOutcome> run = CompletableFuture.supplyAsync(self[0]::run);
        assertThat(two.await(20, TimeUnit.SECONDS)).isTrue();
        self[0].cancel("stopped by the test");
        FetchOutcome o = run.get(20, TimeUnit.SECONDS);

        assertThat(o.status().getCode()).isEqualTo(Status.Code.CANCELLED);
        assertThat(o.status().getDescription()).isEqualTo("stopped by the test");
        assertThat(o.cancelRequested()).isTrue();
        assertThat(o.retries()).isZero();
        assertThat(o.chunks()).isLessThan(1000);
    }

    @Test
    void cancelDuringTheBackoffEndsTheWaitAtOnce() throws Exception {
        ManagedChannel nowhere = Channels.plaintext(new Target("127.0.0.1", 1));
        try {
            CountDownLatch waiting = new CountDownLatch(1);
            // A one-hour backoff: only the cancel can end this run within the test's timeout.
            RetryPolicy slow = new RetryPolicy(5, Duration.ofHours(1), Duration.ofHours(1), 1);
            ResumableFetch f = new ResumableFetch(new ReportClient(nowhere), "demo",
                    new OutputStreamSink(new ByteArrayOutputStream(), 0, false), slow, null, 4, null,
                    new ResumableFetch.Progress() {
                        @Override
                        public void onRetry(int retry, int max, Status failure, Duration delay) {
                            waiting.countDown();
                        }
                    });
            CompletableFuture<FetchOutcome> run = CompletableFuture.supplyAsync(f::run);
            assertThat(waiting.await(20, TimeUnit.SECONDS)).isTrue();
            f.cancel("user pressed stop");
            FetchOutcome o = run.get(20, TimeUnit.SECONDS);

            assertThat(o.status().getCode()).isEqualTo(Status.Code.CANCELLED);
            assertThat(o.status().getDescription())
                    .startsWith("user pressed stop while waiting to reconnect after UNAVAILABLE");
        } finally {
            Channels.shutdown(nowhere);
        }
    }

    @Test
    void anInterruptActsAsACancel() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        ResumableFetch f = fetch(loopback.client(), "synthetic?size=1000B&chunk=1B&delay=20",
                new OutputStreamSink(new ByteArrayOutputStream(), 0, false), RetryPolicy.none(), null,
                new ResumableFetch.Progress() {
                    @Override
                    public void onChunk(int chunkNumber, int totalChunks, int chunksThisRun, long bytesHeld) {
                        first.countDown();
                    }
                });
        CompletableFuture<FetchOutcome> result = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            result.complete(f.run());
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });
        runner.start();
        assertThat(first.await(20, TimeUnit.SECONDS)).isTrue();
        runner.interrupt();
        FetchOutcome o = result.get(20, TimeUnit.SECONDS);
        runner.join(20_000);
        assertThat(runner.isAlive()).as("run() returned and the thread ended").isFalse();

        assertThat(o.status().getCode()).isEqualTo(Status.Code.CANCELLED);
        assertThat(o.status().getDescription()).isEqualTo("interrupted");
        assertThat(stillInterrupted.get(20, TimeUnit.SECONDS)).as("the interrupt is kept for the caller").isTrue();
    }
}
