package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reportviewer.server.CallRecord;
import org.reportviewer.server.DemoSource;
import org.reportviewer.server.SyntheticText;
import org.reportviewer.testing.CallRecords;
import org.reportviewer.testing.LoopbackServerExtension;
import org.reportviewer.testing.RecordingListener;
import org.reportviewer.testing.SeedServer;

/** Real Netty server and client on loopback: the streaming core end to end. */
class ReportStreamingEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    @RegisterExtension
    static final LoopbackServerExtension loopback = LoopbackServerExtension.standard(20);

    private static RecordingListener fetch(FetchRequest request) throws InterruptedException {
        RecordingListener listener = new RecordingListener();
        loopback.client().fetch(request, listener);
        assertThat(listener.done.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("stream ended").isTrue();
        return listener;
    }

    @Test
    void demoReportArrivesInOrderWithExactBytes() throws Exception {
        CallRecords records = CallRecords.on(loopback.server().metrics(), "demo");
        RecordingListener l = fetch(FetchRequest.of("demo"));

        assertThat(l.failure).isNull();
        assertThat(l.chunkNumbers).containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
        assertThat(l.text()).isEqualTo(SeedServer.expectedText("demo"));
        assertThat(l.totals).containsOnly(10);
        assertThat(l.finalStats.chunks()).isEqualTo(10);
        assertThat(l.finalStats.bytes()).isEqualTo(l.bytes().length);
        assertThat(l.finalStats.firstChunkNanos()).isPositive();
        CallRecord record = records.next(WAIT);
        assertThat(record.status()).isEqualTo(Status.Code.OK);
        assertThat(record.logLine()).contains("completed 10 chunks, " + l.bytes().length + " bytes");
    }

    @Test
    void cancelAfterThreeChunksStopsTheServer() throws Exception {
        String id = "synthetic?size=50B&chunk=1B&delay=200";
        CallRecords records = CallRecords.on(loopback.server().metrics(), id);
        CountDownLatch three = new CountDownLatch(3);
        RecordingListener l = new RecordingListener() {
            @Override
            public void onChunk(int n, int total, com.google.protobuf.ByteString data) throws Exception {
                super.onChunk(n, total, data);
                three.countDown();
            }
        };
        // A slow report (one chunk every 200 ms, 50 chunks) so that cancelling early really matters.
        ReportCall call = loopback.client().fetch(FetchRequest.of(id), l);
        assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
        call.cancel();

        assertThat(l.done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(l.failure.getCode()).isEqualTo(Status.Code.CANCELLED);
        assertThat(l.chunkNumbers).startsWith(0, 1, 2);
        CallRecord record = records.next(WAIT);
        assertThat(record.status()).isEqualTo(Status.Code.CANCELLED);
        assertThat(record.chunksSent()).isLessThan(50);
        assertThat(record.chunksAfterCancel()).isLessThanOrEqualTo(1);
        assertThat(record.logLine()).contains("cancelled after " + record.chunksSent() + " chunks");
        Awaitility.await().atMost(WAIT).until(() -> loopback.server().metrics().activeStreams() == 0);
        assertThat(call.result().get(5, TimeUnit.SECONDS).status().getCode()).isEqualTo(Status.Code.CANCELLED);
    }

    @Test
    void deadlineEndsTheCallOnBothSides() throws Exception {
        String id = "synthetic?size=100B&chunk=1B&delay=50";
        CallRecords records = CallRecords.on(loopback.server().metrics(), id);
        RecordingListener l = fetch(FetchRequest.of(id)
                .withDeadline(Duration.ofMillis(300)));

        assertThat(l.failure.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        // However many chunks beat the deadline (none on a loaded machine): in order from 0, not all.
        assertThat(l.chunkNumbers).hasSizeLessThan(100)
                .isEqualTo(IntStream.range(0, l.chunkNumbers.size()).boxed().toList());
        if (!l.chunkNumbers.isEmpty()) { // else the deadline may have passed before the server saw the call
            CallRecord record = records.next(WAIT);
            assertThat(record.status()).isIn(Status.Code.DEADLINE_EXCEEDED, Status.Code.CANCELLED);
            assertThat(record.chunksSent()).isLessThan(100);
        }
    }

    @Test
    void resumeYieldsTheExactRemainingBytes() throws Exception {
        String id = "synthetic?size=100000&chunk=1000";
        RecordingListener whole = fetch(FetchRequest.of(id));
        RecordingListener tail = fetch(FetchRequest.of(id).withStartChunk(37));

        assertThat(tail.failure).isNull();
        assertThat(tail.chunkNumbers.get(0)).isEqualTo(37);
        assertThat(tail.bytes()).isEqualTo(java.util.Arrays.copyOfRange(whole.bytes(), 37_000, 100_000));
        assertThat(tail.finalStats.nextChunk()).isEqualTo(100);
    }

    @Test
    void syntheticReportHasExactSizeAndReadableRows() throws Exception {
        RecordingListener l = fetch(FetchRequest.of("synthetic?size=10KiB&chunk=999B"));
        assertThat(l.bytes()).hasSize(10 * 1024);
        assertThat(l.chunkNumbers).hasSize(11);
        assertThat(l.totals).containsOnly(11);
        String[] lines = l.text().split("\n");
        assertThat(lines[0]).startsWith("row_id,date,region,product,units,unit_price,amount");
        assertThat(lines[1]).matches("0000000001,2026-\\d\\d-\\d\\d,.{6},.{10},.{4},.{7},.{10}");
        assertThat(lines[1].length()).isEqualTo(SyntheticText.ROW - 1);
    }

    @Test
    void slowClientDoesNotMakeTheServerRunAhead() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener l = new RecordingListener() {
            @Override
            public void onChunk(int n, int total, com.google.protobuf.ByteString data) throws Exception {
                super.onChunk(n, total, data);
                release.await(); // a client that stops reading after its first chunk
            }
        };
        // 64 MiB in 16 KiB chunks: a server that ignored flow control would queue all 4096 chunks.
        ReportCall call = loopback.client().fetch(
                FetchRequest.of("synthetic?size=64MiB&chunk=16KiB").withPrefetch(4), l);
        try {
            // Let the server run ahead as far as flow control allows: until its count stops growing.
            int[] sent = {-1};
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                int now = loopback.server().metrics().activeChunksSent().stream().mapToInt(i -> i).max().orElse(0);
                boolean stable = now > 0 && now == sent[0];
                sent[0] = now;
                return stable;
            });
            // Bounded by the HTTP/2 windows (about 1 MiB each way) plus the client's prefetch, not the report.
            assertThat(sent[0]).isLessThan(300);
        } finally {
            release.countDown();
            call.cancel();
        }
        assertThat(l.done.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPacerThatHoldsRequestsBackStopsTheServerUntilItLetsThemGo() throws Exception {
        List<Runnable> held = new CopyOnWriteArrayList<>();
        AtomicBoolean holding = new AtomicBoolean(true);
        List<Long> paced = new CopyOnWriteArrayList<>();
        Pacer pacer = (bytes, requestMore) -> {
            paced.add(bytes);
            if (holding.get()) {
                held.add(requestMore);
            } else {
                requestMore.run();
            }
        };
        int size = 32 << 20;
        int chunk = 16 << 10;
        String id = "synthetic?size=32MiB&chunk=16KiB";
        CallRecords records = CallRecords.on(loopback.server().metrics(), id);
        RecordingListener l = new RecordingListener();
        loopback.client().fetch(FetchRequest.of(id).withPrefetch(4).withPacer(pacer), l);

        // Prefetch 4, asking again every 2: two requests held, then nothing more is delivered ...
        Awaitility.await().atMost(WAIT).until(() -> held.size() == 2 && l.chunkNumbers.size() == 4);
        assertThat(paced).containsExactly(2L * chunk, 2L * chunk);
        // ... and the server, held by flow control, stops: far short of the 2048 chunks of the report.
        int[] sent = {-1};
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            int now = loopback.server().metrics().activeChunksSent().stream().mapToInt(i -> i).sum();
            boolean stable = now == sent[0];
            sent[0] = now;
            return stable;
        });
        assertThat(sent[0]).isGreaterThan(0).isLessThan(300);
        assertThat(l.chunkNumbers).hasSize(4);

        holding.set(false);
        held.forEach(Runnable::run);
        assertThat(l.done.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(l.failure).isNull();
        byte[] expected = new byte[size];
        new SyntheticText().fill(0, expected);
        assertThat(l.bytes()).isEqualTo(expected);
        assertThat(records.next(WAIT).status()).isEqualTo(Status.Code.OK);
    }

    @Test
    void resumeAgainstAServerThatIgnoresStartChunkSkipsDuplicates() throws Exception {
        try (SeedServer seed = new SeedServer(1)) {
            RecordingListener l = new RecordingListener();
            new ReportClient(seed.channel).fetch(FetchRequest.of("q3").withStartChunk(4), l);
            assertThat(l.done.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(l.failure).isNull();
            assertThat(l.chunkNumbers).containsExactly(4, 5, 6, 7, 8, 9);
            assertThat(l.text()).isEqualTo(SeedServer.expectedText("q3").substring(
                    SeedServer.expectedText("q3").indexOf("This is chunk 4")));
            assertThat(l.finalStats.skipped()).isEqualTo(4);
            assertThat(l.totals).containsOnly(0);
        }
    }

    @Test
    void catalogOfAnOriginalServerIsUnsupportedNotAnError() throws Exception {
        try (SeedServer seed = new SeedServer(1)) {
            ReportClient.Catalog catalog = new ReportClient(seed.channel).listReports(Duration.ofSeconds(5))
                    .get(10, TimeUnit.SECONDS);
            assertThat(catalog.supported()).isFalse();
        }
        ReportClient.Catalog ours = loopback.client().listReports(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertThat(ours.supported()).isTrue();
        assertThat(ours.reports()).anySatisfy(r -> {
            assertThat(r.id()).isEqualTo(DemoSource.ID);
            assertThat(r.totalChunks()).isEqualTo(10);
        });
    }
}
