package org.reportviewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.client.FetchRequest;
import org.reportviewer.client.ResumableFileSink;
import org.reportviewer.server.CallRecord;
import org.reportviewer.testing.CallRecords;
import org.reportviewer.testing.CliProcess;
import org.reportviewer.testing.LoopbackServerExtension;
import org.reportviewer.testing.RecordingListener;
import org.reportviewer.testing.SeedServer;

/** {@code fetch} and {@code serve} as a user runs them: a separate JVM, real sockets, exit codes. */
class FetchProcessTest {

    private static final Duration EXIT = Duration.ofSeconds(60);
    @RegisterExtension
    static final LoopbackServerExtension loopback = LoopbackServerExtension.standard(20);

    @TempDir
    Path dir;

    private CliProcess fetch(String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "fetch";
        all[1] = "--target";
        all[2] = loopback.target().toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliProcess.start(dir, all);
    }

    private static Matcher summary(String line) {
        Matcher m = SummaryLine.PATTERN.matcher(line);
        assertThat(m.matches()).as("summary line: %s", line).isTrue();
        return m;
    }

    @Test
    void demoToAFileHasExactBytesAndOneSummaryLineOnStdout() throws Exception {
        Path out = dir.resolve("demo.txt");
        try (CliProcess p = fetch("--report", "demo", "--out", out.toString())) {
            assertThat(p.waitFor(EXIT)).as(p.stderr()).isZero();

            assertThat(out).hasContent(SeedServer.expectedText("demo"));
            assertThat(ResumableFileSink.partFile(out)).doesNotExist();
            assertThat(ResumableFileSink.recordFile(out)).doesNotExist();
            List<String> lines = p.stdout().lines().toList();
            assertThat(lines).hasSize(1);
            Matcher m = summary(lines.get(0));
            assertThat(m.group(1)).isEqualTo("10");
            assertThat(m.group(2)).isEqualTo(Long.toString(Files.size(out)));
            assertThat(m.group(3)).isEqualTo("OK");
            assertThat(Long.parseLong(m.group(4))).isNotNegative().isLessThanOrEqualTo(Long.parseLong(m.group(5)));
            assertThat(m.group(7)).isEqualTo("0");
            assertThat(p.stderr()).doesNotContain("received=");
        }
    }

    @Test
    void unknownReportExitsNonZeroWithOneLineMessage() throws Exception {
        try (CliProcess p = fetch("--report", "no-such-report")) {
            assertThat(p.waitFor(EXIT)).isEqualTo(1);

            assertThat(p.stdoutBytes()).isEmpty();
            List<String> err = p.stderrLines();
            assertThat(err).hasSize(2);
            assertThat(err.get(0)).isEqualTo("fetch: NOT_FOUND: no report 'no-such-report'");
            Matcher m = summary(err.get(1));
            assertThat(m.group(3)).isEqualTo("NOT_FOUND");
            assertThat(m.group(1)).isEqualTo("0");
            assertThat(m.group(4)).isEqualTo("-1");
        }
    }

    @Test
    void cancelAfterThreeChunksExitsZeroWithCancelled() throws Exception {
        // 50 chunks, 100 ms apart: without the cancel this would take 5 s. Its own id (no other test
        // here asks for 50 B in 1 B chunks), so no other call's record can answer for it.
        String id = "synthetic?size=50B&chunk=1B&delay=100";
        CallRecords records = CallRecords.on(loopback.server().metrics(), id);
        try (CliProcess p = fetch("--report", id, "--cancel-after", "3")) {
            assertThat(p.waitFor(EXIT)).as(p.stderr()).isZero();

            assertThat(p.stdoutBytes()).hasSize(3);
            Matcher m = summary(p.stderrLines().get(p.stderrLines().size() - 1));
            assertThat(m.group(1)).isEqualTo("3");
            assertThat(m.group(2)).isEqualTo("3");
            assertThat(m.group(3)).isEqualTo("CANCELLED");
            assertThat(p.stderr()).contains("cancelled after 3 chunks as asked");
        }
        CallRecord record = records.next(Duration.ofSeconds(20));
        assertThat(record.status()).isEqualTo(Status.Code.CANCELLED);
        assertThat(record.chunksSent()).isLessThan(50);
        assertThat(record.chunksAfterCancel()).as("chunks the server sent after it saw the cancel").isLessThanOrEqualTo(1);
        org.awaitility.Awaitility.await().atMost(EXIT).until(() -> loopback.server().metrics().activeStreams() == 0);
    }

    @Test
    void stdoutModeWritesTheExactReportAndTheSummaryToStderr() throws Exception {
        String id = "synthetic?size=1MiB&chunk=16KiB";
        RecordingListener reference = new RecordingListener();
        loopback.client().fetch(FetchRequest.of(id), reference);
        assertThat(reference.done.await(20, TimeUnit.SECONDS)).isTrue();

        try (CliProcess p = fetch("--report", id, "--quiet")) {
            assertThat(p.waitFor(EXIT)).as(p.stderr()).isZero();

            assertThat(p.stdoutBytes()).isEqualTo(reference.bytes());
            assertThat(p.stderrLines()).hasSize(1); // --quiet: the summary only
            Matcher m = summary(p.stderrLines().get(0));
            assertThat(m.group(1)).isEqualTo("64");
            assertThat(m.group(2)).isEqualTo(Integer.toString(1 << 20));
            assertThat(m.group(3)).isEqualTo("OK");
        }
    }

    @Test
    void serveOnPortZeroAnnouncesItsPortServesAndStopsOnSigterm() throws Exception {
        try (CliProcess serve = CliProcess.start(dir, "serve", "--port", "0", "--grace", "1s")) {
            Matcher listening = serve.awaitStdoutLine(Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)"), EXIT);
            int port = Integer.parseInt(listening.group(1));
            assertThat(port).isPositive();

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Path file = dir.resolve("from-serve.txt");
            int exit = Cli.execute(new Io(out, new PrintStream(err, true, StandardCharsets.UTF_8), false, false),
                    "fetch", "--target", "127.0.0.1:" + port, "--report", "demo", "--out", file.toString());
            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(file).hasContent(SeedServer.expectedText("demo"));

            serve.process.destroy(); // SIGTERM
            int code = serve.waitFor(Duration.ofSeconds(30));
            assertThat(code).as("a JVM ended by SIGTERM after its shutdown hooks exits 128+15").isEqualTo(143);
            assertThat(serve.stderr()).contains("shutting down").contains("stopped")
                    .contains("report=\"demo\" start=0 completed 10 chunks");
            assertThat(serve.stdout().lines().toList()).containsExactly(listening.group());
        }
    }
}
