package org.reportviewer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.client.Channels;
import org.reportviewer.client.FetchRequest;
import org.reportviewer.client.ReportClient;
import org.reportviewer.client.ResumableFileSink;
import org.reportviewer.client.ResumeRecord;
import org.reportviewer.client.Target;
import org.reportviewer.server.CallRecord;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.testing.CallRecords;
import org.reportviewer.testing.CliProcess;
import org.reportviewer.testing.FaultProxy;
import org.reportviewer.testing.LoopbackServer;
import org.reportviewer.testing.RecordingListener;
import org.reportviewer.testing.SeedServer;

/** Killed servers, killed clients, restarts and shutdowns: nothing is lost and nothing hangs. */
class FaultsEndToEndTest {

    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    /**
     * 128 chunks of 4 KiB, one every 15 ms (about 2 s). The kills below do not race it: a proxy holds
     * the stream still (stall) before each kill, so however slow the machine, it is killed mid-stream.
     */
    private static final String SLOW = "synthetic?size=512KiB&chunk=4KiB&delay=15";
    private static final int SLOW_CHUNKS = 128;

    @TempDir
    Path dir;

    /** What an uninterrupted run delivers, fetched from {@code target} with the client library. */
    private static byte[] uninterrupted(Target target, String reportId) throws InterruptedException {
        ManagedChannel channel = Channels.plaintext(target);
        try {
            RecordingListener l = new RecordingListener();
            new ReportClient(channel).fetch(FetchRequest.of(reportId), l);
            assertThat(l.done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(l.failure).isNull();
            return l.bytes();
        } finally {
            Channels.shutdown(channel);
        }
    }

    /** The resume record's next chunk, or -1 while there is none yet. */
    private static int recordedNextChunk(Path out) {
        try {
            return ResumeRecord.read(ResumableFileSink.recordFile(out)).nextChunk();
        } catch (IOException e) {
            return -1; // not written yet (or being replaced: readers never see half a record, only none)
        }
    }

    private static Matcher summary(String text) {
        Matcher m = SummaryLine.PATTERN.matcher(text.trim());
        assertThat(m.matches()).as("summary line: %s", text).isTrue();
        return m;
    }

    @Test
    void killedClientAndKilledServerThenResumeIsByteIdentical() throws Exception {
        Path out = dir.resolve("report.csv");
        Path part = ResumableFileSink.partFile(out);
        try (CliProcess serverA = CliProcess.start(dir, "serve", "--port", "0");
                FaultProxy proxy = new FaultProxy(new Target("127.0.0.1",
                        Integer.parseInt(serverA.awaitStdoutLine(LISTENING, EXIT).group(1))))) {
            String targetA = proxy.target().toString();

            // 1. The client is killed (SIGKILL) mid-stream: its record must not point past its data.
            try (CliProcess client = CliProcess.start(dir, "fetch", "--target", targetA, "--report", SLOW,
                    "--out", out.toString(), "--quiet")) {
                await().atMost(EXIT).pollInterval(Duration.ofMillis(10)).until(() -> recordedNextChunk(out) >= 5);
                proxy.stall(); // the stream cannot end before the kill
                client.process.destroyForcibly();
                client.waitFor(EXIT);
            }
            proxy.pass();
            ResumeRecord afterClientKill = ResumeRecord.read(ResumableFileSink.recordFile(out));
            assertThat(afterClientKill.nextChunk()).isBetween(5, SLOW_CHUNKS - 1);
            assertThat(afterClientKill.bytes()).isEqualTo(afterClientKill.nextChunk() * 4096L);
            assertThat(Files.size(part)).isGreaterThanOrEqualTo(afterClientKill.bytes());

            // 2. Resume; now the server is killed (SIGKILL) mid-stream: the client says UNAVAILABLE.
            try (CliProcess client = CliProcess.start(dir, "fetch", "--target", targetA, "--report", SLOW,
                    "--out", out.toString(), "--resume", "--quiet")) {
                int resumedAt = afterClientKill.nextChunk();
                await().atMost(EXIT).pollInterval(Duration.ofMillis(10))
                        .until(() -> recordedNextChunk(out) >= resumedAt + 5);
                proxy.stall(); // the stream cannot end before the kill
                serverA.process.destroyForcibly();
                serverA.waitFor(EXIT);
                long dropped = System.nanoTime();
                proxy.cut(); // the dead server's connection drops; what it wrote after the stall never arrives
                int exit = client.waitFor(EXIT);
                long reportedMillis = (System.nanoTime() - dropped) / 1_000_000;
                System.out.println("fetch ended " + reportedMillis + " ms after the killed server's connection "
                        + "dropped, JVM exit included");

                assertThat(exit).isEqualTo(Cli.EXIT_FAILED);
                assertThat(client.stderrLines()).hasSize(1);
                assertThat(client.stderrLines().get(0)).startsWith("fetch: UNAVAILABLE: ")
                        .contains("partial report kept in " + part);
                assertThat(summary(client.stdout()).group(3)).isEqualTo("UNAVAILABLE");
            }
            assertThat(part).exists();
            ResumeRecord afterServerKill = ResumeRecord.read(ResumableFileSink.recordFile(out));
            assertThat(afterServerKill.nextChunk()).isBetween(afterClientKill.nextChunk() + 5, SLOW_CHUNKS - 1);
            assertThat(Files.size(part)).isEqualTo(afterServerKill.bytes());
        }

        // 3. A new server (another port; in-process, to spare a JVM start) and a resume complete the report.
        try (ReportServer serverB = new ReportServer(ReportServer.netty("127.0.0.1", 0), ReportCatalog.standard(null))
                .start()) {
            Target targetB = new Target("127.0.0.1", serverB.port());
            int next = ResumeRecord.read(ResumableFileSink.recordFile(out)).nextChunk();
            CliTest.Run resumed = CliTest.run("fetch", "--target", targetB.toString(), "--report", SLOW,
                    "--out", out.toString(), "--resume");
            assertThat(resumed.exit()).as(resumed.err()).isZero();
            assertThat(resumed.err()).contains("resuming " + part + " at chunk " + next);
            Matcher m = summary(resumed.out());
            assertThat(m.group(3)).isEqualTo("OK");
            assertThat(m.group(1)).isEqualTo(Integer.toString(SLOW_CHUNKS - next));

            assertThat(Files.readAllBytes(out)).isEqualTo(uninterrupted(targetB, SLOW));
            assertThat(part).doesNotExist();
            assertThat(ResumableFileSink.recordFile(out)).doesNotExist();
        }
    }

    @Test
    void retriesCarryOnAcrossAServerRestart() throws Exception {
        // 128 chunks, about 5 s: the server is closed after 5 of them, long before it could finish.
        String report = "synthetic?size=512KiB&chunk=4KiB&delay=40";
        ReportServer first = new ReportServer(ReportServer.netty("127.0.0.1", 0), ReportCatalog.standard(null),
                Duration.ZERO).start();
        int port = first.port();
        Path out = dir.resolve("retried.csv");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Io io = new Io(stdout, new PrintStream(stderr, true, StandardCharsets.UTF_8), false, false);
        CompletableFuture<Integer> fetch = CompletableFuture.supplyAsync(() -> Cli.execute(io, "fetch", "--target",
                "127.0.0.1:" + port, "--report", report, "--out", out.toString(), "--retries", "8"));
        ReportServer second = null;
        try {
            await().atMost(EXIT).pollInterval(Duration.ofMillis(5)).until(() -> recordedNextChunk(out) >= 5);
            first.close(); // no grace: streams in flight end with UNAVAILABLE at once
            await().atMost(EXIT).until(() -> stderr.toString(StandardCharsets.UTF_8).contains("retry 1 of 8"));
            second = new ReportServer(ReportServer.netty("127.0.0.1", port), ReportCatalog.standard(null)).start();
            CallRecords records = CallRecords.on(second.metrics());

            assertThat(fetch.get(60, TimeUnit.SECONDS)).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("fetch: UNAVAILABLE: ");
            Matcher m = summary(stdout.toString(StandardCharsets.UTF_8));
            assertThat(m.group(3)).isEqualTo("OK");
            assertThat(m.group(1)).as("every chunk exactly once").isEqualTo("128");
            assertThat(m.group(2)).isEqualTo(Integer.toString(512 * 1024));
            CallRecord resumed = records.next(Duration.ofSeconds(30));
            assertThat(resumed.startChunk()).as("the retry asked for the next missing chunk").isGreaterThanOrEqualTo(5);
            assertThat(resumed.status()).isEqualTo(Status.Code.OK);
            assertThat(Files.readAllBytes(out)).isEqualTo(uninterrupted(new Target("127.0.0.1", port), report));
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    void resumeAgainstAServerThatIgnoresStartChunkYieldsTheExactReport() throws Exception {
        try (SeedServer seed = new SeedServer(5)) {
            Path out = dir.resolve("q3.txt");
            String target = seed.target().toString();
            CliTest.Run first = CliTest.run("fetch", "--target", target, "--report", "q3", "--out", out.toString(),
                    "--cancel-after", "4");
            assertThat(first.exit()).isZero();
            assertThat(ResumeRecord.read(ResumableFileSink.recordFile(out)).nextChunk()).isEqualTo(4);

            CliTest.Run second = CliTest.run("fetch", "--target", target, "--report", "q3", "--out", out.toString(),
                    "--resume");
            assertThat(second.exit()).as(second.err()).isZero();
            assertThat(out).hasContent(SeedServer.expectedText("q3"));
            Matcher m = summary(second.out());
            assertThat(m.group(1)).as("chunks 0-3 came again and were skipped").isEqualTo("6");
            assertThat(m.group(7)).isEqualTo("0");
        }
    }

    @Test
    void gracefulShutdownEndsStreamsInFlightWithAClearStatus() throws Exception {
        LoopbackServer server = new LoopbackServer(ReportCatalog.standard(null), Duration.ofMillis(200));
        List<RecordingListener> streams = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(3);
        try {
            for (int i = 0; i < 3; i++) {
                RecordingListener l = new RecordingListener() {
                    @Override
                    public void onChunk(int n, int total, ByteString data) throws Exception {
                        super.onChunk(n, total, data);
                        if (n == 0) {
                            started.countDown();
                        }
                    }
                };
                // 1,000 chunks 20 ms apart: far longer than the grace period.
                server.client.fetch(FetchRequest.of("synthetic?size=1000B&chunk=1B&delay=20"), l);
                streams.add(l);
            }
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            Path out = dir.resolve("cli.csv");
            CompletableFuture<CliTest.Run> cli = CompletableFuture.supplyAsync(() -> CliTest.run("fetch", "--target",
                    server.target().toString(), "--report", "synthetic?size=1000B&chunk=1B&delay=20", "--out",
                    out.toString()));
            await().atMost(EXIT).until(() -> recordedNextChunk(out) >= 1);

            CompletableFuture.runAsync(server.server::close).get(30, TimeUnit.SECONDS); // returns: nothing hangs

            for (RecordingListener l : streams) {
                assertThat(l.done.await(30, TimeUnit.SECONDS)).isTrue();
                assertThat(l.failure.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(l.failure.getDescription()).contains("the server is shutting down");
                assertThat(l.chunkNumbers).isNotEmpty().hasSizeLessThan(1000);
            }
            CliTest.Run r = cli.get(30, TimeUnit.SECONDS);
            assertThat(r.exit()).isEqualTo(Cli.EXIT_FAILED);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.errLines().get(0)).startsWith("fetch: UNAVAILABLE: the server is shutting down")
                    .contains("partial report kept in");
            assertThat(Files.size(ResumableFileSink.partFile(out)))
                    .isEqualTo(ResumeRecord.read(ResumableFileSink.recordFile(out)).bytes()).isPositive();
        } finally {
            server.close();
        }
    }
}
