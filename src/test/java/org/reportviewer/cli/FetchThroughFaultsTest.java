package org.reportviewer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.client.KeepAlive;
import org.reportviewer.client.ResumableFileSink;
import org.reportviewer.client.ResumeRecord;
import org.reportviewer.client.Target;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.SyntheticText;
import org.reportviewer.testing.CliProcess;
import org.reportviewer.testing.FaultProxy;

/**
 * {@code fetch} as a user runs it (its own JVM, its own logging) through a {@link FaultProxy}: a
 * server that goes silent ends the fetch by keepalive with one plain line and a resumable
 * {@code .part}; a cut connection too; resuming through a slow link completes byte-exact.
 */
class FetchThroughFaultsTest {

    /** gRPC's shortest ping interval, a 2 s answer timeout: a dead peer shows 12 s after its last byte. */
    private static final List<String> FAST_KEEPALIVE = List.of("-D" + KeepAlive.TIME_PROPERTY + "=10s",
            "-D" + KeepAlive.TIMEOUT_PROPERTY + "=2s");
    /** The keepalive bound plus JVM start and a loaded machine; only a fetch that never notices fails. */
    private static final Duration EXIT = Duration.ofSeconds(60);
    /** 256 chunks of 1 KiB, 20 ms apart (about 5 s): a fault always lands mid-stream. */
    private static final String PACED = "synthetic?size=256KiB&chunk=1KiB&delay=20";

    @TempDir
    Path dir;
    private ReportServer server;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        server = new ReportServer(ReportServer.netty("127.0.0.1", 0), ReportCatalog.standard(null)).start();
        proxy = new FaultProxy(new Target("127.0.0.1", server.port()));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        server.close();
    }

    private CliProcess fetch(Path out, String... more) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("fetch", "--target", proxy.target().toString(),
                "--report", PACED, "--out", out.toString(), "--quiet"));
        args.addAll(List.of(more));
        return CliProcess.start(dir, Map.of(), FAST_KEEPALIVE, args.toArray(String[]::new));
    }

    private static int recordedNextChunk(Path out) {
        try {
            return ResumeRecord.read(ResumableFileSink.recordFile(out)).nextChunk();
        } catch (IOException e) {
            return -1;
        }
    }

    private static byte[] report() {
        byte[] b = new byte[256 << 10];
        new SyntheticText().fill(0, b);
        return b;
    }

    private static Matcher summary(String stdout) {
        Matcher m = SummaryLine.PATTERN.matcher(stdout.trim());
        assertThat(m.matches()).as("summary line: %s", stdout).isTrue();
        return m;
    }

    /** The failed fetch said one plain line, left a consistent .part, and the resume completes it. */
    private void assertResumable(CliProcess failed, Path out, String expectedWords) throws Exception {
        assertThat(failed.waitFor(EXIT)).as(failed.stderr()).isEqualTo(Cli.EXIT_FAILED);
        Path part = ResumableFileSink.partFile(out);
        ResumeRecord record = ResumeRecord.read(ResumableFileSink.recordFile(out));
        assertThat(failed.stderrLines()).containsExactly("fetch: UNAVAILABLE: " + expectedWords
                + "; partial report kept in " + part + " (next chunk " + record.nextChunk()
                + ", continue with --resume)");
        assertThat(summary(failed.stdout()).group(3)).isEqualTo("UNAVAILABLE");
        assertThat(record.nextChunk()).isBetween(8, 255);
        assertThat(Files.size(part)).isEqualTo(record.bytes()).isEqualTo(record.nextChunk() * 1024L);

        proxy.pass();
        proxy.throttle(96 << 10); // and the rest over a slow (96 KiB/s) but live link
        try (CliProcess resumed = fetch(out, "--resume")) {
            long since = System.nanoTime();
            assertThat(resumed.waitFor(EXIT)).as(resumed.stderr()).isZero();
            System.out.printf("the resume took %d ms%n", (System.nanoTime() - since) / 1_000_000);
            assertThat(summary(resumed.stdout()).group(1)).isEqualTo(Integer.toString(256 - record.nextChunk()));
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(report());
        assertThat(part).doesNotExist();
    }

    @Test
    void aBlackHoledServerEndsTheFetchByKeepaliveAndTheResumeCompletes() throws Exception {
        Path out = dir.resolve("black-hole.csv");
        try (CliProcess p = fetch(out)) {
            await().atMost(EXIT).until(() -> recordedNextChunk(out) >= 8);
            proxy.blackHole();
            long since = System.nanoTime();
            p.waitFor(EXIT);
            System.out.printf("fetch exited %d ms after the black hole began (keepalive 10 s + 2 s, JVM exit included)%n",
                    (System.nanoTime() - since) / 1_000_000);
            assertResumable(p, out, "the server at " + proxy.target() + " stopped answering (no reply to keepalive "
                    + "pings); the connection is probably gone; resume when it is back");
        }
    }

    @Test
    void aCutConnectionEndsTheFetchAndTheResumeCompletes() throws Exception {
        Path out = dir.resolve("cut.csv");
        try (CliProcess p = fetch(out)) {
            await().atMost(EXIT).until(() -> recordedNextChunk(out) >= 8);
            proxy.cut();
            assertResumable(p, out, "the connection to " + proxy.target() + " was lost (Connection reset by peer); "
                    + "resume when the server is back");
        }
    }
}
