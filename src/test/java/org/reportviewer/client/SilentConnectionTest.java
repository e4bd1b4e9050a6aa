package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.SyntheticText;
import org.reportviewer.testing.FaultProxy;

/**
 * The client library through a {@link FaultProxy} on loopback: a server that goes silent is
 * reported as UNAVAILABLE by keepalive (not after minutes of TCP), the partial file stays resumable,
 * and a slow but live stream is never cut off.
 */
class SilentConnectionTest {

    /** gRPC's shortest ping interval and a short answer timeout: a dead peer shows within 12 s. */
    static final KeepAlive FAST = new KeepAlive(KeepAlive.MIN_TIME, Duration.ofSeconds(2));
    /** The bound plus room for a loaded 2-core machine; the test fails only if keepalive never fires. */
    static final Duration NOTICED = FAST.bound().plus(Duration.ofSeconds(30));
    /** 256 chunks of 1 KiB, 20 ms apart: about 5 s, so a fault always lands mid-stream. */
    static final String PACED = "synthetic?size=256KiB&chunk=1KiB&delay=20";
    static final int PACED_SIZE = 256 << 10;

    @TempDir
    Path dir;
    private ReportServer server;
    private FaultProxy proxy;
    private ManagedChannel channel;
    private ReportClient client;

    @BeforeEach
    void start() throws IOException {
        server = new ReportServer(ReportServer.netty("127.0.0.1", 0), ReportCatalog.standard(null)).start();
        proxy = new FaultProxy(new Target("127.0.0.1", server.port()));
        channel = Channels.plaintext(proxy.target(), FAST);
        client = new ReportClient(channel);
    }

    @AfterEach
    void stop() throws IOException {
        Channels.shutdown(channel);
        proxy.close();
        server.close();
    }

    static byte[] synthetic(int size) {
        byte[] b = new byte[size];
        new SyntheticText().fill(0, b);
        return b;
    }

    private ResumableFetch fetch(ResumableFileSink sink, String id) {
        return new ResumableFetch(client, id, sink, RetryPolicy.none(), null, FetchRequest.DEFAULT_PREFETCH,
                channel::resetConnectBackoff, null);
    }

    private static int recordedNextChunk(Path out) {
        try {
            return ResumeRecord.read(ResumableFileSink.recordFile(out)).nextChunk();
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void aBlackHoledServerIsUnavailableByKeepaliveAndThePartResumesByteExact() throws Exception {
        Path out = dir.resolve("black-hole.csv");
        ResumableFileSink sink = ResumableFileSink.create(out, PACED, 0);
        CompletableFuture<FetchOutcome> run = CompletableFuture.supplyAsync(fetch(sink, PACED)::run);
        await().atMost(NOTICED).until(() -> recordedNextChunk(out) >= 8);
        proxy.blackHole();

        FetchOutcome o = run.get(NOTICED.toSeconds(), TimeUnit.SECONDS);
        assertThat(o.status().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        // gRPC's keepalive ended it, nothing else (the proxy never closes a black-holed connection).
        assertThat(o.status().getDescription()).contains("Keepalive failed");
        assertThat(o.nextChunk()).isBetween(8, 255);
        Path part = ResumableFileSink.partFile(out);
        assertThat(Files.size(part)).isEqualTo(ResumeRecord.read(ResumableFileSink.recordFile(out)).bytes())
                .isEqualTo(o.nextChunk() * 1024L);

        proxy.pass();
        FetchOutcome resumed = fetch(ResumableFileSink.resume(out, PACED), PACED).run();
        assertThat(resumed.status().getCode()).isEqualTo(Status.Code.OK);
        assertThat(resumed.chunks()).isEqualTo(256 - o.nextChunk());
        assertThat(Files.readAllBytes(out)).isEqualTo(synthetic(PACED_SIZE));
        assertThat(proxy.connectionsAccepted()).as("the resume needed a new connection").isEqualTo(2);
    }

    @Test
    void aCutConnectionFailsAtOnceAndTheResumeCompletesByteExact() throws Exception {
        Path out = dir.resolve("cut.csv");
        CompletableFuture<FetchOutcome> run = CompletableFuture.supplyAsync(
                fetch(ResumableFileSink.create(out, PACED, 0), PACED)::run);
        await().atMost(NOTICED).until(() -> recordedNextChunk(out) >= 8);
        proxy.cut();

        FetchOutcome o = run.get(NOTICED.toSeconds(), TimeUnit.SECONDS);
        assertThat(o.status().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(o.status().getDescription()).doesNotContain("Keepalive");
        assertThat(o.nextChunk()).isBetween(8, 255);

        FetchOutcome resumed = fetch(ResumableFileSink.resume(out, PACED), PACED).run();
        assertThat(resumed.status().getCode()).isEqualTo(Status.Code.OK);
        assertThat(Files.readAllBytes(out)).isEqualTo(synthetic(PACED_SIZE));
    }

    @Test
    void aStallThatEndsBeforeTheKeepaliveBoundLosesNothing() throws Exception {
        Path out = dir.resolve("stall.csv");
        CompletableFuture<FetchOutcome> run = CompletableFuture.supplyAsync(
                fetch(ResumableFileSink.create(out, PACED, 0), PACED)::run);
        await().atMost(NOTICED).until(() -> recordedNextChunk(out) >= 8);
        proxy.stall();
        long held = proxy.bytesToClients();
        // The stall holds: nothing more reaches the client while it lasts ...
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> proxy.bytesToClients() == held);
        proxy.pass(); // ... well within the 10 s before keepalive would even ping

        FetchOutcome o = run.get(NOTICED.toSeconds(), TimeUnit.SECONDS);
        assertThat(o.status().getCode()).isEqualTo(Status.Code.OK);
        assertThat(Files.readAllBytes(out)).isEqualTo(synthetic(PACED_SIZE));
    }

    @Test
    void aThrottledStreamCompletesByteExact() throws Exception {
        proxy.throttle(64 << 10); // 64 KiB/s: a 256 KiB report takes about 4 s
        Path out = dir.resolve("throttled.csv");
        String id = "synthetic?size=256KiB&chunk=4KiB";
        FetchOutcome o = fetch(ResumableFileSink.create(out, id, 0), id).run();
        assertThat(o.status().getCode()).as("%s", o.status()).isEqualTo(Status.Code.OK);
        assertThat(Files.readAllBytes(out)).isEqualTo(synthetic(PACED_SIZE));
    }

    /**
     * A live server that pauses longer than three ping intervals between chunks (31 s against pings
     * every 10 s): the pings are answered, and the server permits them, so the stream completes.
     * With gRPC's default server policy (one ping per 5 minutes) the third ping of the pause would
     * be answered with GOAWAY too_many_pings and the stream would end UNAVAILABLE.
     */
    @Test
    void aLiveServerPausingLongerThanThreePingsIsNeverCutOff() throws Exception {
        Path out = dir.resolve("slow.csv");
        String id = "synthetic?size=64B&chunk=64B&delay=31000"; // one chunk, after a 31 s pause
        FetchOutcome o = fetch(ResumableFileSink.create(out, id, 0), id).run();
        assertThat(o.status().getCode()).as("%s", o.status()).isEqualTo(Status.Code.OK);
        assertThat(Files.readAllBytes(out)).isEqualTo(synthetic(64));
        assertThat(proxy.connectionsAccepted()).as("one connection throughout").isEqualTo(1);
    }
}
